/**
 * The last resort when an engine's process dies under a text (an abort inside WebAssembly on a
 * text its length limit did not foresee): the text is spoken again in two halves, cut at the
 * space nearest its middle, recursively, and the audio joined. A word is never cut; when a single
 * word still crashes the engine, the crash is the answer.
 */

import type { Audio } from "../audio/types.js";
import { EngineCrashError } from "../errors.js";
import type { Voice } from "../types.js";
import type { Engine } from "./engine.js";

/** Halvings before giving up: 2^5 pieces is far below any limit an engine could have. */
const MAX_DEPTH = 5;

/** The two halves of `text` at the space nearest its middle, or undefined for a single word. */
export function halve(text: string): [string, string] | undefined {
  const middle = Math.floor(text.length / 2);
  const before = text.lastIndexOf(" ", middle);
  const after = text.indexOf(" ", middle);
  const cut = before <= 0 ? after : after < 0 || middle - before <= after - middle ? before : after;
  if (cut <= 0) return undefined;
  const first = text.slice(0, cut).trim();
  const second = text.slice(cut).trim();
  return first && second ? [first, second] : undefined;
}

/** `text` spoken by `engine`, in halves wherever a whole piece crashes it. */
export async function speakInHalves(
  engine: Engine,
  text: string,
  voice: Voice,
  signal?: AbortSignal,
  depth = 0,
): Promise<Audio> {
  try {
    return await engine.synthesize(text, voice, signal);
  } catch (error) {
    const parts = error instanceof EngineCrashError && depth < MAX_DEPTH ? halve(text) : undefined;
    if (!parts) throw error;
    const first = await speakInHalves(engine, parts[0], voice, signal, depth + 1);
    const second = await speakInHalves(engine, parts[1], voice, signal, depth + 1);
    if (first.sampleRate !== second.sampleRate) throw error;
    const samples = new Int16Array(first.samples.length + second.samples.length);
    samples.set(first.samples);
    samples.set(second.samples, first.samples.length);
    return { sampleRate: first.sampleRate, samples };
  }
}
