import { describe, expect, it } from "vitest";
import { blockCount, blockMaxima, peaksOver, roundSamples, truePeakDb } from "../../src/audio/true-peak.js";

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

/** The same kernels as everyPeak's, for building the signals that push a point highest. */
function kernelSigns(phase: number): number[] {
  const signs: number[] = [];
  for (let t = -5; t <= 6; t++)
    signs.push(Math.sign(Math.sin(Math.PI * (t - phase)) / (Math.PI * (t - phase))));
  return signs;
}

/**
 * Signals where a bound taken from a few taps could go wrong: the worst case for each phase (every
 * tap at full scale with its weight's sign), the same with the middle taps silent (all of the peak
 * in the outer taps), alternating full-scale samples, a lone spike near each edge and in the
 * middle, DC, a hard-clipped sine near Nyquist and fractional samples.
 */
function worstCases(): Float32Array[] {
  const cases: Float32Array[] = [];
  for (const phase of [0.25, 0.5, 0.75]) {
    const signs = kernelSigns(phase);
    for (const middleSilent of [false, true]) {
      const out = new Float32Array(64);
      signs.forEach((sign, t) => {
        const quiet = middleSilent && t >= 4 && t <= 7;
        out[20 + t] = quiet ? 0 : sign * (sign > 0 ? 32767 : 32768);
      });
      cases.push(out);
    }
  }
  cases.push(Float32Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? 32767 : -32768)));
  for (const at of [0, 1, 2, 3, 25, 46, 47, 48, 49]) {
    const spike = new Float32Array(50);
    spike[at] = -32768;
    cases.push(spike);
  }
  cases.push(new Float32Array(37).fill(32767));
  cases.push(
    Float32Array.from({ length: 400 }, (_, i) =>
      Math.max(-32768, Math.min(32767, Math.round(90000 * Math.sin(i * 2.9)))),
    ),
  );
  cases.push(Float32Array.from({ length: 99 }, (_, i) => 20000.25 * Math.sin(i * 1.3) + 0.5));
  for (const length of [1, 2, 3, 5])
    cases.push(Float32Array.from({ length }, (_, i) => (i % 2 ? 30000 : -32768)));
  return cases;
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

  it("skips no point above the level on the signals that push a bound hardest", () => {
    let over = 0;
    for (const samples of worstCases()) {
      const all = everyPeak(samples);
      const max = all.reduce((a, b) => Math.max(a, b), 0);
      expect(truePeakDb(samples)).toBe(20 * Math.log10(max / 32768));
      // Just under each of the largest peaks, where a bound that is a hair too low would show.
      const levels = [...new Set(all)].sort((a, b) => b - a).slice(0, 8);
      for (const level of [...levels.map((peak) => peak * (1 - 1e-7)), 16000, 1]) {
        const found = peaksOver(samples, level);
        const expected = [...all.keys()].filter((i) => (all[i] as number) > level);
        expect(found.at).toEqual(expected);
        expect(found.peak).toEqual(expected.map((i) => all[i]));
        over += expected.length;
      }
    }
    expect(over).toBeGreaterThan(1000);
  });

  it("reads the same true peak whichever samples it is told to look at first", () => {
    for (const samples of [...signals(), ...worstCases()]) {
      const plain = truePeakDb(samples);
      const n = samples.length;
      for (const likely of [[0], [n - 1], [-3, n, n + 5], [...Array(n).keys()].filter((i) => i % 7 === 3)])
        expect(truePeakDb(samples, blockMaxima(samples), likely)).toBe(plain);
    }
  });

  it("rounds to 16-bit samples as Math.round does, with their block maxima", () => {
    for (const signal of signals()) {
      for (const length of [signal.length, signal.length - 1, signal.length - 2, 3]) {
        const values = signal.subarray(0, length).map((v, i) => v * 1.37 + (i % 3) * 0.25 - 0.5);
        // + 0: where Math.round gives -0 a 16-bit sample is plain 0.
        const expected = values.map((v) => Math.max(-32768, Math.min(32767, Math.round(v))) + 0);
        const maxima = roundSamples(values, new Float32Array(blockCount(length)).fill(7e9));
        expect(values).toEqual(expected);
        expect(maxima).toEqual(blockMaxima(expected));
      }
    }
  });

  it("takes block maxima of any values, whole or not", () => {
    for (const samples of [...worstCases(), ...signals()]) {
      const plain = new Float32Array(blockCount(samples.length));
      samples.forEach((v, i) => {
        plain[i >> 2] = Math.max(plain[i >> 2] as number, Math.abs(v));
      });
      expect(blockMaxima(samples)).toEqual(plain);
    }
    const huge = Float32Array.from([3e9, -1, 2, -5e9, 7]);
    expect([...blockMaxima(huge)]).toEqual([Math.fround(5e9), 7]);
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
