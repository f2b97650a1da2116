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
  const key = `${name} ${JSON.stringify(options ?? {})}`;
  let engine = loaded.get(key);
  if (!engine) {
    engine = descriptor.load(options);
    loaded.set(key, engine);
    // A failed load (e.g. say on Linux) is not remembered, so a later call reports it again.
    engine.catch(() => loaded.delete(key));
  }
  return engine;
}

/** Stops every loaded engine's worker threads; call once when the command is done. */
export async function closeEngines(names?: string[]): Promise<void> {
  const keys = [...loaded.keys()].filter((key) => !names || names.includes(key.split(" ")[0] ?? ""));
  const engines = keys.map((key) => loaded.get(key) as Promise<Engine>);
  for (const key of keys) loaded.delete(key);
  const settled = await Promise.allSettled(engines);
  await Promise.all(
    settled.map((result) => (result.status === "fulfilled" ? result.value.close?.() : undefined)),
  );
}
