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

/** True peak of `samples` (full scale 32768), dBFS; `maxima` as for peaksOver. */
export function truePeakDb(samples: Float32Array, maxima: Float32Array = blockMaxima(samples)): number {
  let max = 0;
  for (let b = 0; b < maxima.length; b++) max = Math.max(max, maxima[b] as number);
  // Starting from the largest sample, the level rises as peaks are found, so fewer points of the
  // later blocks are computed. Peaks are rounded to single precision, as a stored peak is (the
  // levels cached so far were made so).
  max = scan(samples, maxima, max);
  return 20 * Math.log10(max / 32768);
}
