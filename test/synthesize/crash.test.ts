/**
 * An abort inside an engine never takes presscast down: engines run in child processes, a dead
 * child fails its one call with EngineCrashError, and the next call gets a fresh process; the
 * synthesize stage then speaks the text in halves.
 */
import { afterAll, describe, expect, it } from "vitest";
import { EngineCrashError } from "../../src/errors.js";
import type { Engine } from "../../src/synthesize/engine.js";
import { halve, speakInHalves } from "../../src/synthesize/halves.js";
import { createWorkerPool } from "../../src/synthesize/worker-pool.js";

/** Plain words with no punctuation, like the phrases that abort Flite from about 995 characters. */
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

describe("an engine that aborts on long texts", () => {
  // A real child process that, like Flite past its phrase limit, aborts on any text over 60 characters.
  const pool = createWorkerPool<string, number>({
    name: "fragile",
    source: `parentPort.on("message", (text) => { if (text.length > 60) process.abort(); parentPort.postMessage({ ok: true, result: text.length }); });`,
    size: 1,
  });
  const spoken: string[] = [];
  const fragile: Engine = {
    name: "fragile",
    maxChars: Number.POSITIVE_INFINITY,
    concurrency: 1,
    voices: async () => [],
    async synthesize(text) {
      const length = await pool.run(text);
      spoken.push(text);
      return { sampleRate: 16000, samples: new Int16Array(length * 100).fill(1000) };
    },
  };
  afterAll(() => pool.close());

  it("speaks a 1,000-character phrase in halves wherever a whole piece crashes it, every word kept", async () => {
    const text = phrase(1000);
    const audio = await speakInHalves(fragile, text, { engine: "fragile", voice: "x" });
    expect(spoken.every((piece) => piece.length <= 60)).toBe(true);
    expect(spoken.join(" ")).toBe(text);
    expect(audio.samples.length).toBe(spoken.reduce((sum, piece) => sum + piece.length * 100, 0));
  });

  it("gives up with the crash when a single word is too long even alone", async () => {
    await expect(
      speakInHalves(fragile, "x".repeat(100), { engine: "fragile", voice: "x" }),
    ).rejects.toBeInstanceOf(EngineCrashError);
  });

  it("halves at the space nearest the middle and never inside a word", () => {
    expect(halve("alpha beta gamma delta")).toEqual(["alpha beta", "gamma delta"]);
    expect(halve("Rechtsschutzversicherungsgesellschaften")).toBeUndefined();
  });
});
