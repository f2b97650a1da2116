/**
 * assemble: Clip[] → one loudness-normalised, chaptered audio file plus its timeline.
 *
 * The clips are joined in PCM (sample-counted), measured, limited if needed, normalised and
 * encoded once. The file appears at its published path only complete: it is written under a
 * temporary name in the same folder and renamed.
 */
import { randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, mkdtemp, rename, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, extname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { InputError } from "../errors.js";
import type { Clip, Cue, TimedChapter } from "../types.js";
import { concatClips } from "./concat.js";
import { encode } from "./encode.js";
import type { FfmpegRunner } from "./ffmpeg.js";
import { buildId3Tag, type EpisodeTags } from "./id3.js";
import { type Measurement, planLoudness } from "./loudness.js";
import { timeEpisode } from "./timeline.js";

export interface AssembleOptions {
  /** The final published path, ending in .mp3 or .m4a. */
  output: string;
  format: "mp3" | "m4a";
  /** kbps. default: 96 */
  bitrate?: number;
  meta: EpisodeTags;
  /** A JPEG or PNG for the MP3's APIC frame (not written into M4A). */
  cover?: string;
  ffmpeg: FfmpegRunner;
  /** Where the joined PCM is kept while working. default: the OS temp folder */
  tmpDir?: string;
}

export interface AssembleResult {
  durationSeconds: number;
  chapters: TimedChapter[];
  cues: Cue[];
  bytes: number;
  /** What the loudness passes found and did, for `--verbose` and the report. */
  loudness: { input: Measurement; limiter: boolean; mode?: string };
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
  const part = join(outDir, `.${basename(opts.output)}.${randomBytes(4).toString("hex")}.part`);
  try {
    const rawPath = join(workDir, "episode.s16le");
    const timeline = await concatClips(clips, { rawPath, workDir, ffmpeg: opts.ffmpeg });
    const times = timeEpisode(clips, chapters, timeline);
    // An MP4 chapter track has no gap before its first sample: the first chapter starts at 0 there.
    if (opts.format === "m4a" && times.chapters[0]) times.chapters[0] = { ...times.chapters[0], start: 0 };
    const plan = await planLoudness(rawPath, timeline.rate, opts.ffmpeg);
    const job = {
      rawPath,
      rate: timeline.rate,
      filter: plan.filter,
      format: opts.format,
      bitrate: opts.bitrate ?? 96,
      name: opts.output,
      tags: opts.meta,
      chapters: times.chapters,
    };
    let mode: string | undefined;
    if (opts.format === "mp3") {
      const audio = join(workDir, "audio.mp3");
      mode = await encode({ ...job, out: audio }, opts.ffmpeg);
      const tag = await buildId3Tag(opts.meta, times.chapters, opts.cover);
      await writeTagged(part, tag, audio);
    } else {
      mode = await encode({ ...job, out: part, metadataPath: join(workDir, "meta.txt") }, opts.ffmpeg);
    }
    await rename(part, opts.output);
    const { size } = await stat(opts.output);
    return {
      ...times,
      bytes: size,
      loudness: { input: plan.input, limiter: plan.limit !== undefined, mode },
    };
  } catch (err) {
    await rm(part, { force: true });
    throw err;
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** Tag bytes, then the encoded audio streamed after them: the MP3 is never loaded whole. */
async function writeTagged(file: string, tag: Buffer, audio: string): Promise<void> {
  const out = createWriteStream(file);
  await new Promise<void>((resolve, reject) => {
    out.once("error", reject);
    out.write(tag, (err) => (err ? reject(err) : resolve()));
  });
  await pipeline(createReadStream(audio), out);
}
