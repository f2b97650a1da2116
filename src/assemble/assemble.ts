/**
 * assemble: Clip[] → one loudness-normalised, chaptered audio file plus its timeline.
 *
 * The clips are levelled, trimmed and joined in PCM (sample-counted); the joined audio's loudness
 * follows from the clips' measurements, so it is normalised and encoded in one pass. The file appears at its published path only complete: it is written under a
 * temporary name in the same folder and renamed.
 */
import { mkdir, mkdtemp, rename, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, extname, join } from "node:path";
import type { FfmpegRunner } from "../audio/ffmpeg.js";
import { InputError } from "../errors.js";
import { partPath } from "../output/layout.js";
import { enterPhase } from "../phases.js";
import type { Clip, Cue, TimedChapter } from "../types.js";
import { joinClips } from "./concat.js";
import { type AudioFormat, ENCODERS } from "./encoders/index.js";
import type { EpisodeTags } from "./id3.js";
import { type Measurement, normalizationType, planLoudness } from "./loudness.js";
import { timeEpisode } from "./timeline.js";

export interface AssembleOptions {
  /** The final published path, ending in .mp3 or .m4a. */
  output: string;
  format: AudioFormat;
  /** kbps. default: 96 */
  bitrate?: number;
  meta: EpisodeTags;
  /** A JPEG or PNG: the MP3's APIC frame, the M4A's `covr`. */
  cover?: string;
  ffmpeg: FfmpegRunner;
  /** Where work files (clips converted to the working rate, pieces without a cache) go. default: the OS temp folder */
  tmpDir?: string;
  /**
   * Where encoded MP3 pieces are kept between builds, so a rebuild re-encodes only the pieces
   * whose audio changed. default: none (pieces live in the work folder for this build only)
   */
  pieceDir?: string;
}

export interface AssembleResult {
  durationSeconds: number;
  chapters: TimedChapter[];
  cues: Cue[];
  bytes: number;
  /** What the loudness passes found and did, for `--verbose` and the report. */
  loudness: { input: Measurement; limiter: boolean; mode?: string };
  /** MP3 pieces in the episode, and how many were encoded now (the rest came from pieceDir). */
  pieces?: { total: number; encoded: number };
}

/** Builds the episode audio at `opts.output`; chapter and cue times are exact to the sample. */
export async function assemble(
  clips: Clip[],
  chapters: { title: string }[],
  opts: AssembleOptions,
): Promise<AssembleResult> {
  if (clips.length === 0)
    throw new InputError(`Nothing to read for ${opts.output}: the script has no utterances.`);
  const ext = extname(opts.output).toLowerCase();
  if (ext !== `.${opts.format}`) {
    throw new InputError(`Output ${opts.output} does not end in .${opts.format}; name it *.${opts.format}.`);
  }
  const outDir = dirname(opts.output);
  await mkdir(outDir, { recursive: true });
  const workDir = await mkdtemp(join(opts.tmpDir ?? tmpdir(), "presscast-assemble-"));
  const part = partPath(opts.output);
  try {
    enterPhase("level");
    const { timeline, pcm } = await joinClips(clips, { workDir, ffmpeg: opts.ffmpeg });
    const times = timeEpisode(clips, chapters, timeline);
    const encoder = ENCODERS[opts.format];
    // Each clip was measured when it was made: the episode's loudness needs no pass of its own.
    const { lufs, peakDb } = timeline.measured;
    const plan = planLoudness({ i: lufs, tp: peakDb }, encoder.makeUpGain);
    enterPhase("encode");
    const encoded = await encoder.encode({
      clips,
      timeline,
      times,
      pcm,
      rate: timeline.rate,
      filter: plan.filter,
      bitrate: opts.bitrate ?? 96,
      out: part,
      name: opts.output,
      tags: opts.meta,
      ...(opts.cover ? { cover: opts.cover } : {}),
      workDir,
      ...(opts.pieceDir ? { pieceDir: opts.pieceDir } : {}),
      ffmpeg: opts.ffmpeg,
    });
    const mode = normalizationType(plan.filter);
    await rename(part, opts.output);
    const { size } = await stat(opts.output);
    return {
      ...encoded.times,
      bytes: size,
      loudness: { input: plan.input, limiter: plan.limit !== undefined, ...(mode ? { mode } : {}) },
      ...(encoded.pieces ? { pieces: encoded.pieces } : {}),
    };
  } catch (err) {
    await rm(part, { force: true });
    throw err;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
