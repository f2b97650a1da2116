import { afterAll, describe, expect, it } from "vitest";
import { defaultProfilePath, loadProfile, voicesForLanguage } from "../../src/speech/profile.js";
import { closeEngines, engineNames, loadEngine } from "../../src/synthesize/registry.js";
import type { Voice } from "../../src/types.js";

/** The real engines' voice lists, as the CLI will pass them to loadProfile. */
const check = async (name: string) =>
  engineNames().includes(name) ? (await (await loadEngine(name)).voices()).map((voice) => voice.id) : null;

afterAll(() => closeEngines());

describe("voices/default.yaml against the installed engines", () => {
  it("passes validation and every voice it names really speaks", async () => {
    const profile = await loadProfile(defaultProfilePath, check, engineNames());
    const voices: Voice[] = [];
    for (const language of ["en", ...Object.keys(profile.languages)]) {
      const set = voicesForLanguage(profile, language);
      voices.push(...Object.values(set.roles), ...set.pool);
    }
    const distinct = [...new Map(voices.map((voice) => [`${voice.engine}/${voice.voice}`, voice])).values()];
    expect(distinct.length).toBeGreaterThan(20);
    for (const voice of distinct) {
      const audio = await (await loadEngine(voice.engine)).synthesize("One.", voice);
      expect(audio.samples.length, `${voice.engine} ${voice.voice}`).toBeGreaterThan(audio.sampleRate / 10);
    }
  });
});
