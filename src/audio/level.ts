/**
 * Clip levelling: every clip is brought to one loudness and its peaks limited before the clips are
 * joined, so no speaker is louder than another whatever the engine's own level, and the engine's
 * leading and trailing silence is cut so that the pauses between clips are the profile's, exactly.
 *
 * A clip's measurement depends on nothing but the clip, so it is cached with it; the episode's
 * loudness then follows from the stored energies (`episodeLoudness`), without reading the episode.
 */
import type { ClipLevel } from "../types.js";
import { integratedLoudness, SUB_BLOCK_SECONDS, subBlockEnergies } from "./bs1770.js";
import { limit } from "./limiter.js";
import { blockCount, clipMaxima, roundSamples, truePeakDb } from "./true-peak.js";

/** Bumped whenever a constant below or the way clips are measured changes. */
export const LEVEL_VERSION = 1;
/** Every clip is levelled to this (the episode target, so the final gain is small). default: -16 LUFS */
export const CLIP_LUFS = -16;
/** True-peak ceiling of a levelled clip: room for the final gain and the MP3 encoder's overshoot. */
const CEILING_DBTP = -3.5;
/** A clip is never boosted or cut by more than this, so a near-silent clip stays quiet. */
const MAX_GAIN_DB = 24;
/** Sound is any 10 ms window louder than this (RMS, dBFS); quieter windows at the edges are cut. */
export const SOUND_DBFS = -46;
export const WINDOW_SECONDS = 0.01;
/** Kept beyond the first and last windows of sound, so no soft consonant is cut. */
const KEEP_SECONDS = 0.03;
/** The kept margins fade in and out over this, so a cut never clicks. */
const FADE_SECONDS = 0.005;

/**
 * Working arrays reused from clip to clip, by name. A clip's levelling needs a few arrays as long
 * as the clip; made afresh each time they kept V8's collector busy (typed arrays count as external
 * memory, and every few tens of MB of it starts a full collection): ~1 s of a seed build's CPU.
 * Only synchronous code holds one, so the next clip cannot overwrite it while it is in use; an
 * array longer than KEPT_SAMPLES is made for its clip alone, so a huge clip's memory is not kept.
 */
const workspace = new Map<string, Float32Array>();
/** About 45 s at 44.1 kHz: 8 MB per array kept. */
const KEPT_SAMPLES = 1 << 21;
function scratch(name: string, length: number): Float32Array {
  const kept = workspace.get(name);
  if (kept && kept.length >= length) return kept.subarray(0, length);
  if (length > KEPT_SAMPLES) return new Float32Array(length);
  const array = new Float32Array(
    Math.min(KEPT_SAMPLES, Math.max(length, Math.ceil((kept?.length ?? 0) * 1.5))),
  );
  workspace.set(name, array);
  return array.subarray(0, length);
}

/** RMS level (dBFS) of samples [start, end). */
function windowLevel(samples: Float32Array, start: number, end: number): number {
  let sum = 0;
  for (let i = start; i < end; i++) {
    const v = samples[i] as number;
    sum += v * v;
  }
  return 10 * Math.log10(sum / (end - start) / 32768 ** 2 + 1e-20);
}

/** RMS level (dBFS) of each 10 ms window of `samples`. */
function windowLevels(samples: Float32Array, rate: number): number[] {
  const size = Math.max(1, Math.round(rate * WINDOW_SECONDS));
  const n = samples.length;
  const levels: number[] = [];
  for (let start = 0; start < n; start += size)
    levels.push(windowLevel(samples, start, Math.min(n, start + size)));
  return levels;
}

/** First and last index of a window above `floor`, or undefined when there is none. */
function loudSpan(levels: number[], floor: number): [number, number] | undefined {
  const first = levels.findIndex((db) => db > floor);
  if (first < 0) return undefined;
  let last = levels.length - 1;
  while ((levels[last] ?? -Infinity) <= floor) last--;
  return [first, last];
}

/**
 * loudSpan of the windowLevels, looking in from each end only as far as the first loud window:
 * the silence an engine leaves around speech is a small part of a clip.
 */
function soundSpan(samples: Float32Array, rate: number, floor: number): [number, number] | undefined {
  const size = Math.max(1, Math.round(rate * WINDOW_SECONDS));
  const n = samples.length;
  const count = Math.ceil(n / size);
  let first = 0;
  while (first < count && windowLevel(samples, first * size, Math.min(n, (first + 1) * size)) <= floor)
    first++;
  if (first === count) return undefined;
  let last = count - 1;
  while (windowLevel(samples, last * size, Math.min(n, (last + 1) * size)) <= floor) last--;
  return [first, last];
}

const clampGain = (db: number) => Math.max(-MAX_GAIN_DB, Math.min(MAX_GAIN_DB, db));

/** Loudness of the clip's active stretch (its windows within 35 dB of its loudest). */
function activeLoudness(samples: Float32Array, rate: number): number {
  const levels = windowLevels(samples, rate);
  // A loop, not Math.max(...levels): a spread of a long clip's levels overflows the stack.
  let loudest = Number.NEGATIVE_INFINITY;
  for (const db of levels) loudest = Math.max(loudest, db);
  const span = loudSpan(levels, Math.max(-60, loudest - 35));
  if (!span) return Number.NEGATIVE_INFINITY;
  const size = Math.round(rate * WINDOW_SECONDS);
  return integratedLoudness(subBlockEnergies(samples.subarray(span[0] * size, (span[1] + 1) * size), rate));
}

/** Measures a clip as the engine made it: the gain that levels it, where to trim it, its energies. */
export function measureClip(clip: Int16Array, rate: number): ClipLevel {
  const samples = scratch("clip", clip.length);
  samples.set(clip);
  const lufs = activeLoudness(samples, rate);
  let gainDb = Number.isFinite(lufs) ? clampGain(CLIP_LUFS - lufs) : 0;
  const ceiling = 32768 * 10 ** (CEILING_DBTP / 20);
  const maxima = clipMaxima(clip, scratch("maxima", blockCount(clip.length)));
  const into = scratch("levelled", clip.length);
  let limited = limit(samples, 10 ** (gainDb / 20), ceiling, rate, { maxima, note: true }, into);
  // The limiter takes a little loudness off a peaky voice; one correction gives it back. Where it
  // did nothing, the clip is just scaled and its loudness is the target already.
  if (limited.engaged && Number.isFinite(lufs)) {
    const after = activeLoudness(limited.samples, rate);
    if (Number.isFinite(after)) {
      gainDb = clampGain(gainDb + CLIP_LUFS - after);
      limited = limit(samples, 10 ** (gainDb / 20), ceiling, rate, { maxima, noted: limited.noted }, into);
    }
  }
  const levelled = limited.samples;
  const size = Math.max(1, Math.round(rate * WINDOW_SECONDS));
  const span = soundSpan(levelled, rate, SOUND_DBFS) ?? [0, Math.ceil(samples.length / size) - 1];
  const keep = Math.round(rate * KEEP_SECONDS);
  const soundStart = span[0] * size;
  const soundEnd = Math.min(samples.length, (span[1] + 1) * size);
  const start = Math.max(0, soundStart - keep);
  const end = Math.min(samples.length, soundEnd + keep);
  const level: ClipLevel = {
    version: LEVEL_VERSION,
    sampleRate: rate,
    lufs,
    gainDb,
    start,
    end,
    lead: soundStart - start,
    tail: end - soundEnd,
    energies: [],
    peakDb: 0,
    over: limited.over,
  };
  const out = finish(levelled, level);
  const outMaxima = roundSamples(out, maxima.subarray(0, blockCount(out.length)));
  level.energies = subBlockEnergies(out, rate);
  level.peakDb = truePeakDb(
    out,
    outMaxima,
    limited.over.map((i) => i - start),
  );
  return level;
}

/** The clip as it goes into the episode: levelled, limited, trimmed, its cut edges faded. */
export function levelClip(clip: Int16Array, level: ClipLevel): Int16Array {
  const ceiling = 32768 * 10 ** (CEILING_DBTP / 20);
  const samples = scratch("clip", clip.length);
  samples.set(clip);
  const into = scratch("levelled", clip.length);
  // A level stored before it knew where the peaks are has them searched for (the same ones).
  const from = level.over
    ? { over: level.over }
    : { maxima: clipMaxima(clip, scratch("maxima", blockCount(clip.length))) };
  const levelled = limit(samples, 10 ** (level.gainDb / 20), ceiling, level.sampleRate, from, into);
  return toClip(finish(levelled.samples, level));
}

/**
 * The kept stretch with its cut edges faded and rounded to 16-bit values; between the fades the
 * samples are left for the caller to round (true-peak.ts's roundSamples, or toClip).
 */
function finish(levelled: Float32Array, level: ClipLevel): Float32Array {
  const from = level.start;
  const length = level.end - from;
  const out = scratch("finished", length);
  const fade = Math.min(Math.round(level.sampleRate * FADE_SECONDS), length >> 1);
  for (let i = 0; i < fade; i++) out[i] = toSample((levelled[from + i] as number) * (i / fade));
  out.set(levelled.subarray(from + fade, from + length - fade), fade);
  for (let i = length - fade; i < length; i++)
    out[i] = toSample((levelled[from + i] as number) * ((length - 1 - i) / fade));
  return out;
}

/**
 * The finished clip as 16-bit samples, rounded as roundSamples does: between the fades a sample is
 * a single-precision float, for which floor(v + 0.5) is exactly Math.round(v), without its branch
 * on the fraction (a coin flip for audio, so mispredicted); a faded one is whole already.
 */
function toClip(finished: Float32Array): Int16Array {
  const clip = new Int16Array(finished.length);
  for (let i = 0; i < finished.length; i++)
    clip[i] = Math.max(-32768, Math.min(32767, Math.floor((finished[i] as number) + 0.5)));
  return clip;
}

/** Math.round(v), clamped to 16 bits: floor(v + 0.5) but for the largest double below 0.5. */
function toSample(v: number): number {
  let r = Math.floor(v + 0.5);
  if (r === 1 && v < 0.5) r = 0;
  return Math.max(-32768, Math.min(32767, r));
}

/**
 * Integrated loudness (LUFS) of clips joined with the given silences after each, from their
 * stored energies: every pause adds its 100 ms blocks of silence, which the gate then weighs as
 * it would in the joined audio.
 */
export function episodeLoudness(parts: Array<{ energies: number[]; pauseSeconds: number }>): number {
  const all: number[] = [];
  for (const part of parts) {
    for (const e of part.energies) all.push(e);
    const silent = Math.round(part.pauseSeconds / SUB_BLOCK_SECONDS);
    for (let k = 0; k < silent; k++) all.push(0);
  }
  return integratedLoudness(all);
}

/** A level is usable when it was made by this version for this clip's rate and length. */
export function isCurrent(level: ClipLevel | undefined, rate: number, samples: number): level is ClipLevel {
  return (
    level !== undefined &&
    level.version === LEVEL_VERSION &&
    level.sampleRate === rate &&
    level.end <= samples &&
    level.start < level.end &&
    (level.over === undefined || isSampleList(level.over, samples))
  );
}

/** Increasing whole sample indices of a clip `samples` long (a damaged list is measured again). */
function isSampleList(list: unknown, samples: number): boolean {
  if (!Array.isArray(list)) return false;
  let last = -1;
  for (const i of list) {
    if (!Number.isInteger(i) || i <= last || i >= samples) return false;
    last = i;
  }
  return true;
}
