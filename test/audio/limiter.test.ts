import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limit } from "../../src/audio/limiter.js";
import { blockMaxima } from "../../src/audio/true-peak.js";
import { parseWav } from "../../src/audio/wav.js";
import { fliteWavs } from "../assemble/helpers.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "presscast-limiter-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The true peak between each sample and the next, every sample interpolated (as true-peak.ts). */
function everyPeak(samples: Float32Array): Float32Array {
  const kernels = [0.25, 0.5, 0.75].map((phase) =>
    Array.from({ length: 12 }, (_, k) => {
      const x = k - 5 - phase;
      return (Math.sin(Math.PI * x) / (Math.PI * x)) * (0.5 + 0.5 * Math.cos((Math.PI * x) / 6.5));
    }),
  );
  return samples.map((sample, i) => {
    let peak = Math.abs(sample);
    for (const kernel of kernels) {
      let v = 0;
      kernel.forEach((k, t) => {
        const x = samples[i + t - 5];
        if (x !== undefined) v += k * x;
      });
      peak = Math.max(peak, Math.abs(v));
    }
    return peak;
  });
}

/**
 * The limiter as its comment defines it, over the whole clip with no shortcut: every sample's
 * need, the minimum of the needs within ±W, and the average of those minima over ±W (past an edge
 * of the clip, the edge's own minimum).
 */
function denseLimit(samples: Float32Array, gain: number, ceiling: number, w: number): Float32Array {
  const n = samples.length;
  const scaled = samples.map((s) => s * gain);
  const peaks = everyPeak(scaled);
  const need = scaled.map((_, i) => {
    const over = Math.max(peaks[i] as number, i > 0 ? (peaks[i - 1] as number) : 0);
    return over > ceiling ? ceiling / over : 1;
  });
  const minimum = need.map((_, i) => Math.min(...need.subarray(Math.max(0, i - w), i + w + 1)));
  return scaled.map((s, i) => {
    let sum = 0;
    for (let j = i - w; j <= i + w; j++) sum += minimum[Math.max(0, Math.min(n - 1, j))] as number;
    return s * (sum / (2 * w + 1));
  });
}

/** Speech with its peaks pushed well past the ceiling, and a burst at each edge of the clip. */
async function loudClips(): Promise<Float32Array[]> {
  const files = await fliteWavs(dir, [
    { voice: "rms", text: "Peaks are limited only where they cross the ceiling." },
    { voice: "slt", text: "A quiet stretch is left exactly as it was." },
  ]);
  const clips: Float32Array[] = [];
  for (const file of files) clips.push(new Float32Array(parseWav(await readFile(file)).samples));
  const edges = new Float32Array(4000);
  for (let i = 0; i < edges.length; i++) {
    const burst = i < 300 || i >= edges.length - 200 || (i > 1800 && i < 1900) ? 30000 : 200;
    edges[i] = Math.round(burst * Math.sin(i * 0.9));
  }
  clips.push(edges);
  return clips;
}

describe("limiter", () => {
  it("matches the whole-clip limiter on real speech, working only near the peaks", async () => {
    const ceiling = 32768 * 10 ** (-3.5 / 20);
    let limited = 0;
    for (const clip of await loudClips()) {
      for (const gain of [1, 2.5, 6]) {
        const fast = limit(clip, gain, ceiling, 16000);
        const dense = denseLimit(clip, gain, ceiling, 80);
        let worst = 0;
        let touched = 0;
        for (let i = 0; i < clip.length; i++) {
          worst = Math.max(worst, Math.abs((fast.samples[i] as number) - (dense[i] as number)));
          if (Math.fround((clip[i] as number) * gain) !== dense[i]) touched++;
        }
        // Far below one 16-bit step, while the limiter moves the samples it touches by hundreds.
        expect(worst, `gain ${gain}`).toBeLessThan(1e-3);
        expect(fast.engaged).toBe(touched > 0);
        // Between samples the gain curve bends, so a peak may pass the ceiling by a hair (< 0.05 dB).
        expect(Math.max(...everyPeak(fast.samples))).toBeLessThanOrEqual(ceiling * 10 ** (0.05 / 20));
        limited += touched;
      }
    }
    expect(limited).toBeGreaterThan(10000);
  });

  it("limits a second time the same from the peaks the first pass noted as from a search", async () => {
    const ceiling = 32768 * 10 ** (-3.5 / 20);
    let over = 0;
    for (const clip of await loudClips()) {
      const maxima = blockMaxima(clip);
      for (const gain of [1.5, 4]) {
        const first = limit(clip, gain, ceiling, 16000, { maxima, note: true });
        expect(first.noted?.gain).toBe(gain);
        // Lower, the same, slightly and well higher (within the notes' reach), and beyond it.
        for (const db of [-3, 0.01, 1.4, 2]) {
          const again = gain * 10 ** (db / 20);
          const searched = limit(clip, again, ceiling, 16000, { maxima });
          const noted = limit(clip, again, ceiling, 16000, { maxima, noted: first.noted });
          expect(noted.over).toEqual(searched.over);
          expect(noted.samples).toEqual(searched.samples);
          over += noted.over.length;
        }
      }
    }
    expect(over).toBeGreaterThan(1000);
  });

  it("leaves a clip under the ceiling as the clip times the gain", async () => {
    const [clip] = await loudClips();
    const quiet = limit(clip as Float32Array, 0.1, 32768 * 10 ** (-3.5 / 20), 16000);
    expect(quiet.engaged).toBe(false);
    expect(quiet.samples).toEqual((clip as Float32Array).map((s) => s * 0.1));
  });
});
