import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { presscast, root } from "./helpers.js";

/**
 * The article's language on the command line: `--language` on script and build, the voices that
 * follow it, and a short undeclared German text that must not reach an English-only engine.
 */
const dir = mkdtempSync(join(tmpdir(), "presscast-language-"));
const german = join(dir, "kurz.txt");
writeFileSync(
  german,
  "Die Stadt hat am Montag beschlossen, dass die Bibliothek im Sommer länger geöffnet bleibt. Viele Familien hatten sich das gewünscht, weil Kinder in den Ferien nicht wissen, wohin sie sollen.\n",
);
const unclear = join(dir, "unclear.txt");
writeFileSync(unclear, "Berlin, Paris, Madrid.\n");

const language = async (...args: string[]) => {
  const run = await presscast(["script", "--json", ...args]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout).meta.language as string;
};

describe("the article's language", () => {
  it("is detected in thirty undeclared words of German", async () => {
    expect(await language(german)).toBe("de");
  });

  it("is what --language says, tidied, for an article and for a script read back", async () => {
    expect(await language(german, "--language", "fr-ca")).toBe("fr-CA");
    const script = join(dir, "kurz.script");
    writeFileSync(script, (await presscast(["script", german])).stdout);
    expect(await language(script, "--language", "es")).toBe("es");
  });

  it("is the profile's language when the text does not tell", async () => {
    expect(await language(unclear)).toBe("en");
    const profile = join(dir, "deutsch.yaml");
    const text = readFileSync(join(root, "voices", "default.yaml"), "utf8").replace(
      "language: en",
      "language: de",
    );
    writeFileSync(profile, text);
    expect(await language(unclear, "--voices", profile)).toBe("de");
  });

  it("rejects a --language that is not a language tag, naming it, with exit 2", async () => {
    for (const command of ["script", "build"]) {
      const run = await presscast([command, german, "--language", "12!"]);
      expect(run.code).toBe(2);
      expect(run.stderr.trim()).toBe(
        'presscast: --language "12!" is not a language tag; use one such as en, de, fr-CA or pt-BR.',
      );
    }
  });

  it("picks the voices of a build: German by eSpeak, never English Flite", async () => {
    const output = join(dir, "out");
    const run = await presscast(["build", german, "-o", output, "--cache-dir", join(dir, "cache"), "--json"]);
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    const episode = JSON.parse(run.stdout).episodes[0];
    const manifest = JSON.parse(readFileSync(episode.manifest, "utf8"));
    expect(manifest.language).toBe("de");
    expect(manifest.speakers.map((s: { engine: string; voice: string }) => `${s.engine}:${s.voice}`)).toEqual(
      ["espeak:de+f3"],
    );

    const forced = await presscast([
      "build",
      german,
      "-o",
      join(dir, "out-fr"),
      "--cache-dir",
      join(dir, "cache"),
      "--json",
      "--language",
      "fr",
    ]);
    expect(forced.code).toBe(0);
    const french = JSON.parse(readFileSync(JSON.parse(forced.stdout).episodes[0].manifest, "utf8"));
    expect(french.language).toBe("fr");
    expect(french.speakers.map((s: { voice: string }) => s.voice)).toEqual(["fr+f3"]);
  });
});
