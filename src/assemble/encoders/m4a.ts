/**
 * The M4A encoder: one AAC pass with tags and chapters from an ffmetadata file. An MP4 chapter
 * track has no gap before its first sample, so the first chapter starts at 0 here.
 */
import { createWriteStream } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { FfmpegRunner } from "../../audio/ffmpeg.js";
import type { TimedChapter } from "../../types.js";
import type { EpisodeTags } from "../id3.js";
import { OUTPUT_RATE, rawInput } from "../loudness.js";
import type { Encoder } from "./encoder.js";

interface EncodeJob {
  rawPath: string;
  rate: number;
  filter: string;
  /** kbps. */
  bitrate: number;
  out: string;
  /** The published name, for error messages. */
  name: string;
  /** Where to write the ffmetadata file with tags and chapters. */
  metadataPath: string;
  tags: EpisodeTags;
  chapters: TimedChapter[];
  /** A JPEG or PNG stored as the M4A's cover (`covr`). */
  cover?: string;
}

export const m4aEncoder: Encoder = {
  format: "m4a",
  // The MP3 make-up gain is for LAME's loss; AAC gets the plain target.
  makeUpGain: false,
  async encode(job) {
    const first = job.times.chapters[0];
    const times = first
      ? { ...job.times, chapters: [{ ...first, start: 0 }, ...job.times.chapters.slice(1)] }
      : job.times;
    // One pass over the whole episode: its PCM goes to a work file for ffmpeg to read.
    const rawPath = join(job.workDir, "episode.s16le");
    await pipeline(Readable.from(job.pcm(0, job.timeline.totalSamples)), createWriteStream(rawPath));
    await encodeM4a(
      {
        rawPath,
        rate: job.rate,
        filter: job.filter,
        bitrate: job.bitrate,
        name: job.name,
        tags: job.tags,
        chapters: times.chapters,
        out: job.out,
        metadataPath: join(job.workDir, "meta.txt"),
        ...(job.cover ? { cover: job.cover } : {}),
      },
      job.ffmpeg,
    );
    return { times };
  },
};

/** Encodes the M4A in one pass. */
async function encodeM4a(job: EncodeJob, ffmpeg: FfmpegRunner): Promise<void> {
  await writeFile(job.metadataPath, ffmetadata(job.tags, job.chapters));
  const args = ["-y", ...rawInput(job.rawPath, job.rate), "-i", job.metadataPath];
  if (job.cover) args.push("-i", job.cover);
  args.push("-map", "0:a", "-map_metadata", "1", "-map_chapters", "1");
  // The picture is copied as it is, marked as the file's cover rather than a video track.
  if (job.cover) args.push("-map", "2:v", "-c:v", "copy", "-disposition:v:0", "attached_pic");
  args.push("-af", job.filter, "-ar", String(OUTPUT_RATE), "-ac", "1");
  args.push("-c:a", "aac", "-b:a", `${job.bitrate}k`, "-movflags", "+faststart", "-f", "ipod", job.out);
  await ffmpeg.run(args, { what: `encoding ${job.name}` });
}

/** ffmpeg's metadata file format: tags, then one [CHAPTER] block per chapter in milliseconds. */
export function ffmetadata(tags: EpisodeTags, chapters: TimedChapter[]): string {
  const lines = [";FFMETADATA1"];
  const put = (key: string, value: string | undefined) => {
    if (value) lines.push(`${key}=${escapeMeta(value)}`);
  };
  put("title", tags.title);
  put("artist", tags.artist);
  put("album", tags.album);
  put("date", tags.date);
  put("comment", tags.comment);
  put("genre", tags.genre ?? "Podcast");
  put("language", tags.language);
  for (const chapter of chapters) {
    lines.push("[CHAPTER]", "TIMEBASE=1/1000");
    lines.push(`START=${Math.round(chapter.start * 1000)}`, `END=${Math.round(chapter.end * 1000)}`);
    put("title", chapter.title);
  }
  return `${lines.join("\n")}\n`;
}

function escapeMeta(value: string): string {
  return value.replace(/[=;#\\\n]/g, (c) => `\\${c}`);
}
