/**
 * The 4× oversampled true peak of BS.1770 (annex 2): between each pair of samples, three points
 * of the band-limited signal are interpolated and the largest magnitude counts.
 *
 * Interpolating every sample is most of the cost of levelling a clip, and almost all of it is
 * wasted: an interpolated point is a weighted sum of its 12 neighbours, so it cannot exceed the
 * largest of them times the sum of the weights' magnitudes. Only where that bound reaches the
 * level that matters (the limiter's ceiling, the largest peak so far) is a point computed; the
 * results are the same, bit for bit, as interpolating everywhere.
 *
 * Levelling reads audio as Float32Array only (16-bit samples are exact in it): one element type
 * keeps these loops monomorphic, which V8 runs a few times faster.
 */

/** Half-width of the interpolation kernel; 4 phases × 12 taps is enough for a peak estimate. */
const TAPS = 6;
const PHASES = [0.25, 0.5, 0.75];
const KERNELS = PHASES.map((phase) => {
  const kernel: number[] = [];
  for (let t = -TAPS + 1; t <= TAPS; t++) {
    const x = t - phase;
    const sinc = Math.sin(Math.PI * x) / (Math.PI * x);
    const window = 0.5 + 0.5 * Math.cos((Math.PI * x) / (TAPS + 0.5));
    kernel.push(sinc * window);
  }
  return kernel;
});
/** The three kernels interleaved (tap t of phase p at 3t + p), so one pass over the taps serves all. */
const WEIGHTS = Float64Array.from({ length: 6 * TAPS }, (_, k) => KERNELS[k % 3]?.[Math.floor(k / 3)] ?? 0);
/** No interpolated point exceeds its largest neighbour times this (a hair more, for rounding). */
const GAIN_BOUND =
  Math.max(1, ...KERNELS.map((kernel) => kernel.reduce((sum, k) => sum + Math.abs(k), 0))) * (1 + 1e-9);
/** Samples per block of the coarse maxima the bound is taken from (blockMaxima reads four at a time)… */
const BLOCK = 4;
/** …and the blocks either side that a block's taps reach into (TAPS - 1 back, TAPS ahead). */
const REACH = Math.ceil(TAPS / BLOCK);

/** The largest magnitude of the band-limited signal from sample i to just before i + 1. */
function peakAt(samples: Float32Array, i: number): number {
  const n = samples.length;
  const from = i - TAPS + 1;
  let a = 0;
  let b = 0;
  let c = 0;
  if (from >= 0 && from + 2 * TAPS <= n) {
    for (let t = 0, k = 0; t < 2 * TAPS; t++, k += 3) {
      const x = samples[from + t] as number;
      a += (WEIGHTS[k] as number) * x;
      b += (WEIGHTS[k + 1] as number) * x;
      c += (WEIGHTS[k + 2] as number) * x;
    }
  } else {
    for (let t = 0, k = 0; t < 2 * TAPS; t++, k += 3) {
      const at = from + t;
      if (at < 0 || at >= n) continue;
      const x = samples[at] as number;
      a += (WEIGHTS[k] as number) * x;
      b += (WEIGHTS[k + 1] as number) * x;
      c += (WEIGHTS[k + 2] as number) * x;
    }
  }
  return Math.max(Math.abs(samples[i] as number), Math.abs(a), Math.abs(b), Math.abs(c));
}

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
  // One Math.max over the block, not a compare per sample: audio's signs defeat branch prediction.
  for (let b = 0, i = 0; b < whole; b++, i += BLOCK) {
    const x0 = samples[i] as number;
    const x1 = samples[i + 1] as number;
    const x2 = samples[i + 2] as number;
    const x3 = samples[i + 3] as number;
    maxima[b] = Math.max(Math.abs(x0), Math.abs(x1), Math.abs(x2), Math.abs(x3));
  }
  if (whole < maxima.length) maxima[whole] = 0;
  for (let i = whole * BLOCK; i < n; i++)
    maxima[whole] = Math.max(maxima[whole] as number, Math.abs(samples[i] as number));
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
 * The first block of every run of blocks whose bound (their taps reach into the blocks either
 * side) exceeds `level`, and the block after the run: [from, to) pairs, flattened.
 */
function blocksAbove(maxima: Float32Array, level: number): number[] {
  // A block's bound exceeds the level exactly when a block within REACH of it is above this.
  const loud = level / GAIN_BOUND;
  const runs: number[] = [];
  const count = maxima.length;
  for (let b = 0; b < count; b++) {
    if ((maxima[b] as number) <= loud) continue;
    const from = Math.max(0, b - REACH);
    const to = Math.min(count, b + REACH + 1);
    const open = runs.length;
    if (open > 0 && (runs[open - 1] as number) >= from) runs[open - 1] = to;
    else runs.push(from, to);
  }
  return runs;
}

/** Every sample whose true peak (between it and the next) exceeds a level, with that peak. */
export interface PeaksOver {
  at: number[];
  peak: number[];
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
  const n = samples.length;
  const found: PeaksOver = { at: [], peak: [] };
  const runs = blocksAbove(maxima, level);
  for (let r = 0; r < runs.length; r += 2) {
    const end = Math.min(n, (runs[r + 1] as number) * BLOCK);
    for (let i = (runs[r] as number) * BLOCK; i < end; i++) {
      const peak = Math.fround(peakAt(samples, i));
      if (peak > level) {
        found.at.push(i);
        found.peak.push(peak);
      }
    }
  }
  return found;
}

/** True peak of `samples` (full scale 32768), dBFS; `maxima` as for peaksOver. */
export function truePeakDb(samples: Float32Array, maxima: Float32Array = blockMaxima(samples)): number {
  let max = 0;
  for (let b = 0; b < maxima.length; b++) max = Math.max(max, maxima[b] as number);
  const n = samples.length;
  for (let b = 0; b < maxima.length; b++) {
    const from = Math.max(0, b - REACH);
    const to = Math.min(maxima.length, b + REACH + 1);
    let near = 0;
    for (let k = from; k < to; k++) near = Math.max(near, maxima[k] as number);
    if (GAIN_BOUND * near <= max) continue;
    const end = Math.min(n, (b + 1) * BLOCK);
    // Rounded to single precision, as a stored peak is (the levels cached so far were made so).
    for (let i = b * BLOCK; i < end; i++) max = Math.max(max, Math.fround(peakAt(samples, i)));
  }
  return 20 * Math.log10(max / 32768);
}
