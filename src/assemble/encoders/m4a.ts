/**
 * The encoder settings: MP3 (CBR LAME, untagged; pieces are encoded by pieces/pieces.ts and the ID3 tag
 * prepended when they are joined) and the single M4A encode pass (AAC with tags and chapters from
 * an ffmetadata file).
 */
import { writeFile } from "node:fs/promises";
import type { FfmpegRunner } from "../audio/ffmpeg.js";
import type { TimedChapter } from "../types.js";
import type { EpisodeTags } from "./id3.js";
import { normalizationType, OUTPUT_RATE, rawInput } from "./loudness.js";

export interface EncodeJob {
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

/**
 * LAME's quality/speed setting (0 best … 9 fastest). At 96 kbps mono speech, 7 keeps the same
 * bitrate and loudness within 0.1 LU of the default, at half the encode time.
 */
export const MP3_QUALITY = 7;

/** ffmpeg output options for presscast's MP3: 44.1 kHz mono CBR, no ID3, with the Info frame. */
export function mp3OutputArgs(bitrate: number): string[] {
  return ["-ar", String(OUTPUT_RATE), "-ac", "1", "-c:a", "libmp3lame", "-b:a", `${bitrate}k`]
    .concat(["-compression_level", String(MP3_QUALITY), "-id3v2_version", "0", "-write_xing", "1"])
    .concat(["-f", "mp3"]);
}

/** Encodes the M4A in one pass; returns "linear" when the chain applies one gain. */
export async function encodeM4a(job: EncodeJob, ffmpeg: FfmpegRunner): Promise<string | undefined> {
  await writeFile(job.metadataPath, ffmetadata(job.tags, job.chapters));
  const args = ["-y", ...rawInput(job.rawPath, job.rate), "-i", job.metadataPath];
  if (job.cover) args.push("-i", job.cover);
  args.push("-map", "0:a", "-map_metadata", "1", "-map_chapters", "1");
  // The picture is copied as it is, marked as the file's cover rather than a video track.
  if (job.cover) args.push("-map", "2:v", "-c:v", "copy", "-disposition:v:0", "attached_pic");
  args.push("-af", job.filter, "-ar", String(OUTPUT_RATE), "-ac", "1");
  args.push("-c:a", "aac", "-b:a", `${job.bitrate}k`, "-movflags", "+faststart", "-f", "ipod", job.out);
  await ffmpeg.run(args, { what: `encoding ${job.name}` });
  return normalizationType(job.filter);
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
