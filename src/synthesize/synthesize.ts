/**
 * The synthesize stage: Utterance[] → Clip[]. Each distinct utterance is spoken once by its
 * engine (or taken from the cache), in parallel up to the machine's and each engine's limit,
 * retried on failure, and checked for silence before it is trusted; each clip's level (loudness,
 * gain, trim) is measured once and cached beside it.
 */
import { setMaxListeners } from "node:events";
import { writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import PQueue from "p-queue";
import type { WavFacts } from "../audio/types.js";
import { warmUpLevelling } from "../audio/warm-up.js";
import { writeWav } from "../audio/wav.js";
import { EngineCrashError, InputError, WorkError } from "../errors.js";
import type { Clip, Utterance } from "../types.js";
import { cacheKey, cachePath, clipLevel, readCached, writeCached } from "./cache.js";
import type { Engine } from "./engine.js";
import { speakInHalves } from "./halves.js";

export { defaultCacheDir } from "./cache.js";
export { closeEngines } from "./registry.js";

export interface SynthesizeDeps {
  /** Usually the registry's loadEngine; a test passes its own. */
  loadEngine: (name: string) => Promise<Engine>;
  cacheDir: string;
  /** Calls at once across all engines, each engine further capped by its own. default: os.availableParallelism() */
  concurrency?: number;
  /** Further attempts after a failed or silent synthesis. default: 2 */
  retries?: number;
  /** First wait between attempts; doubles each time. default: 250 */
  retryDelayMs?: number;
  /** Called after each clip, cached or not. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/** Peak below this (of 32767) is treated as silence: about -56 dBFS. */
const SILENCE_PEAK = 50;

/** Why audio of this length and peak cannot be a spoken sentence, or undefined when it can. */
export function silenceReason(facts: Pick<WavFacts, "samples" | "peak">): string | undefined {
  if (facts.samples === 0) return "the engine returned no audio";
  if (facts.peak < SILENCE_PEAK) return "the engine returned only silence";
  return undefined;
}

/** The largest absolute sample. */
export function peakOf(samples: Int16Array): number {
  let peak = 0;
  for (const sample of samples) peak = Math.max(peak, Math.abs(sample));
  return peak;
}

/** Speaks into `file`: straight from the engine when it can write files, else through `Audio`. */
async function speakInto(
  engine: Engine,
  utterance: Utterance,
  file: string,
  signal: AbortSignal,
): Promise<WavFacts> {
  const { spoken, voice } = utterance;
  if (engine.synthesizeToFile) return engine.synthesizeToFile(spoken, voice, file, signal);
  const audio = await engine.synthesize(spoken, voice, signal);
  const facts = { sampleRate: audio.sampleRate, samples: audio.samples.length, peak: peakOf(audio.samples) };
  if (!silenceReason(facts)) await writeFile(file, writeWav(audio));
  return facts;
}

function describe(utterance: Utterance): string {
  const text = utterance.spoken.length > 80 ? `${utterance.spoken.slice(0, 79)}…` : utterance.spoken;
  return `chapter ${utterance.chapter + 1}, speaker "${utterance.speaker}", sentence "${text}"`;
}

const sentence = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)).replace(/\.$/, "");

/** Clips in the order of `utterances`; rejects with the first failure and stops the rest. */
export async function synthesize(utterances: Utterance[], deps: SynthesizeDeps): Promise<Clip[]> {
  const retries = deps.retries ?? 2;
  const retryDelayMs = deps.retryDelayMs ?? 250;
  const stop = new AbortController();
  const signal = deps.signal ? AbortSignal.any([deps.signal, stop.signal]) : stop.signal;
  // Every queued utterance listens on this one signal; hundreds of listeners are expected, not a leak.
  setMaxListeners(0, signal);
  const global = new PQueue({ concurrency: Math.max(1, deps.concurrency ?? availableParallelism()) });
  // Cache lookups a few at a time: a book has thousands of sentences, and looking them all up at
  // once holds thousands of file handles and failed-open errors in memory together.
  const lookups = new PQueue({ concurrency: 16 });
  const engines = new Map<string, Promise<{ engine: Engine; queue: PQueue }>>();
  const pending = new Map<string, Promise<Omit<Clip, "utterance">>>();
  let done = 0;

  function engineFor(name: string) {
    let entry = engines.get(name);
    if (!entry) {
      entry = deps.loadEngine(name).then((engine) => ({
        engine,
        queue: new PQueue({ concurrency: Math.max(1, engine.concurrency) }),
      }));
      engines.set(name, entry);
    }
    return entry;
  }

  /** After a crash the same call would crash again: the text is spoken in halves instead. */
  async function afterCrash(engine: Engine, utterance: Utterance, file: string): Promise<WavFacts> {
    try {
      const audio = await speakInHalves(engine, utterance.spoken, utterance.voice, signal);
      const facts = {
        sampleRate: audio.sampleRate,
        samples: audio.samples.length,
        peak: peakOf(audio.samples),
      };
      if (!silenceReason(facts)) await writeFile(file, writeWav(audio));
      return facts;
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      throw new WorkError(
        `The ${engine.name} engine crashed on ${describe(utterance)} with voice "${utterance.voice.voice}", even in smaller pieces: ${sentence(error).replace(/^The \S+ engine crashed: /, "")}.`,
      );
    }
  }

  async function speak(engine: Engine, utterance: Utterance, file: string): Promise<WavFacts> {
    let cause: unknown;
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0) await sleep(retryDelayMs * 2 ** (attempt - 1), undefined, { signal });
      try {
        const facts = await speakInto(engine, utterance, file, signal);
        const silent = silenceReason(facts);
        if (!silent) return facts;
        cause = new WorkError(silent);
      } catch (error) {
        if (signal.aborted) throw signal.reason;
        if (error instanceof InputError)
          throw new InputError(`In ${describe(utterance)}: ${sentence(error)}.`);
        if (error instanceof EngineCrashError) return afterCrash(engine, utterance, file);
        cause = error;
      }
    }
    throw new WorkError(
      `Could not synthesize ${describe(utterance)} with ${engine.name} voice "${utterance.voice.voice}" ` +
        `after ${retries + 1} attempts: ${sentence(cause)}.`,
    );
  }

  async function produce(utterance: Utterance, file: string): Promise<Omit<Clip, "utterance">> {
    const hit = await lookups.add(() => readCached(file), { signal });
    if (hit) return { file, ...hit, cached: true, level: await lookups.add(() => clipLevel(file, hit)) };
    const { engine, queue } = await engineFor(utterance.voice.engine);
    // Something will be spoken: the levelling code is compiled while the engine works.
    warmUpLevelling();
    // The engine slot is taken first, so a busy engine never holds a global slot while it waits.
    // Longest text first: the last calls are then short ones, and no core idles at the end while
    // another speaks a long paragraph. The clip is written under a temporary name and renamed
    // into the cache once it is good.
    const order = { signal, priority: utterance.spoken.length };
    const facts = await queue.add(
      () => global.add(() => writeCached(file, (temp) => speak(engine, utterance, temp)), order),
      order,
    );
    if (!facts) throw signal.reason;
    const made = { sampleRate: facts.sampleRate, samples: facts.samples };
    return { file, ...made, cached: false, level: await clipLevel(file, made) };
  }

  const clips = utterances.map(async (utterance): Promise<Clip> => {
    const file = cachePath(deps.cacheDir, cacheKey(utterance));
    let result = pending.get(file);
    if (!result) {
      result = produce(utterance, file);
      pending.set(file, result);
    }
    const clip = { utterance, ...(await result) };
    deps.onProgress?.(++done, utterances.length);
    return clip;
  });
  try {
    return await Promise.all(clips);
  } catch (error) {
    stop.abort(error);
    await Promise.allSettled(clips);
    throw deps.signal?.aborted ? deps.signal.reason : error;
  }
}
