import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

/** Bad inputs for reading an article: each exits 2 with one sentence naming the file. */
const run = promisify(execFile);
const root = join(import.meta.dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "presscast-bad-"));
const put = (name: string, data: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
};

const wav = Buffer.concat([Buffer.from("RIFF\x24\x00\x00\x00WAVEfmt ", "latin1"), Buffer.alloc(40)]);
const script = (speaker: string) =>
  JSON.stringify({
    meta: { title: "T", language: "en" },
    speakers: [{ id: "narrator", role: "narrator" }],
    chapters: [{ title: "T", segments: [{ speaker, text: "Hello." }] }],
    dropped: [],
  });

const cases: Array<[string, string, RegExp]> = [
  ["empty file", put("empty.txt", ""), /is empty/],
  ["whitespace only", put("blank.txt", " \n\n\t  \n"), /only whitespace/],
  [
    "PNG",
    put("image.txt", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])),
    /binary/,
  ],
  [
    "MP3",
    put("song.md", Buffer.concat([Buffer.from("ID3\x03\x00\x00", "latin1"), Buffer.alloc(64)])),
    /binary/,
  ],
  ["WAV", put("sound.txt", wav), /binary/],
  [
    "random bytes",
    put("noise.txt", Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256))),
    /binary|not valid/,
  ],
  ["NUL bytes in text", put("nul.txt", "A line of text\u0000 and more text after it.\n"), /binary|NUL/],
  [
    "HTML with only scripts",
    put(
      "scripts.html",
      "<html><head><script>var x=1</script></head><body><script>alert(1)</script></body></html>",
    ),
    /no readable article text/,
  ],
  [
    "HTML with no body text",
    put("nobody.html", "<!doctype html><html><head><title>Hi</title></head><body><div></div></body></html>"),
    /no readable article text/,
  ],
  ["Markdown with only front matter", put("front.md", "---\ntitle: Nothing else\n---\n"), /no article text/],
  [
    "HTML with only a navigation menu",
    put(
      "nav.html",
      '<!doctype html><html><body><nav><a href="/">Home</a> | <a href="/about">About</a></nav></body></html>',
    ),
    /no article text/,
  ],
  [
    "HTML with only page chrome: header links, a link list, a footer",
    put(
      "chrome.html",
      '<!doctype html><html><body><header><a href="/">Home</a> <a href="/news">News</a></header><ul><li><a href="/a">Sports</a></li><li><a href="/b">Weather</a></li></ul><footer>© 2024 Site</footer></body></html>',
    ),
    /no article text/,
  ],
  [
    "broken front matter",
    put("broken-front.md", "---\ntitle: [unclosed\n---\n\nBody text here.\n"),
    /front matter is not valid YAML/,
  ],
  ["unknown extension", put("article.docx", "Some text"), /extension "\.docx"/],
  ["script with an unknown speaker", put("ghost.json", script("ghost")), /unknown speaker "ghost"/],
  ["malformed script JSON", put("broken.json", '{"meta": {"title": '), /not valid script JSON/],
  [
    "a directory",
    (() => {
      const d = join(dir, "folder.md");
      mkdirSync(d);
      return d;
    })(),
    /is a directory/,
  ],
  ["a missing file", join(dir, "nowhere.txt"), /does not exist/],
  ["a 20 MB text file", put("huge.txt", Buffer.alloc(20 * 1024 * 1024, "word ")), /more than the 10 MB/],
];

describe("bad input to presscast script", () => {
  it.each(cases)("%s → exit 2, one sentence naming the file", async (_name, file, message) => {
    const result = await run(process.execPath, [join(root, "bin", "presscast.js"), "script", file], {
      cwd: root,
    }).then(
      () => ({ code: 0, stderr: "", stdout: "" }),
      (error: { code: number; stderr: string; stdout: string }) => error,
    );
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(file);
    expect(lines[0]).toMatch(message);
    expect(lines[0]).not.toMatch(/\n\s+at /);
  });

  it("reads a 1 MB line with no newline as one paragraph", async () => {
    const sentence = "This is a sentence in a very long line without any newline at all. ";
    const file = put("long-line.txt", sentence.repeat(Math.ceil(1_048_576 / sentence.length)));
    const { stdout } = await run(
      process.execPath,
      [join(root, "bin", "presscast.js"), "script", file, "--json"],
      {
        cwd: root,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const parsed = JSON.parse(stdout) as { chapters: Array<{ segments: unknown[] }> };
    expect(parsed.chapters.flatMap((c) => c.segments)).toHaveLength(1);
  });

  it("build of a bad input exits 2 and makes no output folder, not even for the show's cover", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "presscast-bad-out-")), "output");
    const file = join(dir, "blank.txt");
    const result = await run(
      process.execPath,
      [join(root, "bin", "presscast.js"), "build", file, "-o", out, "--cache-dir", join(out, "..", "cache")],
      { cwd: root },
    ).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(file);
    expect(existsSync(out)).toBe(false);
  });

  it("left nothing behind in the input folder", () => {
    expect(
      readdirSync(dir).every(
        (name) => cases.some(([, file]) => file.endsWith(name)) || name === "long-line.txt",
      ),
    ).toBe(true);
  });
});
