/**
 * The points of BS.1770's 4× oversampled true peak (annex 2): between each sample and the next,
 * three points of the band-limited signal, each a weighted sum of the 12 samples around it.
 *
 * Computing a point is 12 multiply-adds per phase, and almost every point looked at turns out
 * below the level that matters. The middle four taps carry most of the kernel's weight (the outer
 * eight at most 0.29 of it), so their sum plus the outer weights times the largest sample those
 * reach bounds a point for a third of the work, and much more tightly than the largest neighbour
 * times the whole kernel's weight does; only a point whose bound reaches the level is computed,
 * by `peakAt` as before, so the results are the same bit for bit.
 *
 * Audio is read as Float32Array only: one element type keeps these loops monomorphic, which V8
 * runs a few times faster (16-bit samples are exact in it).
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
export const GAIN_BOUND =
  Math.max(1, ...KERNELS.map((kernel) => kernel.reduce((sum, k) => sum + Math.abs(k), 0))) * (1 + 1e-9);
/** Sum of |weight| over each phase's outer taps (all but the middle four), a hair more. */
const OUTER = KERNELS.map(
  (kernel) =>
    kernel.reduce((sum, k, t) => (t >= TAPS - 2 && t <= TAPS + 1 ? sum : sum + Math.abs(k)), 0) * (1 + 1e-9),
);
/**
 * A bound is trusted only when this much under the level: it covers the rounding of the bound's
 * own sums, of the full sums it stands for, and of a peak to single precision (all below 2^-22).
 */
const MARGIN = 1 + 2 ** -20;
/** Samples per block of the coarse maxima bounds are taken from (see blockMaxima)… */
export const BLOCK = 4;
/** …and the blocks either side that a block's taps reach into (TAPS - 1 back, TAPS ahead). */
export const REACH = Math.ceil(TAPS / BLOCK);

/** The largest magnitude of the band-limited signal from sample i to just before i + 1. */
export function peakAt(samples: Float32Array, i: number): number {
  const n = samples.length;
  const from = i - TAPS + 1;
  let a = 0;
  let b = 0;
  let c = 0;
  for (let t = 0, k = 0; t < 2 * TAPS; t++, k += 3) {
    const at = from + t;
    if (at < 0 || at >= n) continue;
    const x = samples[at] as number;
    a += (WEIGHTS[k] as number) * x;
    b += (WEIGHTS[k + 1] as number) * x;
    c += (WEIGHTS[k + 2] as number) * x;
  }
  return Math.max(Math.abs(samples[i] as number), Math.abs(a), Math.abs(b), Math.abs(c));
}

/** Every sample whose true peak (between it and the next) exceeds a level, with that peak. */
export interface PeaksOver {
  at: number[];
  peak: number[];
}

/**
 * Looks at the points of blocks [fromBlock, toBlock) (`maxima` being the samples' blockMaxima).
 * With `found`, each sample whose peak (rounded to single precision) exceeds `level` is added to
 * it; without, the level rises to every larger peak and the highest is returned.
 */
export function interpolate(
  samples: Float32Array,
  maxima: Float32Array,
  fromBlock: number,
  toBlock: number,
  level: number,
  found?: PeaksOver,
): number {
  const n = samples.length;
  const start = fromBlock * BLOCK;
  const end = Math.min(n, toBlock * BLOCK);
  // The middle taps reach a sample back and two ahead: points nearer an edge are computed plainly.
  const lo = Math.min(end, Math.max(start, 1));
  const hi = Math.max(lo, Math.min(end, n - 2));
  for (let i = start; i < lo; i++) level = take(i, Math.fround(peakAt(samples, i)), level, found);
  if (lo < hi) level = slide(samples, maxima, lo, hi, level, found);
  for (let i = hi; i < end; i++) level = take(i, Math.fround(peakAt(samples, i)), level, found);
  return level;
}

function take(i: number, peak: number, level: number, found: PeaksOver | undefined): number {
  if (!found) return Math.max(level, peak);
  if (peak > level) {
    found.at.push(i);
    found.peak.push(peak);
  }
  return level;
}

/**
 * Max of two non-negative numbers without a branch (V8's Math.max branches, and in audio which side
 * wins is a coin flip); off by a few roundings at most, which MARGIN covers.
 */
const above = (x: number, y: number) => (x + y + Math.abs(x - y)) * 0.5;

/** Points [from, to), their middle taps inside the clip; as `interpolate`. */
function slide(
  samples: Float32Array,
  maxima: Float32Array,
  from: number,
  to: number,
  level: number,
  found: PeaksOver | undefined,
): number {
  // The middle weights and samples live in locals: no index or bounds check per tap.
  const middle = WEIGHTS.subarray(3 * (TAPS - 2), 3 * (TAPS + 2));
  const a4 = middle[0] as number;
  const b4 = middle[1] as number;
  const c4 = middle[2] as number;
  const a5 = middle[3] as number;
  const b5 = middle[4] as number;
  const c5 = middle[5] as number;
  const a6 = middle[6] as number;
  const b6 = middle[7] as number;
  const c6 = middle[8] as number;
  const a7 = middle[9] as number;
  const b7 = middle[10] as number;
  const c7 = middle[11] as number;
  const [outerA, outerB, outerC] = OUTER as [number, number, number];
  const last = maxima.length - 1;
  let x4 = samples[from - 1] as number;
  let x5 = samples[from] as number;
  let x6 = samples[from + 1] as number;
  let trusted = level / MARGIN;
  let restA = 0;
  let restB = 0;
  let restC = 0;
  for (let i = from; i < to; i++) {
    const x7 = samples[i + 2] as number;
    if (i === from || i % BLOCK === 0) {
      // The largest sample any outer tap of this block's points reaches (their blocks ± REACH).
      const b = Math.floor(i / BLOCK);
      let near = 0;
      for (let k = Math.max(0, b - REACH); k <= Math.min(last, b + REACH); k++)
        near = above(near, maxima[k] as number);
      restA = outerA * near;
      restB = outerB * near;
      restC = outerC * near;
    }
    // Each test is almost always false, so the branches are well predicted.
    if (
      Math.abs(a4 * x4 + a5 * x5 + a6 * x6 + a7 * x7) + restA > trusted ||
      Math.abs(b4 * x4 + b5 * x5 + b6 * x6 + b7 * x7) + restB > trusted ||
      Math.abs(c4 * x4 + c5 * x5 + c6 * x6 + c7 * x7) + restC > trusted ||
      Math.abs(x5) > trusted
    ) {
      level = take(i, Math.fround(peakAt(samples, i)), level, found);
      trusted = level / MARGIN;
    }
    x4 = x5;
    x5 = x6;
    x6 = x7;
  }
  return level;
}
