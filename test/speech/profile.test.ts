import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import {
  assignVoices,
  defaultProfilePath,
  loadProfile,
  packageRoot,
  voiceExists,
  voiceFor,
} from "../../src/speech/profile.js";
import type { Script } from "../../src/types.js";

/** The voices the offline engines offer, as the registry lists them. */
const VOICES: Record<string, string[]> = {
  flite: ["awb", "kal", "kal16", "rms", "slt"],
  // As the espeak engine lists them: "fr-fr" and "en-gb", while it also takes "fr" and "en".
  espeak: ["en-gb", "en-us", "en-gb-scotland", "fr-fr", "fr-be", "fr-ch", "ru", "de", "es"],
  say: [],
  openai: [],
};
const check = async (engine: string) => VOICES[engine] ?? null;
const dir = await mkdtemp(join(tmpdir(), "presscast-profile-"));
let count = 0;
async function profileFile(text: string): Promise<string> {
  count += 1;
  const file = join(dir, `p${count}.yaml`);
  await writeFile(file, text);
  return file;
}
const ROLES = `roles:
  narrator: { engine: flite, voice: slt }
  host: { engine: flite, voice: rms }
  guest: { engine: flite, voice: awb }
`;

describe("shipped profiles", () => {
  it("finds the package root and loads every profile in voices/", async () => {
    expect(defaultProfilePath).toBe(join(packageRoot(), "voices", "default.yaml"));
    const profile = await loadProfile(defaultProfilePath, check);
    expect(profile.roles.narrator).toEqual({ engine: "flite", voice: "slt", rate: 1 });
    expect(profile.roles.host.voice).toBe("awb");
    expect(profile.roles.guest.voice).toBe("rms");
    expect(profile.pauses.sentence).toBeLessThan(profile.pauses.turn);
    expect(profile.pauses.turn).toBeLessThan(profile.pauses.chapter);
    expect(profile.languages.fr?.roles.host).toEqual({ engine: "espeak", voice: "fr+m3", rate: 1 });
    const openai = await loadProfile(join(packageRoot(), "voices", "openai.yaml"), check);
    expect(openai.roles.host.options).toMatchObject({
      model: "gpt-4o-mini-tts",
      apiKeyEnv: "OPENAI_API_KEY",
    });
    const say = await loadProfile(join(packageRoot(), "voices", "macos-say.yaml"), check);
    expect(say.roles.narrator.voice).toBe("Samantha");
  });
});

describe("profile validation names the file, the key and what exists", () => {
  it("rejects an unknown engine", async () => {
    const file = await profileFile(ROLES.replace("engine: flite, voice: awb", "engine: flit, voice: awb"));
    await expect(loadProfile(file, check, ["flite", "espeak"])).rejects.toThrow(
      new InputError(
        `Voice profile ${file}: roles.guest.engine "flit" is not a known engine; the engines are flite, espeak.`,
      ),
    );
  });

  it("rejects an unknown voice and lists the engine's voices", async () => {
    const file = await profileFile(ROLES.replace("voice: awb", "voice: awbx"));
    await expect(loadProfile(file, check)).rejects.toThrow(
      new InputError(
        `Voice profile ${file}: roles.guest.voice "awbx" is not a voice of engine flite; its voices are awb, kal, kal16, rms, slt.`,
      ),
    );
  });

  it("checks pool and per-language voices, accepting eSpeak variants", async () => {
    const ok = await profileFile(
      `${ROLES}pool:\n  - { engine: espeak, voice: en-us+f3 }\nlanguages:\n  fr:\n    roles:\n      host: { engine: espeak, voice: fr+m3 }\n`,
    );
    expect((await loadProfile(ok, check)).pool[0]?.voice).toBe("en-us+f3");
    const bad = await profileFile(
      `${ROLES}languages:\n  fr:\n    pool:\n      - { engine: espeak, voice: xx+m3 }\n`,
    );
    await expect(loadProfile(bad, check)).rejects.toThrow(
      /languages\.fr\.pool\[0\]\.voice "xx\+m3" is not a voice of engine espeak/,
    );
  });

  it("takes an intro and outro template, or false to leave them out", async () => {
    const file = await profileFile(`${ROLES}intro: "{title}, read by a machine."\noutro: false\n`);
    const profile = await loadProfile(file, check);
    expect([profile.intro, profile.outro]).toEqual(["{title}, read by a machine.", false]);
    expect((await loadProfile(await profileFile(ROLES), check)).intro).toBeUndefined();
    const bad = await profileFile(`${ROLES}intro: [a, b]\n`);
    await expect(loadProfile(bad, check)).rejects.toThrow(/"intro" must be false \(none\) or a text/);
  });

  it("rejects an unknown key with the keys allowed there", async () => {
    const file = await profileFile(ROLES.replace("narrator:", "narator:"));
    await expect(loadProfile(file, check)).rejects.toThrow(
      new InputError(
        `Voice profile ${file}: unknown key "roles.narator"; the keys allowed in roles are narrator, host, guest.`,
      ),
    );
    const top = await profileFile(`${ROLES}speed: 2\n`);
    await expect(loadProfile(top, check)).rejects.toThrow(
      /unknown key "speed"; the keys allowed at the top are description, language, rate/,
    );
    const pause = await profileFile(`${ROLES}pauses: { sentense: 300 }\n`);
    await expect(loadProfile(pause, check)).rejects.toThrow(
      /unknown key "pauses\.sentense"; the keys allowed in pauses are clause, sentence/,
    );
  });

  it("rejects bad YAML with the file and the line", async () => {
    const file = await profileFile("roles:\n  narrator: { engine: flite, voice: slt\n  host: x\n");
    const error = await loadProfile(file, check).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(
      new RegExp(`^Voice profile ${file} is not valid YAML: .*line \\d+`),
    );
  });

  it("rejects wrong types, missing roles and a missing file", async () => {
    const rate = await profileFile(ROLES.replace("voice: rms }", "voice: rms, rate: fast }"));
    await expect(loadProfile(rate, check)).rejects.toThrow(
      `${rate}: "roles.host.rate" must be a number from 0.25 to 4 (1 = the engine's normal speed), not text.`,
    );
    const missing = await profileFile(ROLES.replace(/ {2}guest:.*\n/, ""));
    await expect(loadProfile(missing, check)).rejects.toThrow(`${missing}: "roles.guest" is missing`);
    await expect(loadProfile(join(dir, "nope.yaml"), check)).rejects.toThrow(
      `Voice profile ${join(dir, "nope.yaml")} does not exist`,
    );
  });
});

describe("voiceExists", () => {
  it("accepts exact ids, eSpeak variants and bare languages, and nothing else", () => {
    const ids = ["en-gb", "en-us", "fr-fr", "roa/it", "slt"];
    expect(["slt", "SLT", "en-us+f3", "fr+m3", "en", "it+m1"].every((voice) => voiceExists(voice, ids))).toBe(
      true,
    );
    expect(["sl", "en-au", "de+m3", "f"].some((voice) => voiceExists(voice, ids))).toBe(false);
  });
});

describe("voices for speakers", () => {
  it("gives each of five named speakers and the narrator a distinct voice", async () => {
    const profile = await loadProfile(defaultProfilePath, check);
    const names = ["alice", "bob", "carol", "dave", "erin"];
    const script: Script = {
      meta: { title: "Panel", language: "en" },
      speakers: [
        { id: "narrator", role: "narrator" },
        ...names.map((id) => ({ id, name: id, role: "speaker" as const })),
      ],
      chapters: [],
      dropped: [],
    };
    const voices = assignVoices(profile, script);
    const keys = [...voices.values()].map((voice) => `${voice.engine}/${voice.voice}/${voice.pitch ?? 0}`);
    expect(new Set(keys).size).toBe(6);
    expect(voices.get("alice")?.voice).toBe("awb");
    expect(voices.get("bob")?.voice).toBe("rms");
  });

  it("skips voices the host and guest already use, wraps round with a pitch shift, and follows the language", async () => {
    const file = await profileFile(`${ROLES}pool:\n  - { engine: flite, voice: kal16 }\n`);
    const profile = await loadProfile(file, check);
    const script: Script = {
      meta: { title: "T", language: "en" },
      speakers: [
        { id: "host", role: "host" },
        { id: "guest", role: "guest" },
        { id: "x", role: "speaker" },
        { id: "y", role: "speaker" },
      ],
      chapters: [],
      dropped: [],
    };
    const voices = assignVoices(profile, script);
    expect(voices.get("x")).toEqual({ engine: "flite", voice: "kal16", rate: 1 });
    expect(voices.get("y")?.voice).not.toBeUndefined();
    expect(voices.get("y")?.pitch).toBe(3);
    const shipped = await loadProfile(defaultProfilePath, check);
    expect(voiceFor(shipped, "fr-FR", { id: "n", role: "narrator" })).toEqual({
      engine: "espeak",
      voice: "fr+f3",
      rate: 1,
    });
    expect(voiceFor(shipped, "ru", { id: "h", role: "host" }).voice).toBe("ru+m3");
  });
});
