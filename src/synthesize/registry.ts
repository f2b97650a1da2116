/**
 * The engines presscast knows, as small descriptors. Each implementation is imported only when
 * its engine is loaded, so listing engines or using flite never loads eSpeak's 24 MB of data.
 */
import { InputError } from "../errors.js";
import type { Engine, EngineDescriptor } from "./engine.js";

/** In the order `presscast voices` lists them. */
export const ENGINES: readonly EngineDescriptor[] = [
  {
    name: "flite",
    description: "CMU Flite (WASM): 5 English voices, clearest offline engine",
    load: async (options) => (await import("./engines/flite.js")).createFliteEngine(options),
  },
  {
    name: "espeak",
    description: "eSpeak NG (WASM): ~140 languages, variants, rate and pitch",
    load: async (options) => (await import("./engines/espeak.js")).createEspeakEngine(options),
  },
  {
    name: "command",
    description: "any local TTS program, from a command template in the voice options",
    load: async (options) => (await import("./engines/command.js")).createCommandEngine(options),
  },
  {
    name: "say",
    description: "the system voices of macOS and Windows",
    load: async (options) => (await import("./engines/say.js")).createSayEngine(options),
  },
  {
    name: "openai",
    description: "an OpenAI-compatible /v1/audio/speech web API",
    load: async (options) => (await import("./engines/openai.js")).createOpenAiEngine(options),
  },
];

const loaded = new Map<string, Promise<Engine>>();

/** Names a voice profile may put in `Voice.engine`. */
export function engineNames(): string[] {
  return ENGINES.map((engine) => engine.name);
}

/**
 * The engine called `name`, loaded once per name and options and shared after that (worker
 * threads and rate limits belong to the process, not to one call). Close with closeEngines().
 */
export function loadEngine(name: string, options?: Record<string, unknown>): Promise<Engine> {
  const descriptor = ENGINES.find((engine) => engine.name === name);
  if (!descriptor) {
    return Promise.reject(
      new InputError(`There is no TTS engine called "${name}"; the engines are ${engineNames().join(", ")}.`),
    );
  }
  const key = keyOf(name, options);
  let engine = loaded.get(key);
  if (!engine) {
    engine = descriptor.load(options);
    loaded.set(key, engine);
    // A failed load (e.g. say on Linux) is not remembered, so a later call reports it again.
    engine.catch(() => loaded.delete(key));
  }
  return engine;
}

/** Engines stopped and not yet waited for (see stopEngines). */
const stopping = new Set<Promise<void>>();

/**
 * Stops every loaded engine (or those named) and waits until their processes have exited,
 * those of engines stopped earlier by stopEngines too; call once when the command is done.
 */
export async function closeEngines(names?: string[]): Promise<void> {
  const stopped = stopEngines(names);
  await Promise.all([stopped, ...stopping]);
}

/**
 * Stops every loaded engine (or those named) at once; the returned promise settles when their
 * processes have exited. A caller that only wants the engines gone (their memory is freed as the
 * processes die) need not wait: closeEngines() does, later.
 */
export function stopEngines(names?: string[]): Promise<void> {
  return stop([...loaded.keys()].filter((key) => !names || names.includes(key.split(" ")[0] ?? "")));
}

/** Closes the one engine loaded as `loadEngine(name, options)`, leaving others of its name running. */
export function closeEngine(name: string, options?: Record<string, unknown>): Promise<void> {
  return stop([keyOf(name, options)].filter((key) => loaded.has(key)));
}

function keyOf(name: string, options?: Record<string, unknown>): string {
  return `${name} ${JSON.stringify(options ?? {})}`;
}

function stop(keys: string[]): Promise<void> {
  const engines = keys.map((key) => loaded.get(key) as Promise<Engine>);
  for (const key of keys) loaded.delete(key);
  const done = (async () => {
    const settled = await Promise.allSettled(engines);
    await Promise.all(
      settled.map((result) => (result.status === "fulfilled" ? result.value.close?.() : undefined)),
    );
  })();
  stopping.add(done);
  const forget = () => stopping.delete(done);
  done.then(forget, forget);
  return done;
}
