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
/** Samples per block of the coarse maxima bounds are taken from (see blockMaxima). */
export const BLOCK = 4;

/** The largest magnitude of the band-limited signal from sample i to just before i + 1. */
export function peakAt(samples: Float32Array, i: number): number {
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

/** Every sample whose true peak (between it and the next) exceeds a level, with that peak. */
export interface PeaksOver {
  at: number[];
  peak: number[];
}

/**
 * Looks at every point of `samples` whose peak could exceed `level` (`maxima` being the samples'
 * blockMaxima). With `found`, each sample whose peak (rounded to single precision) exceeds the
 * level is added to it; without, the level rises to every larger peak and the highest is returned.
 */
export function scan(samples: Float32Array, maxima: Float32Array, level: number, found?: PeaksOver): number {
  const n = samples.length;
  const count = maxima.length;
  const [outerA, outerB, outerC] = OUTER as [number, number, number];
  // A block's taps reach TAPS - 1 samples back and TAPS ahead: into blocks b - 2 … b + 2, whose
  // maxima slide along in locals.
  let m0 = 0;
  let m1 = 0;
  let m2 = count > 0 ? (maxima[0] as number) : 0;
  let m3 = count > 1 ? (maxima[1] as number) : 0;
  let m4 = count > 2 ? (maxima[2] as number) : 0;
  for (let b = 0; b < count; b++) {
    const near = above(above(above(m0, m1), above(m2, m3)), m4);
    // No point of the block exceeds its largest neighbour times the whole kernel's weight.
    if (GAIN_BOUND * near * MARGIN > level) {
      const from = b * BLOCK;
      const to = Math.min(n, from + BLOCK);
      for (let i = from; i < to; i++) {
        if (
          i < 1 ||
          i + 2 >= n ||
          couldExceed(samples, i, outerA * near, outerB * near, outerC * near, level)
        )
          level = take(i, Math.fround(peakAt(samples, i)), level, found);
      }
    }
    m0 = m1;
    m1 = m2;
    m2 = m3;
    m3 = m4;
    m4 = b + 3 < count ? (maxima[b + 3] as number) : 0;
  }
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

type Twelve = [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
];
/** The middle four taps' weights, tap by tap (A, B, C: the three phases). */
const [A4, B4, C4, A5, B5, C5, A6, B6, C6, A7, B7, C7] = [
  ...WEIGHTS.subarray(3 * (TAPS - 2), 3 * (TAPS + 2)),
] as Twelve;

/**
 * Whether point i (its middle taps inside the clip) could exceed `level`: its middle four taps
 * summed, plus a bound on the outer eight (`rest`, per phase). Each test is almost always false,
 * so the branches are well predicted.
 */
function couldExceed(
  samples: Float32Array,
  i: number,
  restA: number,
  restB: number,
  restC: number,
  level: number,
): boolean {
  const x4 = samples[i - 1] as number;
  const x5 = samples[i] as number;
  const x6 = samples[i + 1] as number;
  const x7 = samples[i + 2] as number;
  const trusted = level / MARGIN;
  return (
    Math.abs(A4 * x4 + A5 * x5 + A6 * x6 + A7 * x7) + restA > trusted ||
    Math.abs(B4 * x4 + B5 * x5 + B6 * x6 + B7 * x7) + restB > trusted ||
    Math.abs(C4 * x4 + C5 * x5 + C6 * x6 + C7 * x7) + restC > trusted ||
    Math.abs(x5) > trusted
  );
}
