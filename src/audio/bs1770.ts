/**
 * ITU-R BS.1770 loudness in plain JavaScript, at any sample rate: the K-weighting filter, 100 ms
 * sub-block energies and gated integrated loudness over 400 ms blocks (the 4× oversampled
 * true-peak estimate is in true-peak.ts). Clips are measured here once, when they are made, and the episode's
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
  const [shelf, highPass] = kWeighting(rate);
  const [s0, s1, s2] = shelf.b;
  const [sa0, sa1] = shelf.a;
  const [h0, h1, h2] = highPass.b;
  const [ha0, ha1] = highPass.a;
  // Direct form I, the state of each stage in locals (inputs x1, x2; outputs y1, y2): this loop
  // runs over every sample of every clip, and locals keep it a few times faster than arrays.
  let sx1 = 0;
  let sx2 = 0;
  let sy1 = 0;
  let sy2 = 0;
  let hx1 = 0;
  let hx2 = 0;
  let hy1 = 0;
  let hy2 = 0;
  const step = Math.round(rate * SUB_BLOCK_SECONDS);
  const energies: number[] = [];
  let sum = 0;
  let count = 0;
  const n = samples.length;
  for (let i = 0; i < n; i++) {
    const x = (samples[i] as number) / 32768;
    const y = s0 * x + s1 * sx1 + s2 * sx2 - sa0 * sy1 - sa1 * sy2;
    sx2 = sx1;
    sx1 = x;
    sy2 = sy1;
    sy1 = y;
    const z = h0 * y + h1 * hx1 + h2 * hx2 - ha0 * hy1 - ha1 * hy2;
    hx2 = hx1;
    hx1 = y;
    hy2 = hy1;
    hy1 = z;
    sum += z * z;
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
