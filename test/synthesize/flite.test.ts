import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseWav } from "../../src/audio/wav.js";
import { InputError } from "../../src/errors.js";
import { createFliteEngine, toFliteText } from "../../src/synthesize/engines/flite.js";
import { testEngine } from "./contract.js";
import { peak } from "./pitch.js";

testEngine("flite", async () => ({
  engine: await createFliteEngine(),
  voices: [
    { engine: "flite", voice: "rms" },
    { engine: "flite", voice: "slt" },
  ],
}));

describe("flite text", () => {
  it("keeps words whole when typography and accents would be dropped", () => {
    expect(toFliteText("“Café” — naïve… Straße")).toBe('"Cafe" , naive... Strasse');
    expect(toFliteText("Привет, world")).toBe(" , world");
  });

  it("speaks accented text, refuses text with nothing English in it, and follows rate", async () => {
    const engine = await createFliteEngine({ threads: 1 });
    try {
      const voice = { engine: "flite", voice: "kal16" };
      expect(peak(await engine.synthesize("Déjà vu at the café.", voice))).toBeGreaterThan(1000);
      await expect(engine.synthesize("Привет, мир.", voice)).rejects.toThrow(InputError);
      const normal = await engine.synthesize("One two three four five.", voice);
      const slow = await engine.synthesize("One two three four five.", { ...voice, rate: 0.5 });
      expect(slow.samples.length).toBeGreaterThan(normal.samples.length * 1.6);
    } finally {
      await engine.close?.();
    }
  });

  it("survives many calls on one thread (uncollected instances once crashed the process)", async () => {
    const engine = await createFliteEngine({ threads: 1 });
    try {
      const sentences = [
        "The committee met on Tuesday to discuss the future of the old railway line.",
        "Several members argued that the line should be restored for passenger service.",
        "Others said the money would be better spent on buses and cycle paths.",
        "After three hours of debate, the chair called for a vote.",
      ];
      for (const text of [...sentences, ...sentences]) {
        const audio = await engine.synthesize(text, { engine: "flite", voice: "rms" });
        expect(peak(audio)).toBeGreaterThan(1000);
      }
    } finally {
      await engine.close?.();
    }
  });

  it("speaks the same audio on a kept instance as on a fresh one, call after call, voice after voice", async () => {
    const first = "Several members argued that the line should be restored: why not?";
    const calls: Array<[string, string]> = [
      ["slt", first],
      ["rms", "After three hours of debate, the chair called for a vote."],
      ["awb", "Others said the money would be better spent on buses and cycle paths!"],
      ["kal16", "One, two, three."],
      ["slt", first],
    ];
    const kept = await createFliteEngine({ threads: 1 });
    const spoken: Int16Array[] = [];
    try {
      for (const [voice, text] of calls)
        spoken.push((await kept.synthesize(text, { engine: "flite", voice })).samples);
    } finally {
      await kept.close?.();
    }
    const fresh = await createFliteEngine({ threads: 1 });
    try {
      const alone = (await fresh.synthesize(first, { engine: "flite", voice: "slt" })).samples;
      expect(peak({ sampleRate: 16000, samples: alone })).toBeGreaterThan(1000);
      expect(Buffer.from(spoken[0]?.buffer as ArrayBuffer).equals(Buffer.from(alone.buffer))).toBe(true);
      expect(Buffer.from(spoken[4]?.buffer as ArrayBuffer).equals(Buffer.from(alone.buffer))).toBe(true);
    } finally {
      await fresh.close?.();
    }
  });

  it("reports the length and largest sample of the WAV it writes", async () => {
    const engine = await createFliteEngine({ threads: 1 });
    const dir = await mkdtemp(join(tmpdir(), "presscast-flite-facts-"));
    try {
      for (const voice of ["slt", "rms"]) {
        const file = join(dir, `${voice}.wav`);
        const facts = await engine.synthesizeToFile?.(
          "Quiet words, then LOUD ones!",
          { engine: "flite", voice },
          file,
        );
        const audio = parseWav(await readFile(file), file);
        expect(facts).toEqual({ sampleRate: 16000, samples: audio.samples.length, peak: peak(audio) });
      }
    } finally {
      await engine.close?.();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses to speak once closed, even when closed before its first call", async () => {
    const engine = await createFliteEngine({ threads: 1 });
    await engine.close?.();
    await expect(engine.synthesize("Hello.", { engine: "flite", voice: "slt" })).rejects.toThrow(
      "The flite engine was already closed.",
    );
  });
});
