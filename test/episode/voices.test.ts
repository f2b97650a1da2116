import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadVoices } from "../../src/episode/voices.js";
import { InputError } from "../../src/errors.js";

const work = mkdtempSync(join(tmpdir(), "presscast-voices-"));
const profile = (name: string, narrator: string) => {
  const file = join(work, name);
  writeFileSync(
    file,
    `roles:\n  narrator: ${narrator}\n  host: { engine: flite, voice: rms }\n  guest: { engine: flite, voice: awb }\n`,
  );
  return file;
};

describe("loadVoices", () => {
  it("refuses a voice no engine here has at once, naming the file and key", async () => {
    const bad = profile("bad.yaml", "{ engine: flite, voice: nobody }");
    await expect(loadVoices(bad)).rejects.toThrow(InputError);
    await expect(loadVoices(bad)).rejects.toThrow(/bad\.yaml.*roles\.narrator\.voice.*slt/);
  });

  it("with checkLater, reads the profile now and checks its voices when asked, once", async () => {
    const bad = profile("later.yaml", "{ engine: flite, voice: nobody }");
    const voices = await loadVoices(bad, undefined, { checkLater: true });
    expect(voices.profile.roles.host).toMatchObject({ engine: "flite", voice: "rms" });
    // Nothing is known of the engines until the check has run.
    expect(() => voices.maxChars("flite")).toThrow(/did not load/);
    await expect(voices.checked?.()).rejects.toThrow(/later\.yaml.*roles\.narrator\.voice.*slt/);
    await expect(voices.checked?.()).rejects.toThrow(/later\.yaml/);
  });

  it("with checkLater, still refuses a profile that is not one at once", async () => {
    const broken = join(work, "broken.yaml");
    writeFileSync(broken, "roles: [unclosed\n");
    await expect(loadVoices(broken, undefined, { checkLater: true })).rejects.toThrow(/broken\.yaml.*YAML/);
  });

  it("with checkLater, a good profile's engines answer once checked", async () => {
    const good = profile("good.yaml", "{ engine: flite, voice: slt }");
    const voices = await loadVoices(good, undefined, { checkLater: true });
    await voices.checked?.();
    expect(voices.maxChars("flite")).toBeGreaterThanOrEqual(200);
  });
});
