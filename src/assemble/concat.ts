/**
 * Joins every clip and pause into one raw mono s16le file and records where each clip landed,
 * in samples. All chapter and cue times come from these counts, so they cannot drift the way
 * summed MP3 durations do, and the episode's PCM never sits in memory: it is copied 64 KiB at a time.
 */
import { open } from "node:fs/promises";
import { join } from "node:path";
import type { FfmpegRunner } from "../audio/ffmpeg.js";
import { isMonoPcm16, readWavInfo, type WavInfo } from "../audio/wav.js";
import type { Clip } from "../types.js";

/** Where each clip sits in the joined PCM. */
export interface Timeline {
  /** The working sample rate every count below is in. */
  rate: number;
  totalSamples: number;
  /** First sample of each clip, in clip order. */
  starts: number[];
  /** Length of each clip in samples (its pause excluded). */
  lengths: number[];
  /** Offset within each clip of its first sample louder than -40 dBFS (0 for a silent clip). */
  onsets: number[];
}

const CHUNK = 64 * 1024;
const ONSET_LEVEL = Math.round(32768 * 10 ** (-40 / 20));
/** Inputs per ffmpeg process when resampling odd clips: one process start costs ~0.1 s. */
const BATCH = 32;

/** Writes the joined PCM to `rawPath`; clips at another rate or layout are converted by ffmpeg first. */
export async function concatClips(
  clips: Clip[],
  opts: { rawPath: string; workDir: string; ffmpeg: FfmpegRunner },
): Promise<Timeline> {
  const infos: WavInfo[] = [];
  for (const clip of clips) infos.push(await readWavInfo(clip.file));
  const rate = workingRate(infos);
  const sources = await convertOddClips(clips, infos, rate, opts);
  const out = await open(opts.rawPath, "w");
  const timeline: Timeline = { rate, totalSamples: 0, starts: [], lengths: [], onsets: [] };
  const buffer = Buffer.alloc(CHUNK);
  const zeros = Buffer.alloc(CHUNK);
  let written = 0;
  try {
    for (const [i, clip] of clips.entries()) {
      const source = sources[i] as Source;
      const src = await open(source.file, "r");
      let onset = -1;
      let copied = 0;
      try {
        while (copied < source.bytes) {
          const want = Math.min(CHUNK, source.bytes - copied);
          const { bytesRead } = await src.read(buffer, 0, want, source.offset + copied);
          if (bytesRead === 0) break;
          const usable = bytesRead - (bytesRead % 2);
          if (onset < 0) onset = findOnset(buffer, usable, copied / 2);
          await out.write(buffer, 0, usable);
          copied += usable;
        }
      } finally {
        await src.close();
      }
      const length = copied / 2;
      timeline.starts.push(written);
      timeline.lengths.push(length);
      timeline.onsets.push(Math.max(onset, 0));
      written += length;
      let pause = Math.round((Math.max(clip.utterance.pauseAfterMs, 0) * rate) / 1000) * 2;
      written += pause / 2;
      while (pause > 0) {
        const n = Math.min(pause, CHUNK);
        await out.write(zeros, 0, n);
        pause -= n;
      }
    }
  } finally {
    await out.close();
  }
  timeline.totalSamples = written;
  return timeline;
}

interface Source {
  file: string;
  offset: number;
  bytes: number;
}

/** The rate that carries the most audio, so the fewest clips need resampling. */
function workingRate(infos: WavInfo[]): number {
  const byRate = new Map<number, number>();
  for (const info of infos) {
    // Compressed clips (bitsPerSample 0) carry no countable frames here; they will be resampled anyway.
    const frames = info.bitsPerSample ? info.dataBytes / (info.channels * (info.bitsPerSample / 8)) : 0;
    byRate.set(info.sampleRate, (byRate.get(info.sampleRate) ?? 0) + frames);
  }
  let best = 0;
  let bestFrames = -1;
  for (const [rate, frames] of byRate) {
    if (frames > bestFrames || (frames === bestFrames && rate > best)) [best, bestFrames] = [rate, frames];
  }
  return best || 44100;
}

async function convertOddClips(
  clips: Clip[],
  infos: WavInfo[],
  rate: number,
  opts: { workDir: string; ffmpeg: FfmpegRunner },
): Promise<Source[]> {
  const sources: Source[] = infos.map((info, i) => ({
    file: (clips[i] as Clip).file,
    offset: info.dataOffset,
    bytes: info.dataBytes,
  }));
  const odd = infos.flatMap((info, i) => (isMonoPcm16(info) && info.sampleRate === rate ? [] : [i]));
  for (let b = 0; b < odd.length; b += BATCH) {
    const batch = odd.slice(b, b + BATCH);
    const inputs = batch.flatMap((i) => ["-i", (clips[i] as Clip).file]);
    const outputs = batch.flatMap((i, k) => {
      const file = join(opts.workDir, `clip-${i}.raw`);
      sources[i] = { file, offset: 0, bytes: Number.POSITIVE_INFINITY };
      return ["-map", `${k}:a:0`, "-ac", "1", "-ar", String(rate), "-f", "s16le", "-c:a", "pcm_s16le", file];
    });
    const first = clips[batch[0] as number] as Clip;
    await opts.ffmpeg.run(["-y", ...inputs, ...outputs], {
      what: `resampling clip ${first.file} (and ${batch.length - 1} more) to ${rate} Hz`,
    });
  }
  return sources;
}

/** Index (in samples, counted from the clip's start) of the first loud sample in this chunk, or -1. */
function findOnset(buffer: Buffer, bytes: number, firstSample: number): number {
  for (let p = 0; p < bytes; p += 2) {
    const v = buffer.readInt16LE(p);
    if (v >= ONSET_LEVEL || v <= -ONSET_LEVEL) return firstSample + p / 2;
  }
  return -1;
}
