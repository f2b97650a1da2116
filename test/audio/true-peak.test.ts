import { describe, expect, it } from "vitest";
import { blockCount, blockMaxima, peaksOver, truePeakDb } from "../../src/audio/true-peak.js";

/** Every sample interpolated, the plain way: the reference the skipping meter must equal. */
function everyPeak(samples: ArrayLike<number>): Float32Array {
  const taps = 6;
  const kernels = [0.25, 0.5, 0.75].map((phase) => {
    const kernel: number[] = [];
    for (let t = -taps + 1; t <= taps; t++) {
      const x = t - phase;
      kernel.push(
        (Math.sin(Math.PI * x) / (Math.PI * x)) * (0.5 + 0.5 * Math.cos((Math.PI * x) / (taps + 0.5))),
      );
    }
    return kernel;
  });
  const peaks = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    let peak = Math.abs(samples[i] as number);
    for (const kernel of kernels) {
      let v = 0;
      kernel.forEach((k, t) => {
        const at = i + t - taps + 1;
        if (at >= 0 && at < samples.length) v += k * (samples[at] as number);
      });
      peak = Math.max(peak, Math.abs(v));
    }
    peaks[i] = peak;
  }
  return peaks;
}

/** Speech-like test signals: bursts of tones and noise between silences, some clipped hard. */
function signals(): Float32Array[] {
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  return [0.2, 0.6, 1, 3].map((drive) => {
    const out = new Int16Array(16000);
    for (let i = 0; i < out.length; i++) {
      const burst = Math.floor(i / 1500) % 2 === 0 ? 1 : 0.01;
      const v =
        drive * burst * (12000 * Math.sin(i * 0.37) + 9000 * Math.sin(i * 2.9) + 6000 * (random() - 0.5));
      out[i] = Math.max(-32768, Math.min(32767, Math.round(v)));
    }
    return new Float32Array(out);
  });
}

describe("true peak", () => {
  it("reads the same peak as interpolating every sample", () => {
    for (const samples of signals()) {
      const all = everyPeak(samples);
      const max = all.reduce((a, b) => Math.max(a, b), 0);
      expect(truePeakDb(samples)).toBe(20 * Math.log10(max / 32768));
    }
  });

  it("finds every peak above the level, exactly, and no other", () => {
    let over = 0;
    for (const samples of signals()) {
      const all = everyPeak(samples);
      for (const level of [3000, 16000, 30000]) {
        const found = peaksOver(samples, level);
        const expected = [...all.keys()].filter((i) => (all[i] as number) > level);
        expect(found.at).toEqual(expected);
        expect(found.peak).toEqual(expected.map((i) => all[i]));
        over += expected.length;
      }
    }
    // The signals reach every level somewhere, so the comparison is not of empty lists only.
    expect(over).toBeGreaterThan(1000);
  });

  it("finds the same block maxima in a reused array, whatever it held", () => {
    for (const samples of signals()) {
      for (const length of [samples.length, samples.length - 1, samples.length - 3]) {
        const part = samples.subarray(0, length);
        const used = new Float32Array(blockCount(length)).fill(1e9);
        expect(blockMaxima(part, used)).toEqual(blockMaxima(part));
        expect(truePeakDb(part, used)).toBe(truePeakDb(part));
      }
    }
  });
});
