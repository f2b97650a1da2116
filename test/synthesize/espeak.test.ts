import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { createEspeakEngine, escapeForEspeak } from "../../src/synthesize/engines/espeak.js";
import { testEngine } from "./contract.js";

testEngine("espeak", async () => ({
  engine: await createEspeakEngine(),
  voices: [
    { engine: "espeak", voice: "en-us+m3" },
    { engine: "espeak", voice: "en-us+f3" },
  ],
}));

describe("espeak specifics", () => {
  it("reads & < > as text, not markup", async () => {
    expect(escapeForEspeak("AT&T <b>")).toBe("AT&amp;T &lt;b&gt;");
    const engine = await createEspeakEngine({ threads: 1 });
    try {
      const voice = { engine: "espeak", voice: "en-us" };
      const at = await engine.synthesize("AT", voice);
      const atAndT = await engine.synthesize("AT&T", voice);
      expect(atAndT.samples.length).toBeGreaterThan(at.samples.length * 1.5);
    } finally {
      await engine.close?.();
    }
  });

  it("offers French and Russian, speaks them, and refuses an unknown variant", async () => {
    const engine = await createEspeakEngine({ threads: 1 });
    try {
      const ids = (await engine.voices()).map((voice) => voice.id);
      expect(ids).toEqual(expect.arrayContaining(["en-us", "en-gb", "fr-fr", "ru"]));
      expect(new Set(ids).size).toBe(ids.length);
      const french = await engine.synthesize("Bonjour à tous.", { engine: "espeak", voice: "fr" });
      expect(french.samples.length).toBeGreaterThan(22050 * 0.5);
      const russian = await engine.synthesize("Привет, мир.", { engine: "espeak", voice: "ru" });
      expect(russian.sampleRate).toBe(22050);
      expect(russian.samples.length).toBeGreaterThan(22050 * 0.5);
      await expect(engine.synthesize("Hi.", { engine: "espeak", voice: "en-us+zz9" })).rejects.toThrow(
        InputError,
      );
      const fast = await engine.synthesize("One two three four five six.", {
        engine: "espeak",
        voice: "en",
        rate: 2,
      });
      const slow = await engine.synthesize("One two three four five six.", { engine: "espeak", voice: "en" });
      expect(slow.samples.length).toBeGreaterThan(fast.samples.length * 1.4);
    } finally {
      await engine.close?.();
    }
  });
});
