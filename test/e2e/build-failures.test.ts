import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { presscast, root, toneProfile } from "./helpers.js";

/**
 * `presscast build` when something is wrong: each failure is one sentence naming the cause, exit 1
 * for a failure while working and 2 for bad input, and no partial file at a published path.
 * The engine is the `command` engine running test/fixtures/engines/tone.mjs, a real program.
 */
const work = mkdtempSync(join(tmpdir(), "presscast-fail-"));

const profile = (voices: { narrator: string; host: string; guest: string }) =>
  toneProfile(join(work, `voices-${Object.values(voices).join("-")}.yaml`), voices);
const article = (name: string, title: string) => {
  const file = join(work, name);
  writeFileSync(
    file,
    `${title}\n\nThe first paragraph tells the story. It is short.\n\nThe second paragraph ends it.\n`,
  );
  return file;
};

const build = (output: string, ...args: string[]) =>
  presscast(["build", ...args, "-o", output, "--cache-dir", join(work, "cache"), "--json"], { cwd: work });

function expectOneSentence(stderr: string, pattern: RegExp) {
  const lines = stderr
    .trim()
    .split("\n")
    .filter((l) => l.startsWith("presscast:"));
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
}
const published = (output: string) =>
  existsSync(join(output, "episodes"))
    ? readdirSync(join(output, "episodes")).filter((n) => !n.startsWith("."))
    : [];

describe("presscast build failures", () => {
  const good = profile({ narrator: "low", host: "high", guest: "low" });

  it("builds with the command engine (the baseline the failures below depart from)", async () => {
    const output = join(work, "ok");
    const result = await build(output, article("ok.txt", "A good title for once"), "--voices", good);
    expect(result.code, result.stderr).toBe(0);
    expect(published(output)).toContain("a-good-title-for-once.mp3");
  });

  it("a missing ffmpeg: exit 1 naming it, nothing published", async () => {
    const output = join(work, "noffmpeg");
    const result = await build(
      output,
      article("a.txt", "No ffmpeg here today"),
      "--voices",
      good,
      "--ffmpeg",
      "/nonexistent/ffmpeg",
    );
    expect(result.code).toBe(1);
    expectOneSentence(result.stderr, /ffmpeg not found at \/nonexistent\/ffmpeg/);
    expect(published(output)).toEqual([]);
  });

  it("an engine that crashes: exit 1 naming chapter, speaker and sentence, no partial MP3", async () => {
    const output = join(work, "crash");
    const result = await build(
      output,
      article("b.txt", "An engine that crashes"),
      "--voices",
      profile({ narrator: "fail", host: "low", guest: "low" }),
    );
    expect(result.code).toBe(1);
    expectOneSentence(result.stderr, /chapter 1, speaker "narrator", sentence ".*".*broken beyond repair/);
    expect(published(output)).toEqual([]);
  });

  it("an engine that returns silence: detected, exit 1, nothing published", async () => {
    const output = join(work, "silent");
    const result = await build(
      output,
      article("c.txt", "An engine that is silent"),
      "--voices",
      profile({ narrator: "silent", host: "low", guest: "low" }),
    );
    expect(result.code).toBe(1);
    expectOneSentence(result.stderr, /only silence/);
    expect(published(output)).toEqual([]);
  });

  it("a voice profile with an unknown engine or voice: exit 2 naming the file and key", async () => {
    const badEngine = join(work, "bad-engine.yaml");
    writeFileSync(
      badEngine,
      "roles:\n  narrator: { engine: nope, voice: x }\n  host: { engine: flite, voice: rms }\n  guest: { engine: flite, voice: awb }\n",
    );
    let result = await build(join(work, "x"), article("d.txt", "Bad profile"), "--voices", badEngine);
    expect(result.code).toBe(2);
    expectOneSentence(result.stderr, /bad-engine\.yaml.*roles\.narrator\.engine.*flite/);
    const badVoice = join(work, "bad-voice.yaml");
    writeFileSync(
      badVoice,
      "roles:\n  narrator: { engine: flite, voice: nobody }\n  host: { engine: flite, voice: rms }\n  guest: { engine: flite, voice: awb }\n",
    );
    result = await build(join(work, "x"), article("d.txt", "Bad profile"), "--voices", badVoice);
    expect(result.code).toBe(2);
    expectOneSentence(result.stderr, /bad-voice\.yaml.*roles\.narrator\.voice.*slt/);
  });

  it("say on Linux and openai without a key fail clearly", async () => {
    const say = await build(
      join(work, "say"),
      article("e.txt", "Say something"),
      "--voices",
      join(root, "voices", "macos-say.yaml"),
    );
    expect(say.code).not.toBe(0);
    expectOneSentence(say.stderr, /say .*only works on macOS and Windows.*flite/);
  });

  it("an unwritable output folder: a clear error and no stack", async () => {
    const output = join(work, "locked");
    mkdirSync(output);
    chmodSync(output, 0o500);
    const result = await build(output, article("f.txt", "Nowhere to write"), "--voices", good);
    chmodSync(output, 0o700);
    if (process.getuid?.() === 0) {
      // root writes anyway; the build must then simply succeed.
      expect(result.code).toBe(0);
    } else {
      expect(result.code).toBe(1);
      expectOneSentence(result.stderr, /locked/);
    }
  });

  it("two articles with one title get distinct slugs; a hostile title gets a safe one", async () => {
    const output = join(work, "titles");
    const one = await build(
      output,
      article("g1.txt", "The same title twice"),
      article("g2.txt", "The same title twice"),
      "--voices",
      good,
    );
    expect(one.code, one.stderr).toBe(0);
    const slugs = (JSON.parse(one.stdout) as { episodes: Array<{ audio: string }> }).episodes.map(
      (e) => e.audio,
    );
    expect(slugs.map((s) => s.split("/").pop())).toEqual([
      "the-same-title-twice.mp3",
      "the-same-title-twice-2.mp3",
    ]);
    const hostile = join(work, "h.md");
    writeFileSync(hostile, "# ../../etc/passwd\n\nA paragraph under a hostile title.\n");
    const evil = await build(output, hostile, "--voices", good);
    expect(evil.code, evil.stderr).toBe(0);
    expect(published(output)).toContain("etc-passwd.mp3");
    const feed = readFileSync(join(output, "feed.xml"), "utf8");
    expect(feed.match(/<item>/g)).toHaveLength(3);
  });

  it.each([
    ["an unknown --format", ["--format", "wav"], /--format must be mp3 or m4a/],
    ["a zero --concurrency", ["--concurrency", "0"], /--concurrency must be a whole number/],
    ["a missing --config", ["--config", "nowhere.yaml"], /nowhere\.yaml/],
    ["a config with an unknown key", ["--config", "bad-config.yaml"], /bad-config\.yaml.*colour/],
    ["a missing --voices file", ["--voices", "missing-voices.yaml"], /missing-voices\.yaml/],
  ])("%s: exit 2 before any work", async (_name, flags, message) => {
    writeFileSync(join(work, "bad-config.yaml"), "title: Show\ncolour: blue\n");
    const output = join(work, "usage");
    const result = await build(output, article("u.txt", "Usage errors are caught early"), ...flags);
    expect(result.code).toBe(2);
    expectOneSentence(result.stderr, message);
    expect(published(output)).toEqual([]);
  });
});
