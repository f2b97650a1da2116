/**
 * The one contract every engine must meet (as unstorage's testDriver does for its drivers):
 * each engine test file calls testEngine with a way to build the engine and two voices.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseWav } from "../../src/audio/wav.js";
import { InputError } from "../../src/errors.js";
import type { Engine } from "../../src/synthesize/engine.js";
import type { Voice } from "../../src/types.js";
import { medianPitch, peak } from "./pitch.js";

export interface EngineSetup {
  engine: Engine;
  /** Two voices that should sound clearly different (by pitch). */
  voices: [Voice, Voice];
  cleanup?: () => Promise<void>;
}

const SHORT = "Hello there.";
const LONG =
  "Hello there. This is a much longer sentence, read aloud to check that the audio grows with the text.";

export function testEngine(name: string, setup: () => Promise<EngineSetup>): void {
  describe(`engine contract: ${name}`, () => {
    let ctx: EngineSetup;
    beforeAll(async () => {
      ctx = await setup();
    });
    afterAll(async () => {
      await ctx?.engine.close?.();
      await ctx?.cleanup?.();
    });

    it("has a name and sane limits", () => {
      expect(ctx.engine.name).toBe(name);
      expect(ctx.engine.maxChars).toBeGreaterThanOrEqual(200);
      expect(ctx.engine.concurrency).toBeGreaterThanOrEqual(1);
    });

    it("lists voices, including the ones under test", async () => {
      const voices = await ctx.engine.voices();
      expect(voices.length).toBeGreaterThan(0);
      for (const voice of voices) {
        expect(voice.id).toMatch(/\S/);
        expect(voice.language).toMatch(/\S/);
      }
      const ids = voices.map((voice) => voice.id);
      // "base+variant" is eSpeak's way of modifying a listed voice; the base must be listed.
      for (const voice of ctx.voices) expect(ids).toContain(voice.voice.split("+")[0]);
    });

    it("speaks non-silent audio that grows with the text", async () => {
      const [voice] = ctx.voices;
      const short = await ctx.engine.synthesize(SHORT, voice);
      const long = await ctx.engine.synthesize(LONG, voice);
      for (const audio of [short, long]) {
        expect(audio.sampleRate).toBeGreaterThanOrEqual(8000);
        expect(audio.samples).toBeInstanceOf(Int16Array);
        expect(peak(audio)).toBeGreaterThan(1000);
      }
      expect(short.samples.length / short.sampleRate).toBeGreaterThan(0.3);
      expect(long.samples.length).toBeGreaterThan(short.samples.length * 3);
    });

    it("gives two voices audibly different audio (pitch differs by over 15%)", async () => {
      const [a, b] = await Promise.all(ctx.voices.map((voice) => ctx.engine.synthesize(LONG, voice)));
      if (!a || !b) throw new Error("no audio");
      const [pitchA, pitchB] = [medianPitch(a), medianPitch(b)];
      expect(pitchA).toBeGreaterThan(60);
      expect(pitchB).toBeGreaterThan(60);
      expect(Math.max(pitchA, pitchB) / Math.min(pitchA, pitchB)).toBeGreaterThan(1.15);
    });

    it("respects maxChars: refuses longer text with an InputError that says the limit", async () => {
      const [voice] = ctx.voices;
      const words = "Word after word. ".repeat(Math.ceil((ctx.engine.maxChars + 10) / 17));
      const over = words.slice(0, ctx.engine.maxChars + 1);
      await expect(ctx.engine.synthesize(over, voice)).rejects.toThrow(InputError);
      await expect(ctx.engine.synthesize(over, voice)).rejects.toThrow(String(ctx.engine.maxChars));
      if (ctx.engine.maxChars <= 1000) {
        const audio = await ctx.engine.synthesize(words.slice(0, ctx.engine.maxChars), voice);
        expect(peak(audio)).toBeGreaterThan(1000);
      }
    });

    it("writes the same audio to a file when it can (synthesizeToFile), and reports it truly", async (test) => {
      const toFile = ctx.engine.synthesizeToFile?.bind(ctx.engine);
      if (!toFile) return test.skip();
      const [voice] = ctx.voices;
      const dir = await mkdtemp(join(tmpdir(), "presscast-contract-"));
      try {
        const file = join(dir, "clip.wav");
        const facts = await toFile(LONG, voice, file);
        const audio = parseWav(await readFile(file), file);
        const direct = await ctx.engine.synthesize(LONG, voice);
        expect(facts).toEqual({
          sampleRate: audio.sampleRate,
          samples: audio.samples.length,
          peak: peak(audio),
        });
        expect(audio.sampleRate).toBe(direct.sampleRate);
        expect(audio.samples.length).toBe(direct.samples.length);
        expect(facts.peak).toBeGreaterThan(1000);
        await expect(toFile(SHORT, { ...voice, voice: "no-such-voice" }, file)).rejects.toThrow(InputError);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });

    it("rejects an unknown voice with an error naming it", async () => {
      const voice = { ...ctx.voices[0], voice: "no-such-voice" };
      const error = await ctx.engine.synthesize(SHORT, voice).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InputError);
      expect((error as Error).message).toContain("no-such-voice");
    });
  });
}
