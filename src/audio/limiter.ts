/**
 * A look-ahead true-peak limiter for one clip, in plain JavaScript: deterministic and local to
 * the clip, so a levelled clip sounds the same wherever it lands and its measurement can be
 * cached with it.
 *
 * Speech levelled to -16 LUFS crosses a -3.5 dBTP ceiling at a few hundred samples a clip, and the
 * limiter's gain differs from 1 only within two windows of those; so the gain is worked out only
 * there, and everywhere else the clip is just scaled.
 */
import { blockMaxima, type PeaksOver, peaksAt, peaksOver, peaksScale, scaledMaxima } from "./true-peak.js";

/** Attack and release, each: long enough not to distort a vowel, short enough to stay local. */
const WINDOW_SECONDS = 0.005;

/**
 * Peaks down to this far under the ceiling are noted when asked for, so that a second pass at a
 * gain up to ~1.5 dB higher (a loudness correction is a fraction of a dB) need not search again.
 */
const NOTED = 10 ** (-1.5 / 20);

/** A limited clip, and whether the limiter had anything to do (if not, it is the clip × gain). */
export interface Limited {
  samples: Float32Array;
  engaged: boolean;
  /** The samples whose true peak, after the gain, was over the ceiling (where it limited). */
  over: number[];
  /** Where the peaks near the ceiling were, when they were searched for with `note`. */
  noted?: Noted;
}

/** The samples whose true peak after `gain` exceeded NOTED × the ceiling. */
export interface Noted {
  gain: number;
  at: number[];
}

/**
 * Where the peaks over the ceiling are: searched for from the samples' blockMaxima (noting those
 * near the ceiling too, with `note`; only among those `noted` by an earlier limit of the same
 * samples and ceiling, when that is sure to hold all of them), or already known (`over` of an
 * earlier limit with the same gain and ceiling).
 */
export type PeakSource =
  | { maxima: Float32Array; noted?: Noted; note?: boolean }
  | { over: readonly number[] };

/**
 * Returns `samples × gain`, with every (4× oversampled) peak above `ceiling` (linear, of 32768)
 * brought down to it. The gain curve is the running minimum of the needed reduction over ±W,
 * averaged over ±W: the average at any sample only takes minima that already include that
 * sample's own need, so no sample exceeds the ceiling, and the curve has no steps.
 * `from` saves work when a clip is limited more than once (see PeakSource). The result is
 * written `into` an array as long as the samples, when given.
 */
export function limit(
  samples: Float32Array,
  gain: number,
  ceiling: number,
  rate: number,
  from: PeakSource = { maxima: blockMaxima(samples) },
  into: Float32Array = new Float32Array(samples.length),
): Limited {
  const n = samples.length;
  const scaled = scale(samples, gain, into);
  const { found, noted } = findPeaks(scaled, gain, ceiling, from);
  const { at, peak } = found;
  if (at.length === 0) return { samples: scaled, engaged: false, over: at, noted };
  // The peak between i and i+1 is helped by the gain at both samples: sample i needs
  // ceiling / max(its peak, the previous sample's peak), for every peak above the ceiling.
  const needAt: number[] = [];
  const need: number[] = [];
  for (let k = 0; k < at.length; k++) {
    const i = at[k] as number;
    const p = peak[k] as number;
    const last = needAt.length - 1;
    if (last >= 0 && needAt[last] === i)
      need[last] = Math.fround(ceiling / Math.max(p, peak[k - 1] as number));
    else {
      needAt.push(i);
      need.push(Math.fround(ceiling / p));
    }
    if (i + 1 < n) {
      needAt.push(i + 1);
      need.push(Math.fround(ceiling / p));
    }
  }
  const w = Math.max(1, Math.round(rate * WINDOW_SECONDS));
  // The gain at i is 1 unless a need lies within 2W of it: each region is worked out alone.
  let first = 0;
  while (first < needAt.length) {
    let last = first;
    while (last + 1 < needAt.length && (needAt[last + 1] as number) - (needAt[last] as number) <= 4 * w + 1)
      last++;
    applyRegion(scaled, needAt, need, first, last, w);
    first = last + 1;
  }
  return { samples: scaled, engaged: true, over: at, noted };
}

/**
 * `samples × gain`, written `into`. A loop of its own: V8 compiles a long loop while it runs it,
 * with what it has seen so far, and the code after the loop had not run yet in limit's first call.
 */
function scale(samples: Float32Array, gain: number, into: Float32Array): Float32Array {
  for (let i = 0; i < samples.length; i++) into[i] = (samples[i] as number) * gain;
  return into;
}

/** The peaks over the ceiling of `scaled` (the samples × gain), found as `from` allows. */
function findPeaks(
  scaled: Float32Array,
  gain: number,
  ceiling: number,
  from: PeakSource,
): { found: PeaksOver; noted?: Noted } {
  if ("over" in from) return { found: peaksAt(scaled, from.over, ceiling) };
  const { maxima, noted, note } = from;
  if (noted && peaksScale(maxima, noted.gain, NOTED * ceiling, gain, ceiling))
    return { found: peaksAt(scaled, noted.at, ceiling), noted };
  if (!note) return { found: peaksOver(scaled, ceiling, scaledMaxima(maxima, gain)) };
  const near = peaksOver(scaled, NOTED * ceiling, scaledMaxima(maxima, gain));
  const found: PeaksOver = { at: [], peak: [] };
  for (let k = 0; k < near.at.length; k++) {
    if ((near.peak[k] as number) <= ceiling) continue;
    found.at.push(near.at[k] as number);
    found.peak.push(near.peak[k] as number);
  }
  return { found, noted: { gain, at: near.at } };
}

/**
 * Applies the gain curve around needs [first, last] (no other need within 4W + 1 of them), the
 * same curve the whole clip's would be there: the running minimum over [from - W, to + W), each
 * sample's gain its average over ±W, and past an edge of the clip the edge's own minimum (which
 * still covers the samples near it).
 */
function applyRegion(
  scaled: Float32Array,
  at: number[],
  need: number[],
  first: number,
  last: number,
  w: number,
) {
  const n = scaled.length;
  const from = Math.max(0, (at[first] as number) - 2 * w);
  const to = Math.min(n, (at[last] as number) + 2 * w + 1);
  const lo = Math.max(0, from - w);
  const hi = Math.min(n, to + w);
  // Every need the minima over [lo, hi) can see lies in [base, top).
  const base = Math.max(0, lo - w);
  const local = new Float32Array(Math.min(n, hi + w) - base).fill(1);
  for (let k = first; k <= last; k++) local[(at[k] as number) - base] = need[k] as number;
  const minimum = runningMin(local, w, lo - base, hi - base);
  const prefix = new Float64Array(hi - lo + 1);
  for (let j = 0; j < hi - lo; j++) prefix[j + 1] = (prefix[j] as number) + (minimum[j] as number);
  const edgeFirst = minimum[0] as number;
  const edgeLast = minimum[hi - lo - 1] as number;
  for (let i = from; i < to; i++) {
    const start = Math.max(0, i - w);
    const end = Math.min(n, i + w + 1);
    const before = (start - (i - w)) * edgeFirst;
    const after = (i + w + 1 - end) * edgeLast;
    const g = ((prefix[end - lo] as number) - (prefix[start - lo] as number) + before + after) / (2 * w + 1);
    scaled[i] = (scaled[i] as number) * g;
  }
}

/** Minimum of `values` over [j - w, j + w] for j in [from, to) (monotonic queue, linear time). */
function runningMin(values: Float32Array, w: number, from: number, to: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(to - from);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  let next = Math.max(0, from - w);
  for (let j = from; j < to; j++) {
    const reach = Math.min(n - 1, j + w);
    while (next <= reach) {
      const v = values[next] as number;
      while (tail > head && (values[queue[tail - 1] as number] as number) >= v) tail--;
      queue[tail++] = next++;
    }
    while ((queue[head] as number) < j - w) head++;
    out[j - from] = values[queue[head] as number] as number;
  }
  return out;
}
