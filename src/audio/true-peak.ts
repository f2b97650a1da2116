/**
 * The 4× oversampled true peak of BS.1770 (annex 2): between each pair of samples, three points
 * of the band-limited signal are interpolated and the largest magnitude counts.
 *
 * Interpolating every sample is most of the cost of levelling a clip, and almost all of it is
 * wasted: an interpolated point is a weighted sum of its 12 neighbours, so it cannot exceed the
 * largest of them times the sum of the weights' magnitudes. Only where that bound reaches the
 * level that matters (the limiter's ceiling, the largest peak so far) is a point computed; the
 * results are the same, bit for bit, as interpolating everywhere.
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
  return Float64Array.from(kernel);
});
/** No interpolated point exceeds its largest neighbour times this (a hair more, for rounding). */
const GAIN_BOUND =
  Math.max(1, ...KERNELS.map((kernel) => kernel.reduce((sum, k) => sum + Math.abs(k), 0))) * (1 + 1e-9);
/** Samples per block of the coarse maxima the bound is taken from… */
const BLOCK = 4;
/** …and the blocks either side that a block's taps reach into (TAPS - 1 back, TAPS ahead). */
const REACH = Math.ceil(TAPS / BLOCK);

/** The largest magnitude of the band-limited signal from sample i to just before i + 1. */
function peakAt(samples: ArrayLike<number>, i: number): number {
  const n = samples.length;
  let peak = Math.abs(samples[i] as number);
  const from = i - TAPS + 1;
  const inside = from >= 0 && from + 2 * TAPS <= n;
  for (const kernel of KERNELS) {
    let v = 0;
    if (inside) {
      for (let t = 0; t < 2 * TAPS; t++) v += (kernel[t] as number) * (samples[from + t] as number);
    } else {
      for (let t = 0; t < 2 * TAPS; t++) {
        const at = from + t;
        if (at >= 0 && at < n) v += (kernel[t] as number) * (samples[at] as number);
      }
    }
    peak = Math.max(peak, Math.abs(v));
  }
  return peak;
}

/** The largest |sample| of each block of BLOCK samples. */
function blockMaxima(samples: ArrayLike<number>): Float64Array {
  const n = samples.length;
  const maxima = new Float64Array(Math.ceil(n / BLOCK));
  for (let b = 0; b < maxima.length; b++) {
    let max = 0;
    const end = Math.min(n, (b + 1) * BLOCK);
    for (let i = b * BLOCK; i < end; i++) max = Math.max(max, Math.abs(samples[i] as number));
    maxima[b] = max;
  }
  return maxima;
}

/** Bound on every interpolated point of block b (its taps reach into the blocks either side). */
function blockBound(maxima: Float64Array, b: number): number {
  let max = 0;
  const end = Math.min(maxima.length, b + REACH + 1);
  for (let k = Math.max(0, b - REACH); k < end; k++) max = Math.max(max, maxima[k] as number);
  return GAIN_BOUND * max;
}

/**
 * For each sample, the true peak between it and the next, wherever that can exceed `level`;
 * elsewhere the sample's own magnitude, which is then at most `level` too.
 */
export function peaksAbove(samples: ArrayLike<number>, level: number): Float32Array {
  const n = samples.length;
  const peaks = new Float32Array(n);
  const maxima = blockMaxima(samples);
  for (let b = 0; b < maxima.length; b++) {
    const end = Math.min(n, (b + 1) * BLOCK);
    if (blockBound(maxima, b) > level) {
      for (let i = b * BLOCK; i < end; i++) peaks[i] = peakAt(samples, i);
    } else {
      for (let i = b * BLOCK; i < end; i++) peaks[i] = Math.abs(samples[i] as number);
    }
  }
  return peaks;
}

/** True peak of `samples` (full scale 32768), dBFS. */
export function truePeakDb(samples: ArrayLike<number>): number {
  const maxima = blockMaxima(samples);
  let max = 0;
  for (const m of maxima) max = Math.max(max, m);
  const n = samples.length;
  for (let b = 0; b < maxima.length; b++) {
    if (blockBound(maxima, b) <= max) continue;
    const end = Math.min(n, (b + 1) * BLOCK);
    // Rounded to single precision, as a stored peak is (the levels cached so far were made so).
    for (let i = b * BLOCK; i < end; i++) max = Math.max(max, Math.fround(peakAt(samples, i)));
  }
  return 20 * Math.log10(max / 32768);
}
