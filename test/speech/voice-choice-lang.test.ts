import { describe, expect, it } from "vitest";
import { defaultProfilePath, loadProfile, voicesForLanguage } from "../../src/speech/profile.js";

describe("a language the profile does not name", () => {
  it("gets eSpeak voices for that language instead of English-only Flite voices", async () => {
    // An empty voice list means "any voice": this test is about the choice, not the engines.
    const profile = await loadProfile(defaultProfilePath, async () => []);
    const italian = voicesForLanguage(profile, "it");
    expect(italian.roles.narrator).toMatchObject({ engine: "espeak", voice: "it+f3" });
    expect(new Set(Object.values(italian.roles).map((v) => v.voice)).size).toBe(3);
    expect(voicesForLanguage(profile, "en-GB").roles.narrator.engine).toBe("flite");
    expect(voicesForLanguage(profile, "fr").roles.narrator.voice).toBe("fr+f3");
  });
});
