/**
 * `presscast inspect`: what a listener's player and a loudness meter would see in any audio file.
 * Tags and chapters come from music-metadata (an independent reader of what we wrote); loudness
 * from ffmpeg's EBU R128 meter with true peak.
 */
import { stat } from "node:fs/promises";
import { type IAudioMetadata, parseFile } from "music-metadata";
import type { FfmpegRunner } from "../audio/ffmpeg.js";
import { InputError } from "../errors.js";

export interface InspectResult {
  durationSeconds: number;
  /** Container and codec, e.g. "MPEG/MPEG 1 Layer 3". */
  format: string;
  /** bits per second. */
  bitrate?: number;
  sampleRate?: number;
  channels?: number;
  tags: {
    title?: string;
    artist?: string;
    album?: string;
    date?: string;
    genre?: string;
    comment?: string;
    language?: string;
  };
  chapters: { title: string; start: number; end: number }[];
  /** LUFS, dBTP and LU as ffmpeg's ebur128 filter measures them. */
  loudness: { integrated: number; truePeak: number; lra: number };
}

/** Reads an audio file's duration, tags, chapters and loudness; bad input is an InputError. */
export async function inspect(file: string, ffmpeg: FfmpegRunner): Promise<InspectResult> {
  try {
    if (!(await stat(file)).isFile()) throw new Error("not a file");
  } catch {
    throw new InputError(`Audio file ${file} does not exist or is not a file; check the path.`);
  }
  let meta: IAudioMetadata;
  let chaptersRead = true;
  try {
    meta = await parseFile(file, { includeChapters: true, duration: true });
  } catch {
    // music-metadata 11 rejects MP4 chapter tracks with several samples per chunk, which is how
    // ffmpeg writes them; read the rest without chapters and take those from ffmpeg instead.
    chaptersRead = false;
    try {
      meta = await parseFile(file, { duration: true });
    } catch (err) {
      throw new InputError(`${file} is not an audio file presscast can read (${(err as Error).message}).`);
    }
  }
  const { format, common } = meta;
  if (!format.duration || !(format.codec || format.container)) {
    throw new InputError(`${file} is not an audio file presscast can read (no audio stream found).`);
  }
  const duration = format.duration;
  const loudness = await measureLoudness(file, ffmpeg);
  return {
    durationSeconds: duration,
    format: [format.container, format.codec].filter(Boolean).join("/"),
    bitrate: format.bitrate,
    sampleRate: format.sampleRate,
    channels: format.numberOfChannels,
    tags: {
      title: common.title,
      artist: common.artist,
      album: common.album,
      date: common.date ?? (common.year ? String(common.year) : undefined),
      genre: common.genre?.[0],
      comment: common.comment?.[0]?.text,
      language: common.language,
    },
    chapters: chaptersRead ? chaptersOf(meta, duration) : ffmpegChapters(loudness.inputDump),
    loudness: { integrated: loudness.integrated, truePeak: loudness.truePeak, lra: loudness.lra },
  };
}

/** ID3 chapters come in seconds; MP4 chapter tracks in their own time scale and without ends. */
function chaptersOf(meta: IAudioMetadata, duration: number): InspectResult["chapters"] {
  const raw = meta.format.chapters ?? [];
  const starts = raw.map((c) => (c.timeScale ? c.start / c.timeScale : c.start));
  return raw.map((c, i) => {
    const end = c.end !== undefined && !c.timeScale ? c.end : (starts[i + 1] ?? duration);
    return { title: c.title, start: starts[i] ?? 0, end };
  });
}

/** Chapters from ffmpeg's description of its input (its demuxer's reading, not its re-based output). */
function ffmpegChapters(inputDump: string): InspectResult["chapters"] {
  const found = inputDump.matchAll(
    /Chapter #\d+:\d+: start (-?[\d.]+), end (-?[\d.]+)\n(?:\s+Metadata:\n\s+title\s+: (.*))?/g,
  );
  return [...found].map((m) => ({ title: (m[3] ?? "").trim(), start: Number(m[1]), end: Number(m[2]) }));
}

/** Runs ebur128 over the first audio stream; returns its summary and ffmpeg's input description. */
export async function measureLoudness(
  file: string,
  ffmpeg: FfmpegRunner,
): Promise<InspectResult["loudness"] & { inputDump: string }> {
  const filter = "ebur128=peak=true:framelog=verbose";
  const { stderr } = await ffmpeg.run(["-i", file, "-map", "0:a:0", "-af", filter, "-f", "null", "-"], {
    what: `measuring the loudness of ${file}`,
  });
  const summary = stderr.slice(stderr.lastIndexOf("Summary:"));
  const number = (re: RegExp) => {
    const value = summary.match(re)?.[1];
    return value === undefined ? Number.NaN : value === "-inf" ? Number.NEGATIVE_INFINITY : Number(value);
  };
  return {
    integrated: number(/\bI:\s+(-?[\d.]+|-inf) LUFS/),
    truePeak: number(/\bPeak:\s+(-?[\d.]+|-inf) dBFS/),
    lra: number(/\bLRA:\s+(-?[\d.]+) LU\b/),
    inputDump: stderr.slice(0, Math.max(0, stderr.indexOf("Output #0"))),
  };
}
