/**
 * A look-ahead true-peak limiter for one clip, in plain JavaScript: deterministic and local to
 * the clip, so a levelled clip sounds the same wherever it lands and its measurement can be
 * cached with it.
 */
import { peaksAbove } from "./true-peak.js";

/** Attack and release, each: long enough not to distort a vowel, short enough to stay local. */
const WINDOW_SECONDS = 0.005;

/**
 * Returns `samples × gain`, with every (4× oversampled) peak above `ceiling` (linear, of 32768)
 * brought down to it. The gain curve is the running minimum of the needed reduction over ±W,
 * averaged over ±W: the average at any sample only takes minima that already include that
 * sample's own need, so no sample exceeds the ceiling, and the curve has no steps.
 */
export function limit(samples: ArrayLike<number>, gain: number, ceiling: number, rate: number): Float32Array {
  const n = samples.length;
  const scaled = new Float32Array(n);
  for (let i = 0; i < n; i++) scaled[i] = (samples[i] as number) * gain;
  // Only peaks above the ceiling matter; the others may be under-read.
  const peaks = peaksAbove(scaled, ceiling);
  let need: Float32Array | undefined;
  let previous = 0;
  for (let i = 0; i < n; i++) {
    const peak = peaks[i] as number;
    // The peak between i and i+1 is helped by the gain at both samples.
    const over = Math.max(peak, previous);
    previous = peak;
    if (over > ceiling) {
      need ??= new Float32Array(n).fill(1);
      need[i] = ceiling / over;
    }
  }
  if (!need) return scaled;
  const w = Math.max(1, Math.round(rate * WINDOW_SECONDS));
  const minimum = runningMin(need, w);
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = (prefix[i] as number) + (minimum[i] as number);
  const first = minimum[0] as number;
  const last = minimum[n - 1] as number;
  for (let i = 0; i < n; i++) {
    const from = Math.max(0, i - w);
    const to = Math.min(n, i + w + 1);
    // Past an edge the minimum is the edge's own, which still covers sample i.
    const before = (from - (i - w)) * first;
    const after = (i + w + 1 - to) * last;
    const g = ((prefix[to] as number) - (prefix[from] as number) + before + after) / (2 * w + 1);
    scaled[i] = (scaled[i] as number) * g;
  }
  return scaled;
}

/** Minimum of `values` over [i - w, i + w] for every i (monotonic queue, linear time). */
function runningMin(values: Float32Array, w: number): Float32Array {
  const n = values.length;
  const out = new Float32Array(n);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  let next = 0;
  for (let i = 0; i < n; i++) {
    const reach = Math.min(n - 1, i + w);
    while (next <= reach) {
      while (tail > head && (values[queue[tail - 1] ?? 0] ?? 1) >= (values[next] ?? 1)) tail--;
      queue[tail++] = next++;
    }
    while ((queue[head] ?? 0) < i - w) head++;
    out[i] = values[queue[head] ?? 0] ?? 1;
  }
  return out;
}
