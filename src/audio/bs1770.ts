/**
 * ITU-R BS.1770 loudness in plain JavaScript, at any sample rate: the K-weighting filter, 100 ms
 * sub-block energies, gated integrated loudness over 400 ms blocks, and a 4× oversampled
 * true-peak estimate. Clips are measured here once, when they are made, and the episode's
 * loudness is then computed from their stored energies instead of from a pass over its audio.
 */

/** Energies are kept per 100 ms; a gating block is four of them (400 ms, 75 % overlap). */
export const SUB_BLOCK_SECONDS = 0.1;
const ABSOLUTE_GATE = -70;
const RELATIVE_GATE = 10;

interface Biquad {
  b: [number, number, number];
  a: [number, number];
}

/**
 * The two K-weighting stages for `rate`, from the analog prototypes (the coefficients the standard
 * lists are these at 48 kHz), so clips at 16 or 22.05 kHz are weighted the same way.
 */
function kWeighting(rate: number): [Biquad, Biquad] {
  let f0 = 1681.974450955533;
  const gain = 3.999843853973347;
  let q = 0.7071752369554196;
  let k = Math.tan((Math.PI * f0) / rate);
  const vh = 10 ** (gain / 20);
  const vb = vh ** 0.4996667741545416;
  let a0 = 1 + k / q + k * k;
  const shelf: Biquad = {
    b: [(vh + (vb * k) / q + k * k) / a0, (2 * (k * k - vh)) / a0, (vh - (vb * k) / q + k * k) / a0],
    a: [(2 * (k * k - 1)) / a0, (1 - k / q + k * k) / a0],
  };
  f0 = 38.13547087602444;
  q = 0.5003270373238773;
  k = Math.tan((Math.PI * f0) / rate);
  a0 = 1 + k / q + k * k;
  const highPass: Biquad = { b: [1, -2, 1], a: [(2 * (k * k - 1)) / a0, (1 - k / q + k * k) / a0] };
  return [shelf, highPass];
}

/**
 * Mean square of the K-weighted signal (full scale = 1) in each 100 ms of `samples`; a last,
 * shorter stretch counts when it holds at least 10 ms.
 */
export function subBlockEnergies(samples: ArrayLike<number>, rate: number): number[] {
  const stages = kWeighting(rate);
  const state = stages.map(() => [0, 0, 0, 0]);
  const step = Math.round(rate * SUB_BLOCK_SECONDS);
  const energies: number[] = [];
  let sum = 0;
  let count = 0;
  for (let i = 0; i < samples.length; i++) {
    let x = (samples[i] ?? 0) / 32768;
    for (let s = 0; s < 2; s++) {
      const { b, a } = stages[s] as Biquad;
      const z = state[s] as number[];
      // Direct form I: z = [x1, x2, y1, y2].
      const y = b[0] * x + b[1] * (z[0] ?? 0) + b[2] * (z[1] ?? 0) - a[0] * (z[2] ?? 0) - a[1] * (z[3] ?? 0);
      z[1] = z[0] ?? 0;
      z[0] = x;
      z[3] = z[2] ?? 0;
      z[2] = y;
      x = y;
    }
    sum += x * x;
    if (++count === step) {
      energies.push(sum / count);
      sum = 0;
      count = 0;
    }
  }
  if (count >= step / 10) energies.push(sum / count);
  return energies;
}

const toLufs = (energy: number) => -0.691 + 10 * Math.log10(energy);

/**
 * Gated integrated loudness (LUFS) of a run of 100 ms energies; -Infinity for silence. A run
 * shorter than one gating block is measured as one block, so a one-word clip still has a level.
 */
export function integratedLoudness(energies: ArrayLike<number>): number {
  const blocks: number[] = [];
  if (energies.length < 4) {
    let sum = 0;
    for (let i = 0; i < energies.length; i++) sum += energies[i] ?? 0;
    if (energies.length > 0) blocks.push(sum / energies.length);
  } else {
    for (let j = 0; j + 4 <= energies.length; j++) {
      blocks.push(
        ((energies[j] ?? 0) + (energies[j + 1] ?? 0) + (energies[j + 2] ?? 0) + (energies[j + 3] ?? 0)) / 4,
      );
    }
  }
  const loud = blocks.filter((z) => z > 0 && toLufs(z) > ABSOLUTE_GATE);
  if (loud.length === 0) return Number.NEGATIVE_INFINITY;
  const threshold = toLufs(loud.reduce((a, z) => a + z, 0) / loud.length) - RELATIVE_GATE;
  const kept = loud.filter((z) => toLufs(z) > threshold);
  return toLufs(kept.reduce((a, z) => a + z, 0) / kept.length);
}

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

/**
 * For each sample, the largest magnitude of the band-limited signal between it and the next
 * sample (the sample itself and three points in between), as a 4× oversampling meter reads it.
 */
export function interSamplePeaks(samples: ArrayLike<number>): Float32Array {
  const n = samples.length;
  const peaks = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let peak = Math.abs(samples[i] ?? 0);
    for (const kernel of KERNELS) {
      let v = 0;
      for (let t = 0; t < kernel.length; t++) {
        const at = i + t - TAPS + 1;
        if (at >= 0 && at < n) v += (kernel[t] ?? 0) * (samples[at] ?? 0);
      }
      peak = Math.max(peak, Math.abs(v));
    }
    peaks[i] = peak;
  }
  return peaks;
}

/** True peak of `samples` (full scale 32768), dBFS. */
export function truePeakDb(samples: ArrayLike<number>): number {
  const peaks = interSamplePeaks(samples);
  let max = 0;
  for (const p of peaks) max = Math.max(max, p);
  return 20 * Math.log10(max / 32768);
}
