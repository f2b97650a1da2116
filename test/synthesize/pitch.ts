/**
 * A plain autocorrelation pitch estimate, independent of any engine: enough to tell a low
 * voice from a high one in the contract test, not a pitch tracker.
 */
import type { Audio } from "../../src/audio/types.js";
import { peakOf } from "../../src/synthesize/synthesize.js";

/** Median fundamental (Hz) over voiced 40 ms frames, searching 60–400 Hz; NaN if nothing is voiced. */
export function medianPitch(audio: Audio): number {
  const { samples, sampleRate } = audio;
  const frame = Math.round(sampleRate * 0.04);
  const minLag = Math.floor(sampleRate / 400);
  const maxLag = Math.ceil(sampleRate / 60);
  const pitches: number[] = [];
  for (let start = 0; start + frame + maxLag < samples.length; start += frame) {
    let energy = 0;
    for (let i = 0; i < frame; i++) energy += (samples[start + i] ?? 0) ** 2;
    if (energy / frame < 300 ** 2) continue;
    const scores: number[] = [];
    for (let lag = minLag; lag <= maxLag; lag++) {
      let sum = 0;
      let shifted = 0;
      for (let i = 0; i < frame; i++) {
        const b = samples[start + i + lag] ?? 0;
        sum += (samples[start + i] ?? 0) * b;
        shifted += b * b;
      }
      scores.push(sum / Math.sqrt(energy * shifted || 1));
    }
    const best = Math.max(...scores);
    // The first peak near the best, not the best itself: multiples of the period score as high.
    const first = scores.findIndex(
      (score, i) => score >= 0.9 * best && score >= (scores[i - 1] ?? 0) && score >= (scores[i + 1] ?? 0),
    );
    const bestLag = minLag + first;
    if (best > 0.6) pitches.push(sampleRate / bestLag);
  }
  pitches.sort((a, b) => a - b);
  return pitches[Math.floor(pitches.length / 2)] ?? Number.NaN;
}

/** Largest absolute sample. */
export function peak(audio: Audio): number {
  return peakOf(audio.samples);
}
