/**
 * eSpeak NG through its Emscripten build: ~140 languages, variants such as `en-us+f3`,
 * settable rate and pitch, 22,050 Hz int16. Runs in child processes like flite.
 */
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Audio } from "../../audio/types.js";
import { EngineCrashError, InputError } from "../../errors.js";
import type { Voice } from "../../types.js";
import { assertFits, type Engine, type VoiceInfo } from "../engine.js";
import { createWorkerPool } from "../worker-pool.js";
import { type Catalogue, catalogueKey, readCatalogue, writeCatalogue } from "./espeak-catalogue.js";
import { ESPEAK_WORKER_SOURCE } from "./espeak-worker.js";

export const ESPEAK = "espeak";

/** Options for `loadEngine("espeak", options)`. */
export interface EspeakOptions {
  /** Engine processes (parallel syntheses), each with its own ~130–300 MB instance. default: os.availableParallelism() */
  threads?: number;
  /** Where the list of voices is kept between runs (see espeak-catalogue.ts). default: not kept */
  cacheDir?: string;
}

const MAX_CHARS = 1000;
/** eSpeak's own default speed, in words per minute; `Voice.rate` multiplies it. */
const BASE_WPM = 175;

type Request =
  | { kind: "voices" }
  | { kind: "speak"; voice: string; rate: number; pitch: number; text: string };

/** eSpeak reads its input as SSML-like markup: without this "AT&T" loses "&T". */
export function escapeForEspeak(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Starts no process until the first call. */
export async function createEspeakEngine(options: EspeakOptions = {}): Promise<Engine> {
  const require = createRequire(import.meta.url);
  const main = require.resolve("@echogarden/espeak-ng-emscripten");
  const url = pathToFileURL(main).href;
  const threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
  const pool = createWorkerPool<Request, Catalogue | Audio>({
    name: ESPEAK,
    source: ESPEAK_WORKER_SOURCE,
    workerData: { url },
    size: threads,
  });
  let catalogue: Promise<Catalogue> | undefined;
  // The catalogue is asked for once; a process that dies while answering is replaced and asked
  // again, so an abort before any sentence is spoken costs no more than one during speech.
  const ask = () => pool.run({ kind: "voices" }) as Promise<Catalogue>;
  const listed = () =>
    ask().catch((error: unknown) => {
      if (error instanceof EngineCrashError) return ask();
      throw error;
    });
  const key = options.cacheDir ? catalogueKey(main) : undefined;
  const kept = options.cacheDir && key ? join(options.cacheDir, "engines", "espeak-voices.json") : undefined;
  const load = () => {
    catalogue ??= (async () => {
      const stored = kept && key ? await readCatalogue(kept, key) : undefined;
      if (stored) return stored;
      const made = await listed();
      if (kept && key) await writeCatalogue(kept, key, made);
      return made;
    })();
    return catalogue;
  };

  async function resolveVoice(id: string): Promise<string> {
    const { voices, variants } = await load();
    const [base = "", variant, ...rest] = id.split("+");
    const wanted = base.toLowerCase();
    const known = voices.some(
      (voice) =>
        voice.identifier.toLowerCase() === wanted ||
        voice.languages.some((name) => name.toLowerCase() === wanted),
    );
    if (!known || rest.length > 0) {
      throw new InputError(
        `The espeak engine has no voice "${id}"; run \`presscast voices\` for the list (e.g. en-us, en-gb, fr, ru, with a variant such as en-us+f3).`,
      );
    }
    if (variant !== undefined && !variants.includes(variant)) {
      throw new InputError(
        `The espeak engine has no variant "${variant}" (in voice "${id}"); use f1–f5, m1–m8 or another of: ${variants.slice(0, 12).join(", ")}, ….`,
      );
    }
    return id;
  }

  return {
    name: ESPEAK,
    maxChars: MAX_CHARS,
    concurrency: threads,
    async voices(): Promise<VoiceInfo[]> {
      const { voices } = await load();
      const seen = new Set<string>();
      return voices.map((voice) => {
        const language = voice.languages[0] ?? voice.identifier;
        // Two voices may share a first language (Cantonese and its Jyutping form): the second keeps its path.
        const id = seen.has(language) ? voice.identifier : language;
        seen.add(id);
        return { id, language, description: `${voice.name}; add +f1…+f5 or +m1…+m8 for another voice` };
      });
    },
    async synthesize(text: string, voice: Voice, signal?: AbortSignal) {
      assertFits(ESPEAK, MAX_CHARS, text);
      const id = await resolveVoice(voice.voice);
      const rate = Math.round(Math.min(450, Math.max(80, BASE_WPM * (voice.rate ?? 1))));
      // eSpeak's pitch is a 0–99 scale around 50; about 4 steps make a semitone in its middle range.
      const pitch = Math.round(Math.min(99, Math.max(0, 50 + 4 * (voice.pitch ?? 0))));
      const request: Request = { kind: "speak", voice: id, rate, pitch, text: escapeForEspeak(text) };
      return (await pool.run(request, signal)) as Audio;
    },
    warm: () => pool.warm(),
    close: () => pool.close(),
  };
}
