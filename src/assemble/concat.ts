/**
 * Joins every clip and pause into one raw mono s16le file and records where each clip landed,
 * in samples. All chapter and cue times come from these counts, so they cannot drift the way
 * summed MP3 durations do, and the episode's PCM never sits in memory: one clip at a time.
 */
import { type FileHandle, open } from "node:fs/promises";
import { join } from "node:path";
import type { FfmpegRunner } from "../audio/ffmpeg.js";
import { episodeLoudness, isCurrent, levelClip, measureClip } from "../audio/level.js";
import { isMonoPcm16, readWavInfo, type WavInfo } from "../audio/wav.js";
import type { Clip } from "../types.js";

const CHUNK = 64 * 1024;

/** Where each clip sits in the joined PCM. */
export interface Timeline {
  /** The working sample rate every count below is in. */
  rate: number;
  totalSamples: number;
  /** First sample of each clip, in clip order. */
  starts: number[];
  /** Length of each clip in samples (its pause excluded). */
  lengths: number[];
  /** Offset within each clip of its first 10 ms window of sound. */
  onsets: number[];
  /** The joined audio's loudness and true peak, from the clips' measurements. */
  measured: { lufs: number; peakDb: number };
}

/** Silence after the last clip, so a player never cuts the last word. default: 1.5 s */
export const END_SILENCE_SECONDS = 1.5;
/**
 * Silence before the first clip: the first chapter marker sits at 0, before the first sound, and
 * a player's first decoded frame may be muted. default: 0.3 s
 */
export const START_SILENCE_SECONDS = 0.3;
/** Inputs per ffmpeg process when resampling odd clips: one process start costs ~0.1 s. */
const BATCH = 32;

/**
 * Writes the joined PCM to `rawPath`: each clip levelled and trimmed (see level.ts), then silence
 * so that from its last sound to the next clip's first is exactly its pause. Clips at another rate
 * or layout are converted by ffmpeg first (and measured again at the working rate).
 */
export async function concatClips(
  clips: Clip[],
  opts: { rawPath: string; workDir: string; ffmpeg: FfmpegRunner },
): Promise<Timeline> {
  const infos: WavInfo[] = [];
  for (const clip of clips) infos.push(await readWavInfo(clip.file));
  const rate = workingRate(infos);
  const sources = await convertOddClips(clips, infos, rate, opts);
  const prepare = async (i: number) => {
    const samples = await readSamples(sources[i] as Source);
    const given = (clips[i] as Clip).level;
    const level = isCurrent(given, rate, samples.length) ? given : measureClip(samples, rate);
    return { level, audio: levelClip(samples, level) };
  };
  const out = await open(opts.rawPath, "w");
  const timeline: Timeline = {
    rate,
    totalSamples: 0,
    starts: [],
    lengths: [],
    onsets: [],
    measured: { lufs: Number.NEGATIVE_INFINITY, peakDb: Number.NEGATIVE_INFINITY },
  };
  const parts: Array<{ energies: number[]; pauseSeconds: number }> = [];
  let written = 0;
  try {
    let next = clips.length > 0 ? await prepare(0) : undefined;
    if (next) written += await writeSilence(out, Math.round(START_SILENCE_SECONDS * rate) - next.level.lead);
    for (const [i, clip] of clips.entries()) {
      const current = next as Awaited<ReturnType<typeof prepare>>;
      next = i + 1 < clips.length ? await prepare(i + 1) : undefined;
      const { audio, level } = current;
      await out.write(Buffer.from(audio.buffer, audio.byteOffset, audio.byteLength));
      timeline.starts.push(written);
      timeline.lengths.push(audio.length);
      timeline.onsets.push(level.lead);
      timeline.measured.peakDb = Math.max(timeline.measured.peakDb, level.peakDb);
      written += audio.length;
      const wanted = next ? Math.max(clip.utterance.pauseAfterMs, 0) / 1000 : END_SILENCE_SECONDS;
      const margins = level.tail + (next ? next.level.lead : 0);
      const pause = await writeSilence(out, Math.round(wanted * rate) - margins);
      parts.push({ energies: level.energies, pauseSeconds: pause / rate });
      written += pause;
    }
  } finally {
    await out.close();
  }
  timeline.totalSamples = written;
  timeline.measured.lufs = episodeLoudness(parts);
  return timeline;
}

const ZEROS = Buffer.alloc(CHUNK);

/** Appends `samples` of silence (none if negative); returns how many were written. */
async function writeSilence(out: FileHandle, samples: number): Promise<number> {
  let bytes = Math.max(0, samples) * 2;
  while (bytes > 0) {
    const n = Math.min(bytes, CHUNK);
    await out.write(ZEROS, 0, n);
    bytes -= n;
  }
  return Math.max(0, samples);
}

/** The clip's samples at the working rate. */
async function readSamples(source: Source): Promise<Int16Array> {
  const handle = await open(source.file, "r");
  try {
    const bytes = Number.isFinite(source.bytes) ? source.bytes : (await handle.stat()).size - source.offset;
    const buffer = Buffer.alloc(bytes - (bytes % 2));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, source.offset);
    const samples = new Int16Array(bytesRead >> 1);
    Buffer.from(samples.buffer).set(buffer.subarray(0, samples.length * 2));
    return samples;
  } finally {
    await handle.close();
  }
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
      phase: "level",
    });
  }
  return sources;
}
