/**
 * Joins every clip and pause into one mono s16le stream and records where each clip landed, in
 * samples. All chapter and cue times come from these counts, so they cannot drift the way
 * summed MP3 durations do, and the episode's PCM never sits in memory or on disk: one clip at
 * a time, as an encoder reads it.
 */
import { open, stat } from "node:fs/promises";
import { join } from "node:path";
import type { FfmpegRunner } from "../audio/ffmpeg.js";
import { episodeLoudness, isCurrent, levelClip, measureClip } from "../audio/level.js";
import { isMonoPcm16, readWavInfo, type WavInfo } from "../audio/wav.js";
import { chargeSync } from "../phases.js";
import type { Clip, ClipLevel } from "../types.js";

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

/** The joined episode: where everything is, and its PCM for any stretch, made when it is read. */
export interface Joined {
  timeline: Timeline;
  /**
   * Samples [start, stop) of the joined PCM (mono s16le at `timeline.rate`), clip by clip: each
   * clip is read and levelled only when a stretch that holds it is read, so a rebuild that reuses
   * most of its encoded pieces levels only the clips of the pieces it encodes.
   */
  pcm(start: number, stop: number): AsyncGenerator<Buffer>;
}

/**
 * Lays the clips out: each levelled and trimmed (see level.ts), then silence so that from its
 * last sound to the next clip's first is exactly its pause. The layout needs only the clips'
 * levels, measured when they were made; clips at another rate or layout are converted by ffmpeg
 * first (and measured again at the working rate).
 */
export async function joinClips(
  clips: Clip[],
  opts: { workDir: string; ffmpeg: FfmpegRunner },
): Promise<Joined> {
  const infos: WavInfo[] = [];
  for (const clip of clips) infos.push(await readWavInfo(clip.file));
  const rate = workingRate(infos);
  const sources = await convertOddClips(clips, infos, rate, opts);
  const levels: ClipLevel[] = [];
  for (const [i, clip] of clips.entries()) {
    const source = sources[i] as Source;
    const given = clip.level;
    if (isCurrent(given, rate, await sampleCount(source))) levels.push(given);
    else {
      const samples = await readSamples(source);
      levels.push(chargeSync("level", () => measureClip(samples, rate)));
    }
  }
  const timeline: Timeline = {
    rate,
    totalSamples: 0,
    starts: [],
    lengths: [],
    onsets: [],
    measured: { lufs: Number.NEGATIVE_INFINITY, peakDb: Number.NEGATIVE_INFINITY },
  };
  const parts: Array<{ energies: number[]; pauseSeconds: number }> = [];
  let at = Math.max(0, Math.round(START_SILENCE_SECONDS * rate) - (levels[0]?.lead ?? 0));
  for (const [i, clip] of clips.entries()) {
    const level = levels[i] as ClipLevel;
    const next = levels[i + 1];
    const length = level.end - level.start;
    timeline.starts.push(at);
    timeline.lengths.push(length);
    timeline.onsets.push(level.lead);
    timeline.measured.peakDb = Math.max(timeline.measured.peakDb, level.peakDb);
    at += length;
    const wanted = next ? Math.max(clip.utterance.pauseAfterMs, 0) / 1000 : END_SILENCE_SECONDS;
    const margins = level.tail + (next ? next.lead : 0);
    const pause = Math.max(0, Math.round(wanted * rate) - margins);
    parts.push({ energies: level.energies, pauseSeconds: pause / rate });
    at += pause;
  }
  timeline.totalSamples = at;
  timeline.measured.lufs = episodeLoudness(parts);

  async function* pcm(start: number, stop: number): AsyncGenerator<Buffer> {
    let at = start;
    for (let i = 0; i < clips.length && at < stop; i++) {
      const first = timeline.starts[i] as number;
      const end = first + (timeline.lengths[i] as number);
      if (end <= at) continue;
      if (at < first) {
        yield* silence(Math.min(first, stop) - at);
        at = Math.min(first, stop);
        if (at >= stop) break;
      }
      const samples = await readSamples(sources[i] as Source);
      const audio = chargeSync("level", () => levelClip(samples, levels[i] as ClipLevel));
      const from = at - first;
      const to = Math.min(end, stop) - first;
      yield Buffer.from(audio.buffer, audio.byteOffset + from * 2, (to - from) * 2);
      at = first + to;
    }
    if (at < stop) yield* silence(stop - at);
  }
  return { timeline, pcm };
}

const ZEROS = Buffer.alloc(CHUNK);

function* silence(samples: number): Generator<Buffer> {
  for (let bytes = samples * 2; bytes > 0; bytes -= CHUNK) yield ZEROS.subarray(0, Math.min(bytes, CHUNK));
}

/** The clip's length in samples at the working rate, from its header or converted file's size. */
async function sampleCount(source: Source): Promise<number> {
  if (Number.isFinite(source.bytes)) return Math.floor(source.bytes / 2);
  return Math.floor(((await stat(source.file)).size - source.offset) / 2);
}

/** The clip's samples at the working rate. */
async function readSamples(source: Source): Promise<Int16Array> {
  const handle = await open(source.file, "r");
  try {
    const bytes = Number.isFinite(source.bytes) ? source.bytes : (await handle.stat()).size - source.offset;
    // Read straight into the samples' memory: a book's clips are hundreds of MB of short-lived
    // arrays, and a second copy of each doubled the collector's work.
    const samples = new Int16Array(bytes >> 1);
    const { bytesRead } = await handle.read(
      new Uint8Array(samples.buffer),
      0,
      samples.byteLength,
      source.offset,
    );
    return bytesRead === samples.byteLength ? samples : samples.subarray(0, bytesRead >> 1);
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
