/**
 * The levelling code is compiled by V8 as it first runs: measuring the first real clip with it
 * takes 30–45 ms longer than the next ones (the loops run interpreted until they are optimised).
 * A build's first sentence keeps the main thread idle for a few tenths of a second while an
 * engine process starts and speaks it; measuring and levelling a short made-up clip then has the
 * code compiled before the real one arrives. For a one-sentence edit that time is all on the
 * wait; for a longer build it is a few tens of ms of CPU once per process.
 */
import { levelClip, measureClip } from "./level.js";

let warmed = false;

/** Once per process, soon after the caller returns: runs the levelling code over a made-up clip. */
export function warmUpLevelling(): void {
  if (warmed) return;
  warmed = true;
  setImmediate(() => {
    const rate = 16_000;
    const clip = new Int16Array(rate);
    // A voiced tone under a slow swell, with a few spikes: loud enough that the limiter, the
    // true-peak search and the trim all take their working paths, not only their shortcuts.
    for (let i = 0; i < clip.length; i++)
      clip[i] = Math.round(12_000 * Math.sin(i * 0.08) * Math.sin(i * 0.0007) + (i % 997 === 0 ? 20_000 : 0));
    for (let round = 0; round < 4; round++) levelClip(clip, measureClip(clip, rate));
  }).unref();
}
