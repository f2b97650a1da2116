/**
 * The 4× oversampled true peak of BS.1770 (annex 2): the largest magnitude of the band-limited
 * signal, between samples included (the points themselves are computed in interpolate.ts).
 *
 * Interpolating every sample is most of the cost of levelling a clip, and almost all of it is
 * wasted: an interpolated point is a weighted sum of its 12 neighbours, so it cannot exceed the
 * largest of them times the sum of the weights' magnitudes. Only in blocks where that bound
 * reaches the level that matters (the limiter's ceiling, the largest peak so far) are points
 * looked at; the results are the same, bit for bit, as interpolating everywhere.
 */
import { BLOCK, GAIN_BOUND, type PeaksOver, peakAt, scan } from "./interpolate.js";

export type { PeaksOver } from "./interpolate.js";

/** The length of `samples`' blockMaxima. */
export const blockCount = (samples: number) => Math.ceil(samples / BLOCK);

/** The largest |sample| of each block of BLOCK samples (exact in single precision, as the samples are). */
export function blockMaxima(
  samples: Float32Array,
  into: Float32Array = new Float32Array(blockCount(samples.length)),
): Float32Array {
  const n = samples.length;
  const maxima = into;
  const whole = Math.floor(n / BLOCK);
  // Audio's signs and sizes defeat branch prediction, and V8's Math.max branches: on whole numbers
  // (as 16-bit samples are) |x| and the max are taken in integer arithmetic, without a branch.
  let fraction = 0;
  for (let b = 0, i = 0; b < whole; b++, i += BLOCK) {
    const y0 = Math.abs(samples[i] as number);
    const y1 = Math.abs(samples[i + 1] as number);
    const y2 = Math.abs(samples[i + 2] as number);
    const y3 = Math.abs(samples[i + 3] as number);
    const x0 = y0 | 0;
    const x1 = y1 | 0;
    const x2 = y2 | 0;
    const x3 = y3 | 0;
    fraction |= +(x0 !== y0) | +(x1 !== y1) | +(x2 !== y2) | +(x3 !== y3);
    const m01 = x0 - ((x0 - x1) & ((x0 - x1) >> 31));
    const m23 = x2 - ((x2 - x3) & ((x2 - x3) >> 31));
    maxima[b] = m01 - ((m01 - m23) & ((m01 - m23) >> 31));
  }
  // Any other value (a fraction, 2^31 or more) is taken the plain way.
  if (fraction !== 0) {
    for (let b = 0, i = 0; b < whole; b++, i += BLOCK) {
      const x0 = Math.abs(samples[i] as number);
      const x1 = Math.abs(samples[i + 1] as number);
      const x2 = Math.abs(samples[i + 2] as number);
      const x3 = Math.abs(samples[i + 3] as number);
      maxima[b] = Math.max(x0, x1, x2, x3);
    }
  }
  if (whole < maxima.length) maxima[whole] = 0;
  for (let i = whole * BLOCK; i < n; i++)
    maxima[whole] = Math.max(maxima[whole] as number, Math.abs(samples[i] as number));
  return maxima;
}

/** blockMaxima of 16-bit samples as a WAV holds them: whole numbers, so no check for fractions. */
export function clipMaxima(
  clip: Int16Array,
  into: Float32Array = new Float32Array(blockCount(clip.length)),
): Float32Array {
  const n = clip.length;
  const maxima = into;
  const whole = Math.floor(n / BLOCK);
  for (let b = 0, i = 0; b < whole; b++, i += BLOCK) {
    const x0 = Math.abs(clip[i] as number);
    const x1 = Math.abs(clip[i + 1] as number);
    const x2 = Math.abs(clip[i + 2] as number);
    const x3 = Math.abs(clip[i + 3] as number);
    const m01 = x0 - ((x0 - x1) & ((x0 - x1) >> 31));
    const m23 = x2 - ((x2 - x3) & ((x2 - x3) >> 31));
    maxima[b] = m01 - ((m01 - m23) & ((m01 - m23) >> 31));
  }
  if (whole < maxima.length) maxima[whole] = 0;
  for (let i = whole * BLOCK; i < n; i++)
    maxima[whole] = Math.max(maxima[whole] as number, Math.abs(clip[i] as number));
  return maxima;
}

/**
 * Rounds `values` in place to 16-bit samples (floor(v + 0.5), clamped: Math.round for values in
 * single precision, without its branch on the fraction, a coin flip for audio) and returns their
 * blockMaxima, taken in the same pass in integer arithmetic.
 */
export function roundSamples(
  values: Float32Array,
  into: Float32Array = new Float32Array(blockCount(values.length)),
): Float32Array {
  const n = values.length;
  const whole = Math.floor(n / BLOCK);
  // The last, partial block first: V8 may compile the loop below while it runs, before any code
  // after it has run.
  let last = 0;
  for (let i = whole * BLOCK; i < n; i++) {
    const r = Math.max(-32768, Math.min(32767, Math.floor((values[i] as number) + 0.5)));
    values[i] = r;
    last = Math.max(last, Math.abs(r));
  }
  if (whole < into.length) into[whole] = last;
  for (let b = 0, i = 0; b < whole; b++, i += BLOCK) {
    const r0 = Math.max(-32768, Math.min(32767, Math.floor((values[i] as number) + 0.5)));
    const r1 = Math.max(-32768, Math.min(32767, Math.floor((values[i + 1] as number) + 0.5)));
    const r2 = Math.max(-32768, Math.min(32767, Math.floor((values[i + 2] as number) + 0.5)));
    const r3 = Math.max(-32768, Math.min(32767, Math.floor((values[i + 3] as number) + 0.5)));
    values[i] = r0;
    values[i + 1] = r1;
    values[i + 2] = r2;
    values[i + 3] = r3;
    const x0 = Math.abs(r0 | 0);
    const x1 = Math.abs(r1 | 0);
    const x2 = Math.abs(r2 | 0);
    const x3 = Math.abs(r3 | 0);
    const m01 = x0 - ((x0 - x1) & ((x0 - x1) >> 31));
    const m23 = x2 - ((x2 - x3) & ((x2 - x3) >> 31));
    into[b] = m01 - ((m01 - m23) & ((m01 - m23) >> 31));
  }
  return into;
}

/** The block maxima of `samples × gain` rounded to single precision, from those of `samples`. */
export function scaledMaxima(maxima: Float32Array, gain: number): Float32Array {
  // Rounding is monotonic, so the largest rounded product is the rounded largest product.
  const scaled = new Float32Array(maxima.length);
  for (let b = 0; b < maxima.length; b++) scaled[b] = Math.fround((maxima[b] as number) * gain);
  return scaled;
}

/**
 * Each sample whose true peak exceeds `level`, exactly as interpolating every sample finds it.
 * `maxima` are the samples' blockMaxima, when the caller has them already.
 */
export function peaksOver(
  samples: Float32Array,
  level: number,
  maxima: Float32Array = blockMaxima(samples),
): PeaksOver {
  const found: PeaksOver = { at: [], peak: [] };
  scan(samples, maxima, level, found);
  return found;
}

/** Of the samples `at`, those whose true peak exceeds `level`, as peaksOver finds them. */
export function peaksAt(samples: Float32Array, at: readonly number[], level: number): PeaksOver {
  const found: PeaksOver = { at: [], peak: [] };
  for (const i of at) {
    const peak = Math.fround(peakAt(samples, i));
    if (peak > level) {
      found.at.push(i);
      found.peak.push(peak);
    }
  }
  return found;
}

/**
 * Whether every sample whose true peak exceeds `level` after gain `after` is among those whose
 * peak exceeded `lower` after gain `before` (of the same samples, `maxima` their blockMaxima). A
 * peak scales with the gain but for the rounding of the scaled samples to single precision and of
 * the sums: each under 2^-23 of the kernel's weight times the largest sample, bounded here twice
 * over; and a peak's own rounding to single precision.
 */
export function peaksScale(
  maxima: Float32Array,
  before: number,
  lower: number,
  after: number,
  level: number,
): boolean {
  let largest = 0;
  for (let b = 0; b < maxima.length; b++) largest = Math.max(largest, maxima[b] as number);
  const error = GAIN_BOUND * largest * 2 ** -22;
  // A peak over the level after `after` was at least this after `before`.
  const least = ((before / after) * level * (1 - 2 ** -23) - (before + before) * error) * (1 - 2 ** -23);
  return least > lower;
}

/**
 * True peak of `samples` (full scale 32768), dBFS; `maxima` as for peaksOver. Samples `likely` to
 * be near the peak (where a limiter worked) are looked at first: the higher the level is from the
 * start, the fewer points elsewhere can reach it.
 */
export function truePeakDb(
  samples: Float32Array,
  maxima: Float32Array = blockMaxima(samples),
  likely: readonly number[] = [],
): number {
  let max = 0;
  for (let b = 0; b < maxima.length; b++) max = Math.max(max, maxima[b] as number);
  for (const i of likely)
    if (i >= 0 && i < samples.length) max = Math.max(max, Math.fround(peakAt(samples, i)));
  // Starting from the largest sample, the level rises as peaks are found, so fewer points of the
  // later blocks are computed. Peaks are rounded to single precision, as a stored peak is (the
  // levels cached so far were made so).
  max = scan(samples, maxima, max);
  return 20 * Math.log10(max / 32768);
}
