import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseWav } from "../../src/audio/wav.js";
import { InputError, WorkError } from "../../src/errors.js";
import { cacheKey, cachePath } from "../../src/synthesize/cache.js";
import type { Engine } from "../../src/synthesize/engine.js";
import { createCommandEngine } from "../../src/synthesize/engines/command.js";
import { defaultCacheDir, peakOf, silenceReason, synthesize } from "../../src/synthesize/synthesize.js";
import type { Utterance } from "../../src/types.js";

const TONE = fileURLToPath(new URL("../fixtures/engines/tone.mjs", import.meta.url));
const TEMPLATE = { command: process.execPath, args: [TONE, "--voice", "{voice}", "--output", "{output}"] };

function utterance(text: string, voice = "low", chapter = 0, speaker = "host"): Utterance {
  return {
    chapter,
    segment: 0,
    speaker,
    text,
    spoken: text,
    voice: { engine: "command", voice, options: TEMPLATE },
    pauseAfterMs: 300,
  };
}

/** The real command engine, counting calls; `failFirst` makes the first N calls throw. */
function counting(engine: Engine, failFirst = 0) {
  const counter = { calls: 0, texts: [] as string[] };
  const wrapped: Engine = {
    ...engine,
    name: engine.name,
    maxChars: engine.maxChars,
    concurrency: engine.concurrency,
    voices: () => engine.voices(),
    synthesize(text, voice, signal) {
      counter.calls++;
      counter.texts.push(text);
      if (counter.calls <= failFirst) return Promise.reject(new WorkError("the program crashed"));
      return engine.synthesize(text, voice, signal);
    },
  };
  return { counter, loadEngine: async () => wrapped };
}

let engine: Engine;
let cacheDir: string;
beforeAll(async () => {
  engine = await createCommandEngine();
});
afterAll(async () => {
  await engine.close?.();
});
beforeEach(async () => {
  cacheDir = await mkdtemp(join(tmpdir(), "presscast-cache-"));
  // An aborted run's last engine call may still be removing its temporary file when the test
  // ends: the folder is removed with retries, as a folder still being emptied needs.
  return () => rm(cacheDir, { recursive: true, force: true, maxRetries: 5 });
});

const texts = ["First sentence.", "Second, longer sentence here.", "Third."];

describe("synthesize", () => {
  it("makes one WAV clip per utterance, then serves all of them from the cache", async () => {
    const first = counting(engine);
    const progress: string[] = [];
    const onProgress = (done: number, total: number) => progress.push(`${done}/${total}`);
    const clips = await synthesize(
      texts.map((text) => utterance(text)),
      { ...first, cacheDir, onProgress },
    );
    expect(first.counter.calls).toBe(3);
    expect(progress.sort()).toEqual(["1/3", "2/3", "3/3"]);
    for (const [index, clip] of clips.entries()) {
      expect(clip.utterance.text).toBe(texts[index]);
      expect(clip.cached).toBe(false);
      expect(clip.file).toBe(cachePath(cacheDir, cacheKey(clip.utterance)));
      expect(clip.file).toMatch(/\/[0-9a-f]{2}\/[0-9a-f]{64}\.wav$/);
      const audio = parseWav(await readFile(clip.file));
      expect({ sampleRate: audio.sampleRate, samples: audio.samples.length }).toEqual({
        sampleRate: clip.sampleRate,
        samples: clip.samples,
      });
    }
    const second = counting(engine);
    const again = await synthesize(
      texts.map((text) => utterance(text)),
      { ...second, cacheDir },
    );
    expect(second.counter.calls).toBe(0);
    expect(again.map((clip) => clip.cached)).toEqual([true, true, true]);
    expect(again.map((clip) => clip.samples)).toEqual(clips.map((clip) => clip.samples));
    // Each clip's level is measured once, stored beside it, and read back with the cached clip.
    for (const [index, clip] of clips.entries()) {
      expect(clip.level?.sampleRate).toBe(clip.sampleRate);
      const stored = JSON.parse(await readFile(clip.file.replace(/\.wav$/, ".level.json"), "utf8"));
      expect(stored).toEqual(clip.level);
      expect(again[index]?.level).toEqual(clip.level);
    }
    const folders = await readdir(cacheDir, { recursive: true });
    expect(folders.filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("re-synthesizes exactly the one utterance that changed, and speaks duplicates once", async () => {
    await synthesize(
      texts.map((text) => utterance(text)),
      { ...counting(engine), cacheDir },
    );
    const changed = [
      utterance(texts[0] ?? ""),
      utterance("A new second sentence."),
      utterance(texts[2] ?? ""),
    ];
    const run = counting(engine);
    const clips = await synthesize([...changed, utterance("A new second sentence.")], { ...run, cacheDir });
    expect(run.counter.texts).toEqual(["A new second sentence."]);
    expect(clips.map((clip) => clip.cached)).toEqual([true, false, true, false]);
    // A different voice or rate is a different clip; a different pause is not.
    const keys = new Set([
      cacheKey(utterance("Same.")),
      cacheKey({ ...utterance("Same."), voice: { ...utterance("Same.").voice, voice: "high" } }),
      cacheKey({ ...utterance("Same."), voice: { ...utterance("Same.").voice, rate: 1.2 } }),
    ]);
    expect(keys.size).toBe(3);
    expect(cacheKey({ ...utterance("Same."), pauseAfterMs: 900 })).toBe(cacheKey(utterance("Same.")));
    const secret = (apiKey: string) => ({
      ...utterance("Same."),
      voice: { ...utterance("Same.").voice, options: { ...TEMPLATE, apiKey } },
    });
    expect(cacheKey(secret("one"))).toBe(cacheKey(secret("two")));
  });

  it("retries a failed call and succeeds", async () => {
    const run = counting(engine, 2);
    const [clip] = await synthesize([utterance("Third time lucky.")], { ...run, cacheDir, retryDelayMs: 1 });
    expect(run.counter.calls).toBe(3);
    expect(clip?.cached).toBe(false);
  });

  it("fails with a WorkError naming chapter, speaker, sentence and cause once retries run out", async () => {
    const long = `The guest explains, at considerable length and with many asides, why the treaty failed in ${"x".repeat(40)}.`;
    const run = counting(engine);
    const error = await synthesize([utterance("Fine."), utterance(long, "fail", 1, "guest")], {
      ...run,
      cacheDir,
      retryDelayMs: 1,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WorkError);
    const message = (error as Error).message;
    expect(message).toContain(`chapter 2, speaker "guest", sentence "${long.slice(0, 79)}…"`);
    expect(message).not.toContain(long);
    expect(message).toContain('with command voice "fail" after 3 attempts');
    expect(message).toContain("voice 'fail' is broken beyond repair");
    expect(run.counter.texts.filter((text) => text === long)).toHaveLength(3);
  });

  it("treats silent audio as a failure, and does not retry bad input", async () => {
    const silent = await synthesize([utterance("Nothing to hear.", "silent")], {
      ...counting(engine),
      cacheDir,
      retryDelayMs: 1,
    }).catch((caught: unknown) => caught);
    expect(silent).toBeInstanceOf(WorkError);
    expect((silent as Error).message).toMatch(/after 3 attempts: the engine returned only silence\.$/);
    expect(silenceReason({ samples: 0, peak: 0 })).toBe("the engine returned no audio");
    expect(peakOf(Int16Array.from([3, -49, 12]))).toBe(49);
    expect(silenceReason({ samples: 3, peak: peakOf(Int16Array.from([3, -49, 12])) })).toBeDefined();
    expect(silenceReason({ samples: 3, peak: peakOf(Int16Array.from([3, -400, 12])) })).toBeUndefined();

    const run = counting(engine);
    const bad = { ...utterance("Hi."), voice: { engine: "command", voice: "low", options: { args: [] } } };
    const error = await synthesize([bad], { ...run, cacheDir }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(
      /^In chapter 1, speaker "host", sentence "Hi.": The command engine's voice options have no "command"/,
    );
    expect(run.counter.calls).toBe(1);
  });

  it("stops when the caller aborts", async () => {
    const controller = new AbortController();
    const run = synthesize(
      Array.from({ length: 20 }, (_, index) => utterance(`Sentence number ${index}.`)),
      { ...counting(engine), cacheDir, signal: controller.signal, concurrency: 1 },
    );
    setTimeout(() => controller.abort(new Error("user pressed ctrl-c")), 100);
    await expect(run).rejects.toThrow("user pressed ctrl-c");
  });

  it("puts the cache outside the output, honouring PRESSCAST_CACHE_DIR and XDG_CACHE_HOME", () => {
    expect(defaultCacheDir({ PRESSCAST_CACHE_DIR: "/c/p" })).toBe("/c/p");
    expect(defaultCacheDir({ XDG_CACHE_HOME: "/xdg" })).toBe("/xdg/presscast");
    expect(defaultCacheDir({})).toMatch(/\/\.cache\/presscast$/);
  });
});
