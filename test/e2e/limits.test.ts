/**
 * Limits checked before any work, through the real command line: what is not a regular file,
 * what is too large, numbers out of range, pages nested too deep, URLs that are not http(s), and
 * files that must never be quoted. Each is refused with one sentence naming the file and the
 * problem (exit 2), fast, and leaves nothing in the output folder.
 */
import { execFileSync, spawn } from "node:child_process";
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { presscast, toneProfile } from "./helpers.js";

const work = mkdtempSync(join(tmpdir(), "presscast-limits-"));
const tone = toneProfile(join(work, "tone.yaml"));
const article = join(work, "article.txt");
writeFileSync(article, "A title for the limits\n\nThe first paragraph tells the story. It is short.\n");

const build = (output: string, ...args: string[]) =>
  presscast(["build", ...args, "-o", output, "--cache-dir", join(work, "cache")], { cwd: work });

function oneSentence(stderr: string, pattern: RegExp): void {
  const lines = stderr.split("\n").filter((line) => line.startsWith("presscast:"));
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
}

const nothingIn = (output: string) =>
  !existsSync(join(output, "episodes")) ||
  readdirSync(join(output, "episodes")).filter((name) => !name.startsWith(".presscast")).length === 0;

describe("inputs that are not regular files", { timeout: 600_000 }, () => {
  it("refuses a FIFO at once, with or without a writer", async () => {
    const fifo = join(work, "pipe.txt");
    execFileSync("mkfifo", [fifo]);
    const lonely = await presscast(["script", fifo]);
    expect(lonely.code, lonely.stderr).toBe(2);
    oneSentence(lonely.stderr, /pipe\.txt is a named pipe \(FIFO\), not a regular file/);
    // A writer that never stops: presscast must still refuse rather than read it.
    const writer = spawn("sh", ["-c", `while :; do echo word; done > ${fifo}`], { stdio: "ignore" });
    try {
      const fed = await presscast(["script", fifo]);
      expect(fed.code, fed.stderr).toBe(2);
      oneSentence(fed.stderr, /named pipe/);
    } finally {
      writer.kill("SIGKILL");
    }
  });

  it("refuses /dev/zero as an article and as a cover image", async () => {
    const zero = await presscast(["script", "/dev/zero"]);
    expect(zero.code).toBe(2);
    oneSentence(zero.stderr, /\/dev\/zero is a device, not a regular file/);
    const output = join(work, "cover-out");
    const cover = await build(output, article, "--voices", tone, "--cover", "/dev/zero");
    expect(cover.code).toBe(2);
    oneSentence(cover.stderr, /Cover image \/dev\/zero is a device/);
    expect(nothingIn(output)).toBe(true);
  });

  it("refuses a 1.5 GB sparse file by its size, before reading it", async () => {
    const sparse = join(work, "sparse.txt");
    const fd = openSync(sparse, "w");
    closeSync(fd);
    execFileSync("truncate", ["-s", "1500M", sparse]);
    const result = await presscast(["script", sparse]);
    expect(result.code).toBe(2);
    oneSentence(result.stderr, /sparse\.txt is more than the 10 MB presscast reads/);
  });
});

describe("numbers out of range", { timeout: 600_000 }, () => {
  const profileWith = (name: string, extra: string) => {
    const file = join(work, name);
    writeFileSync(file, `${readFileSync(tone, "utf8")}${extra}`);
    return file;
  };

  it.each([
    ["pauses: { sentence: 1e12 }", /"pauses\.sentence" must be a number from 0 to 60000 \(milliseconds\)\.$/],
    ["rate: 1e300", /"rate" must be a number from 0\.25 to 4/],
    ["pauses: { turn: -5 }", /"pauses\.turn" must be a number from 0 to 60000/],
  ])("refuses a profile with %s", async (extra, pattern) => {
    const output = join(work, `out-${extra.length}`);
    const result = await build(
      output,
      article,
      "--voices",
      profileWith(`p-${extra.length}.yaml`, `${extra}\n`),
    );
    expect(result.code).toBe(2);
    oneSentence(result.stderr, pattern);
    expect(nothingIn(output)).toBe(true);
  });

  it.each([
    [["--bitrate", "100000"], /--bitrate must be a whole number from 32 to 320/],
    [["--bitrate", "100"], /--bitrate for MP3 must be one of/],
    [["--concurrency", "100000"], /--concurrency must be a whole number from 1 to 64/],
    [["--cache-size", "1e9"], /--cache-size must be a whole number/],
  ])("refuses %j", async (flags, pattern) => {
    const output = join(work, `flags-${flags.join("")}`);
    const result = await build(output, article, "--voices", tone, ...flags);
    expect(result.code).toBe(2);
    oneSentence(result.stderr, pattern);
    expect(nothingIn(output)).toBe(true);
  });
});

describe("pages and files that must not be read or quoted", { timeout: 600_000 }, () => {
  it("refuses 5,000 nested divs by their depth, without overflowing a stack", async () => {
    const page = join(work, "deep.html");
    const text = "<p>This is the article text, long enough to be read as the main content of the page.</p>";
    writeFileSync(
      page,
      `<!doctype html><html><body>${"<div>".repeat(5000)}${text}${"</div>".repeat(5000)}</body></html>`,
    );
    const result = await presscast(["script", page]);
    expect(result.code).toBe(2);
    oneSentence(result.stderr, /deep\.html nests its elements more than 200 levels deep/);
  });

  it("never quotes a lexicon it cannot parse", async () => {
    const secret = join(work, "shadow");
    writeFileSync(secret, "root:$6$SECRETSALT$SECRETHASH:19000:0:99999:7:::\n  daemon: [SECRET2\n");
    const profile = join(work, "lexicon-profile.yaml");
    writeFileSync(profile, `${readFileSync(tone, "utf8")}lexicons: [${JSON.stringify(secret)}]\n`);
    const result = await build(join(work, "lex-out"), article, "--voices", profile);
    expect(result.code).toBe(2);
    oneSentence(result.stderr, /Lexicon .*shadow is not valid YAML/);
    expect(result.stderr).not.toMatch(/SECRET|root|daemon/);
  });

  it("never quotes a script JSON it cannot parse", async () => {
    const bad = join(work, "bad.json");
    writeFileSync(bad, '{"meta": {"title": "x", "PRIVATE-TOKEN-123": oops}}');
    const result = await presscast(["script", bad]);
    expect(result.code).toBe(2);
    oneSentence(result.stderr, /bad\.json is not valid script JSON/);
    expect(result.stderr).not.toMatch(/PRIVATE|oops/);
  });

  it("refuses a javascript: baseUrl before any work", async () => {
    const config = join(work, "js.yaml");
    writeFileSync(config, 'baseUrl: "javascript:alert(1)//"\n');
    const output = join(work, "js-out");
    const result = await build(output, article, "--voices", tone, "--config", config);
    expect(result.code).toBe(2);
    oneSentence(result.stderr, /"baseUrl" must be an absolute URL \(http or https\)/);
    expect(nothingIn(output)).toBe(true);
  });

  it("keeps a page's javascript: canonical link out of the feed", async () => {
    const page = join(work, "canonical.html");
    writeFileSync(
      page,
      '<!doctype html><html><head><title>A canonical trap</title><link rel="canonical" href="javascript:alert(1)"></head>' +
        "<body><article><h1>A canonical trap</h1><p>The first paragraph of the article is here, long enough to count as the main text of the page.</p>" +
        "<p>The second paragraph ends the article with a few more words so that it is read.</p></article></body></html>",
    );
    const output = join(work, "canonical-out");
    const result = await build(output, page, "--voices", tone);
    expect(result.code, result.stderr).toBe(0);
    const feed = readFileSync(join(output, "feed.xml"), "utf8");
    expect(feed).toContain("A canonical trap");
    expect(feed).not.toMatch(/javascript:/i);
  });

  it("reads an ASCII page that declares charset=utf-16 as the HTML standard does (as UTF-8)", async () => {
    const page = join(work, "utf16.html");
    writeFileSync(
      page,
      '<!doctype html><html><head><meta charset="utf-16"><title>Declared wrongly</title></head><body><article>' +
        "<p>The page says UTF-16 but every byte of it is plain ASCII, as browsers know to expect.</p></article></body></html>",
    );
    const result = await presscast(["script", page]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("every byte of it is plain ASCII");
  });
});
