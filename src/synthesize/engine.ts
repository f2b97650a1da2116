/**
 * The one contract every TTS engine meets, so the synthesize stage, the `voices` command and
 * the shared contract test treat flite, eSpeak, a local program or a web API alike.
 */

import type { Audio, WavFacts } from "../audio/types.js";
import { InputError } from "../errors.js";
import type { Voice } from "../types.js";

/** A voice an engine offers, as `presscast voices` lists it. */
export interface VoiceInfo {
  /** What a voice profile puts in `Voice.voice`. */
  id: string;
  /** BCP 47 language the voice reads, e.g. "en-us", "fr". */
  language: string;
  gender?: "male" | "female";
  description?: string;
}

export interface Engine {
  readonly name: string;
  /** Longest text per call; the speech stage splits sentences to fit. */
  readonly maxChars: number;
  /** Most calls this engine may run at once (worker threads, API politeness). */
  readonly concurrency: number;
  voices(): Promise<VoiceInfo[]>;
  /** Rejects with InputError for a voice or text the engine cannot take, WorkError when it fails. */
  synthesize(text: string, voice: Voice, signal?: AbortSignal): Promise<Audio>;
  /**
   * Optional: the same, written as a mono 16-bit PCM WAV at `file` (whose folder exists), so
   * the audio never passes through the main thread. The synthesize stage uses it when present.
   */
  synthesizeToFile?(text: string, voice: Voice, file: string, signal?: AbortSignal): Promise<WavFacts>;
  /**
   * Optional: starts what the first call would wait for (a process, a module to compile) now,
   * while the caller prepares its text. Never fails: a start that goes wrong fails the first call.
   */
  warm?(): void;
  /** Frees worker threads or sockets; the engine is unusable afterwards. */
  close?(): Promise<void>;
}

/** A registry entry: cheap to list, the implementation loaded only when used. */
export interface EngineDescriptor {
  name: string;
  description: string;
  load(options?: Record<string, unknown>): Promise<Engine>;
}

/** Rejects text the engine was never meant to take in one call, before any work starts. */
export function assertFits(engine: string, maxChars: number, text: string): void {
  if (text.trim() === "") {
    throw new InputError(
      `The ${engine} engine was given empty text; the speech stage should drop empty sentences.`,
    );
  }
  if (text.length > maxChars) {
    throw new InputError(
      `The ${engine} engine takes at most ${maxChars} characters per call but got ${text.length} ` +
        `("${text.slice(0, 40)}…"); split the text to the engine's maxChars first.`,
    );
  }
}

/** Throws the signal's reason when the caller has given up, so no new work starts. */
export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw signal.reason ?? new Error("aborted");
}

/** Reads a typed engine option from a voice or load options, ignoring values of the wrong type. */
export function option<T extends string | number | boolean>(
  sources: Array<Record<string, unknown> | undefined>,
  key: string,
  fallback: T,
): T {
  for (const source of sources) {
    const value = source?.[key];
    if (typeof value === typeof fallback) return value as T;
  }
  return fallback;
}
