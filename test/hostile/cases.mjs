// The hostile cases run by hostile.mjs. Each `run(ctx)` returns one CLI run (or `{ runs }`), with
// `expect` when the exit code is specific, `outputs` to check every published MP3 in, and `lost`
// naming any episode that went missing. Engines are the real Flite where a case is about Flite,
// else the `command` engine running test/fixtures/engines/tone.mjs (a real program, fast).
import { execFileSync, spawn } from "node:child_process";
import {
  chmodSync,
  closeSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";

const TONE = join(import.meta.dirname, "..", "fixtures", "engines", "tone.mjs");
const STORY =
  "The city council met on Tuesday. It voted to plant a thousand trees along the river. " +
  "The mayor said the work would start in spring.\n\nCritics asked who would water them. " +
  "The council promised a plan by June.\n";
const article = (title) => `${title}\n\n${STORY}`;

function toneYaml(
  extra = "",
  command = process.execPath,
  args = [TONE, "--voice", "{voice}", "--output", "{output}"],
) {
  return (
    `engines:\n  command: { command: ${JSON.stringify(command)}, args: ${JSON.stringify(args)} }\n` +
    "roles:\n  narrator: { engine: command, voice: low }\n  host: { engine: command, voice: high }\n" +
    `  guest: { engine: command, voice: low }\n${extra}`
  );
}

let n = 0;
const unique = (stem) => `${stem}-${++n}`;

/** `presscast script <file>` on a file with this content: exit 2 (or `expect`), fast. */
const scriptCase = (name, ext, content, expect = [2]) => ({
  name,
  run: async (ctx) => {
    const file = ctx.file(`${unique("in")}.${ext}`, content);
    return { ...(await ctx.cli(["script", file])), expect };
  },
});

/** `presscast build` with the tone engine; `extra` goes into the profile. */
const buildCase = (name, { profile = "", args = [], expect = [2], input, config } = {}) => ({
  name,
  run: async (ctx) => {
    const output = ctx.dir(unique("out"));
    const voices = ctx.file(`${unique("voices")}.yaml`, toneYaml(profile));
    const file = input
      ? input(ctx)
      : ctx.file(`${unique("a")}.txt`, article("A quiet afternoon by the river"));
    const cfg = config ? ["--config", ctx.file(`${unique("cfg")}.yaml`, config)] : [];
    const run = await ctx.cli(["build", file, "--voices", voices, "-o", output, ...cfg, ...args]);
    return { ...run, expect, outputs: [output] };
  },
});

const deep = (open, close, depth, inner) => open.repeat(depth) + inner + close.repeat(depth);
const para = "<p>This paragraph is the article, long enough for the reader to take it as the main text.</p>";

export const cases = [
  // Input files that are not articles.
  scriptCase("empty file", "txt", ""),
  scriptCase("whitespace only", "txt", " \n\t\n   \n"),
  scriptCase("PNG named .txt", "txt", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])),
  scriptCase("NUL bytes", "txt", Buffer.from("Title\n\nText\u0000with NUL.\n")),
  scriptCase("invalid UTF-8", "txt", Buffer.from([0x54, 0x69, 0xff, 0xfe, 0xc3, 0x28, 0x0a])),
  scriptCase(
    "UTF-16 with BOM (valid)",
    "txt",
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(article("Sixteen bits"), "utf16le")]),
    [0],
  ),
  scriptCase(
    "declared unknown charset",
    "html",
    `<html><head><meta charset="x-klingon"></head><body>${para}</body></html>`,
    // A label no decoder knows is a mistake in the page, not in its bytes: they are read as
    // detected, like a page that declares nothing.
    [0],
  ),
  scriptCase(
    "ASCII page declaring utf-16",
    "html",
    `<!doctype html><html><head><meta charset="utf-16"><title>T</title></head><body><article>${para}</article></body></html>`,
    [0],
  ),
  scriptCase("unknown extension .pdf", "pdf", "%PDF-1.4 not really"),
  scriptCase(
    "5,000 nested divs",
    "html",
    `<!doctype html><html><body>${deep("<div>", "</div>", 5000, para)}</body></html>`,
  ),
  scriptCase(
    "50,000 nested spans",
    "html",
    `<!doctype html><html><body><p>${deep("<span>", "</span>", 50000, "deep words")}</p>${para}</body></html>`,
  ),
  scriptCase(
    "250,000 sibling elements",
    "html",
    `<!doctype html><html><body>${"<b>x</b>".repeat(250000)}</body></html>`,
  ),
  scriptCase(
    "entity bomb",
    "html",
    `<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><html><body><p>&b;&b;&b;&b;&b;&b;&b;&b;</p>${para}</body></html>`,
    [0, 2],
  ),
  scriptCase(
    "scripts and styles only",
    "html",
    "<!doctype html><html><body><script>alert(1)</script><style>p{}</style></body></html>",
  ),
  scriptCase(
    "navigation menu only",
    "html",
    '<!doctype html><html><body><nav><a href="/">Home</a> | <a href="/about">About</a></nav></body></html>',
  ),
  scriptCase(
    "page chrome only: header links, a link list and a footer",
    "html",
    '<!doctype html><html><head><title>Site</title></head><body><header><a href="/">Home</a> <a href="/news">News</a></header><ul><li><a href="/a">Sports</a></li><li><a href="/b">Weather</a></li></ul><footer>© 2024 Site</footer></body></html>',
  ),
  scriptCase(
    "YAML alias bomb in front matter",
    "md",
    `---\na: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n---\n# Bomb\n\nText follows here.\n`,
    [0, 2],
  ),
  scriptCase(
    "5,000 nested blockquotes in Markdown",
    "md",
    `# Quotes\n\n${">".repeat(5000)} deep\n\nPlain text after it.\n`,
    [0, 2],
  ),
  scriptCase(
    "3,000 nested list levels in Markdown",
    "md",
    `# Lists\n\n${Array.from({ length: 3000 }, (_, i) => `${"  ".repeat(i)}- item ${i}`).join("\n")}\n`,
    [0, 2],
  ),
  scriptCase("malformed script JSON", "json", '{"meta": {"title": "x", "secret": oops}}'),
  scriptCase(
    "script JSON nested 100,000 deep",
    "json",
    `{"meta": ${"[".repeat(100000)}${"]".repeat(100000)}}`,
  ),
  scriptCase(
    "script naming an unknown speaker",
    "json",
    JSON.stringify({
      meta: { title: "T", language: "en" },
      speakers: [{ id: "a", role: "narrator" }],
      chapters: [{ title: "", segments: [{ speaker: "zz", text: "Hi." }] }],
    }),
  ),
  scriptCase(
    "script with a javascript: URL",
    "json",
    JSON.stringify({
      meta: { title: "T", language: "en", url: "javascript:alert(1)" },
      speakers: [{ id: "a", role: "narrator" }],
      chapters: [{ title: "", segments: [{ speaker: "a", text: "Hi." }] }],
    }),
  ),
  scriptCase(
    "script with a bad date",
    "json",
    JSON.stringify({
      meta: { title: "T", language: "en", published: "yesterday-ish" },
      speakers: [{ id: "a", role: "narrator" }],
      chapters: [{ title: "", segments: [{ speaker: "a", text: "Hi." }] }],
    }),
  ),
  scriptCase(
    "script with a path as its language",
    "json",
    JSON.stringify({
      meta: { title: "T", language: "../../etc/passwd" },
      speakers: [{ id: "a", role: "narrator" }],
      chapters: [{ title: "", segments: [{ speaker: "a", text: "Hi." }] }],
    }),
  ),
  scriptCase("2 MB line without a space", "txt", `Title\n\n${"x".repeat(2_000_000)}\n`, [0, 2]),
  scriptCase("11 MB of text", "txt", `Title\n\n${"word ".repeat(2_300_000)}\n`),
  scriptCase(
    "control characters and bidi overrides",
    "txt",
    "Ti\u202etle\u0007\n\nText \u200b\u200b with \u0008 marks \u2066 and more.\n",
    [0, 2],
  ),
  {
    name: "FIFO with a writer that never stops",
    run: async (ctx) => {
      const fifo = join(ctx.work, unique("fifo"));
      execFileSync("mkfifo", [fifo]);
      const writer = spawn("sh", ["-c", `while :; do echo word; done > ${fifo}`], { stdio: "ignore" });
      try {
        return { ...(await ctx.cli(["script", fifo])), expect: [2] };
      } finally {
        writer.kill("SIGKILL");
      }
    },
  },
  {
    name: "/dev/zero as an article",
    run: async (ctx) => ({ ...(await ctx.cli(["script", "/dev/zero"])), expect: [2] }),
  },
  {
    name: "/dev/urandom as an article",
    run: async (ctx) => ({ ...(await ctx.cli(["script", "/dev/urandom"])), expect: [2] }),
  },
  {
    name: "a directory as an article",
    run: async (ctx) => ({ ...(await ctx.cli(["script", ctx.dir(unique("d"))])), expect: [2] }),
  },
  {
    name: "a missing file",
    run: async (ctx) => ({ ...(await ctx.cli(["script", join(ctx.work, "nowhere.txt")])), expect: [2] }),
  },
  {
    name: "a symlink loop",
    run: async (ctx) => {
      const a = join(ctx.work, unique("loop"));
      execFileSync("ln", ["-s", a, a]);
      return { ...(await ctx.cli(["script", a])), expect: [2] };
    },
  },
  {
    name: "a symlink to /dev/zero",
    run: async (ctx) => {
      const a = join(ctx.work, `${unique("zero")}.txt`);
      execFileSync("ln", ["-s", "/dev/zero", a]);
      return { ...(await ctx.cli(["script", a])), expect: [2] };
    },
  },
  {
    name: "a 1.5 GB sparse file",
    run: async (ctx) => {
      const file = join(ctx.work, `${unique("sparse")}.txt`);
      closeSync(openSync(file, "w"));
      execFileSync("truncate", ["-s", "1500M", file]);
      return { ...(await ctx.cli(["script", file])), expect: [2] };
    },
  },
  {
    name: "a file named like an option",
    run: async (ctx) => ({
      ...(await ctx.cli(["script", "--", ctx.file("-o", article("Dash"))])),
      expect: [0, 2],
    }),
  },

  // Profiles, configs and options.
  buildCase("pause of 1e12 ms", { profile: "pauses: { sentence: 1e12 }\n" }),
  buildCase("rate 1e300", { profile: "rate: 1e300\n" }),
  buildCase("rate as text", { profile: "rate: fast\n" }),
  buildCase("pitch 1e9", {
    profile: "languages: { en: { roles: { narrator: { engine: command, voice: low, pitch: 1e9 } } } }\n",
  }),
  buildCase("negative pause", { profile: "pauses: { turn: -800 }\n" }),
  buildCase("YAML alias bomb in a profile", {
    profile: 'description: &a "x"\n' + "x1: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n",
  }),
  buildCase("lexicon naming /etc/shadow", { profile: "lexicons: [/etc/shadow]\n" }),
  buildCase("lexicon naming /dev/zero", { profile: "lexicons: [/dev/zero]\n" }),
  buildCase("lexicon naming a directory", { profile: "lexicons: [/etc]\n" }),
  buildCase("baseUrl javascript:", { config: 'baseUrl: "javascript:alert(1)//"\n' }),
  buildCase("baseUrl file:", { config: "baseUrl: file:///etc/\n" }),
  buildCase("image data: URL", { config: 'image: "data:image/png;base64,AAAA"\n' }),
  buildCase("config alias bomb", { config: 'title: &a "x"\nowner: &b { name: *a }\nfoo: [*b,*b,*b]\n' }),
  buildCase("--bitrate 100000", { args: ["--bitrate", "100000"] }),
  buildCase("--bitrate -1", { args: ["--bitrate", "-1"] }),
  buildCase("--bitrate 1e2", { args: ["--bitrate", "1e2"] }),
  buildCase("--concurrency 0", { args: ["--concurrency", "0"] }),
  buildCase("--concurrency 1e9", { args: ["--concurrency", "1000000000"] }),
  buildCase("--cover /dev/zero", { args: ["--cover", "/dev/zero"] }),
  buildCase("--cover that is not an image", { args: ["--cover", "/etc/hostname"] }),
  buildCase("--format wav", { args: ["--format", "wav"] }),
  buildCase("--cache-size 0", { args: ["--cache-size", "0"] }),
  buildCase("--voices /dev/zero", { args: ["--voices", "/dev/zero"] }),
  {
    name: "-o naming a file",
    run: async (ctx) => {
      const file = ctx.file(`${unique("plain")}.txt`, "not a folder");
      const voices = ctx.file(`${unique("v")}.yaml`, toneYaml());
      return {
        ...(await ctx.cli([
          "build",
          ctx.file(`${unique("a")}.txt`, article("Into a file")),
          "--voices",
          voices,
          "-o",
          file,
        ])),
        expect: [2],
      };
    },
  },
  {
    name: "feed -o naming a folder that does not exist",
    run: async (ctx) => {
      const missing = join(ctx.work, unique("typo"));
      const run = await ctx.cli(["feed", "-o", missing]);
      const made = existsSync(missing) ? ["feed -o <typo> made a new, empty podcast folder"] : [];
      return { ...run, expect: [2], lost: made };
    },
  },

  // Engines that misbehave.
  {
    name: "command engine: program missing",
    run: async (ctx) => {
      const voices = ctx.file(`${unique("v")}.yaml`, toneYaml("", "/nonexistent/tts-program", ["{output}"]));
      const run = await ctx.cli([
        "build",
        ctx.file(`${unique("a")}.txt`, article("No voice")),
        "--voices",
        voices,
        "-o",
        ctx.dir(unique("o")),
      ]);
      return { ...run, expect: [2] };
    },
  },
  {
    name: "command engine: program hangs past its timeout",
    run: async (ctx) => {
      const voices = ctx.file(
        `${unique("v")}.yaml`,
        toneYaml("", "/bin/sh", ["-c", "sleep 60", "{output}"]).replace("args:", "timeoutMs: 1500, args:"),
      );
      const run = await ctx.cli([
        "build",
        ctx.file(`${unique("a")}.txt`, article("Hanging")),
        "--voices",
        voices,
        "-o",
        ctx.dir(unique("o")),
      ]);
      return { ...run, expect: [1] };
    },
  },
  {
    name: "command engine: writes garbage instead of a WAV",
    run: async (ctx) => {
      const voices = ctx.file(
        `${unique("v")}.yaml`,
        toneYaml("", "/bin/sh", ["-c", 'head -c 5000 /dev/urandom > "$0"', "{output}"]),
      );
      const output = ctx.dir(unique("o"));
      const run = await ctx.cli([
        "build",
        ctx.file(`${unique("a")}.txt`, article("Garbage")),
        "--voices",
        voices,
        "-o",
        output,
      ]);
      return { ...run, expect: [1], outputs: [output] };
    },
  },
  {
    name: "command engine: aborts itself (SIGABRT)",
    run: async (ctx) => {
      const voices = ctx.file(
        `${unique("v")}.yaml`,
        toneYaml("", "/bin/sh", ["-c", "kill -ABRT $$", "{output}"]),
      );
      const output = ctx.dir(unique("o"));
      const run = await ctx.cli([
        "build",
        ctx.file(`${unique("a")}.txt`, article("Abort")),
        "--voices",
        voices,
        "-o",
        output,
      ]);
      return { ...run, expect: [1], outputs: [output] };
    },
  },
  {
    name: "command engine: floods stdout",
    run: async (ctx) => {
      const voices = ctx.file(
        `${unique("v")}.yaml`,
        toneYaml("", "/bin/sh", ["-c", "yes RIFF"]).replace(
          "args:",
          "output: stdout, format: raw, sampleRate: 16000, args:",
        ),
      );
      const output = ctx.dir(unique("o"));
      const run = await ctx.cli([
        "build",
        ctx.file(`${unique("a")}.txt`, article("Flood")),
        "--voices",
        voices,
        "-o",
        output,
      ]);
      return { ...run, expect: [0, 1], outputs: [output] };
    },
  },
  {
    name: "command engine: silent voice",
    run: async (ctx) => {
      const voices = ctx.file(
        `${unique("v")}.yaml`,
        toneYaml().replaceAll("voice: low", "voice: silent").replace("voice: high", "voice: silent"),
      );
      const output = ctx.dir(unique("o"));
      const run = await ctx.cli([
        "build",
        ctx.file(`${unique("a")}.txt`, article("Silence")),
        "--voices",
        voices,
        "-o",
        output,
      ]);
      return { ...run, expect: [1], outputs: [output] };
    },
  },
  {
    name: "Flite: a 986-character sentence",
    run: async (ctx) => {
      const words = ["the", "planners", "who", "drew", "its", "first", "streets", "found", "that", "grid"];
      let text = "";
      for (let i = 0; text.length < 986; i++) text += `${words[i % words.length]} `;
      const output = ctx.dir(unique("o"));
      const run = await ctx.cli([
        "build",
        ctx.file(`${unique("long")}.txt`, `Long\n\n${text.slice(0, 985)}.\n`),
        "-o",
        output,
        "--cache-dir",
        ctx.dir(unique("c")),
      ]);
      return { ...run, expect: [0], outputs: [output] };
    },
  },
  {
    name: "Flite: 200 kB paragraph with no punctuation",
    run: async (ctx) => {
      const words = ["river", "trees", "council", "water", "spring", "plan", "mayor", "city"];
      let text = "";
      for (let i = 0; text.length < 200_000; i++) text += `${words[(i * 7) % words.length]} `;
      const voices = ctx.file(`${unique("v")}.yaml`, toneYaml());
      const run = await ctx.cli(["script", ctx.file(`${unique("huge")}.txt`, `Huge\n\n${text}\n`)]);
      const build = await ctx.cli([
        "build",
        ctx.file(`${unique("mid")}.txt`, `Mid\n\n${text.slice(0, 4_000)}\n`),
        "--voices",
        voices,
        "-o",
        ctx.dir(unique("o")),
      ]);
      return {
        runs: [
          { ...run, expect: [0] },
          { ...build, expect: [0] },
        ],
      };
    },
  },

  // Faults while working, on a shared output folder whose episodes must all survive.
  {
    name: "shared folder: SIGTERM, SIGKILL, a corrupt manifest, a failed build, then the feed",
    run: async (ctx) => {
      const output = ctx.dir(unique("shared"));
      const cache = ctx.dir(unique("cache"));
      const voices = ctx.file(`${unique("v")}.yaml`, toneYaml());
      const runs = [];
      const build = async (title, opts = {}) => {
        const run = await ctx.cli(
          [
            "build",
            ctx.file(`${unique(title.replace(/\W+/g, "-"))}.txt`, article(title)),
            "--voices",
            voices,
            "-o",
            output,
            "--cache-dir",
            cache,
          ],
          opts,
        );
        runs.push(run);
        return run;
      };
      (await build("First story of the day")).expect = [0];
      (await build("Second story of the day")).expect = [0];
      // Killed mid-build, politely and not.
      const killed = [];
      for (const signal of ["SIGTERM", "SIGKILL"]) {
        const long = `Stopped story ${signal}\n\n${STORY.repeat(40)}`;
        const stopped = ctx.file(`${unique("stop")}.txt`, long);
        killed.push(stopped);
        const run = await ctx.cli(
          ["build", stopped, "--voices", voices, "-o", output, "--cache-dir", cache],
          {
            bare: true,
            onSpawn: (child) => setTimeout(() => process.kill(-child.pid, signal), 2500),
          },
        );
        run.expect = [0, 143, 137];
        runs.push(run);
      }
      // A manifest that is valid JSON but has a null chapter, and one that is not JSON at all.
      const episodes = join(output, "episodes");
      const manifests = readdirSync(episodes).filter((name) => /^[\w-]+\.json$/.test(name));
      writeFileSync(
        join(episodes, "broken-one.json"),
        JSON.stringify({
          ...JSON.parse(readFileSync(join(episodes, manifests[0]), "utf8")),
          slug: "broken-one",
          chapters: [null],
        }),
      );
      writeFileSync(join(episodes, "broken-two.json"), "{ not json");
      const feed = await ctx.cli(["feed", "-o", output]);
      feed.expect = [0];
      runs.push(feed);
      (await build("Third story after the damage")).expect = [0];
      const xml = readFileSync(join(output, "feed.xml"), "utf8");
      const lost = [
        "First story of the day",
        "Second story of the day",
        "Third story after the damage",
      ].filter((title) => !xml.includes(title));
      // SIGKILL leaves its reservation (nothing can run at SIGKILL); a later build of the same
      // article must take its slug back (no "-2") and leave nothing behind.
      for (const file of killed) {
        const again = await ctx.cli(["build", file, "--voices", voices, "-o", output, "--cache-dir", cache]);
        again.expect = [0];
        runs.push(again);
      }
      const names = readdirSync(episodes);
      for (const signal of ["sigterm", "sigkill"]) {
        if (!names.includes(`stopped-story-${signal}.mp3`))
          lost.push(`stopped story ${signal} under its own slug`);
      }
      const leftovers = names.filter((name) => /\.(reserved|part|tmp)$|staging|-2\.json$/.test(name));
      if (leftovers.length) lost.push(`left behind after the kills: ${leftovers.join(", ")}`);
      return { runs, lost: lost.map((title) => `"${title}" is not in the feed`), outputs: [output] };
    },
  },
  {
    name: "two builds into one folder at once",
    run: async (ctx) => {
      const output = ctx.dir(unique("together"));
      const voices = ctx.file(`${unique("v")}.yaml`, toneYaml());
      const titles = ["Morning edition of the paper", "Evening edition of the paper"];
      const runs = await Promise.all(
        titles.map((title) =>
          ctx.cli([
            "build",
            ctx.file(`${unique("t")}.txt`, article(title)),
            "--voices",
            voices,
            "-o",
            output,
          ]),
        ),
      );
      for (const run of runs) run.expect = [0];
      const xml = readFileSync(join(output, "feed.xml"), "utf8");
      return {
        runs,
        lost: titles.filter((t) => !xml.includes(t)).map((t) => `"${t}" is not in the feed`),
        outputs: [output],
      };
    },
  },
  {
    name: "damaged cache: noise over a clip, a clip cut to 200 bytes, a garbled MP3 piece",
    run: async (ctx) => {
      const cache = ctx.dir(unique("cache"));
      const voices = ctx.file(`${unique("v")}.yaml`, toneYaml());
      const file = ctx.file(`${unique("d")}.txt`, article("A story from a damaged cache"));
      const first = await ctx.cli([
        "build",
        file,
        "--voices",
        voices,
        "-o",
        ctx.dir(unique("o")),
        "--cache-dir",
        cache,
      ]);
      const all = readdirSync(cache, { recursive: true }).map(String);
      const clips = all.filter((name) => name.endsWith(".wav")).map((name) => join(cache, name));
      const pieces = all.filter((name) => name.endsWith(".mp3")).map((name) => join(cache, name));
      const noisy = readFileSync(clips[0]);
      for (let i = 100; i < noisy.length; i++) noisy[i] = (i * 131) & 0xff;
      writeFileSync(clips[0], noisy);
      writeFileSync(clips[1], readFileSync(clips[1]).subarray(0, 200));
      const piece = readFileSync(pieces[0]);
      piece.fill(0x33, 1500, Math.min(piece.length, 3000));
      writeFileSync(pieces[0], piece);
      const output = ctx.dir(unique("o"));
      const second = await ctx.cli(["build", file, "--voices", voices, "-o", output, "--cache-dir", cache]);
      return {
        runs: [
          { ...first, expect: [0] },
          { ...second, expect: [0] },
        ],
        outputs: [output],
      };
    },
  },
  {
    name: "full disk under the cache and under the output (tmpfs)",
    run: async (ctx) => {
      if (!ctx.isRoot) return { runs: [], skipped: "needs root to mount a tmpfs" };
      const runs = [];
      const outputs = [];
      for (const where of ["cache", "output"]) {
        const mount = ctx.dir(unique("tiny"));
        try {
          execFileSync("mount", ["-t", "tmpfs", "-o", "size=300k", "tmpfs", mount]);
        } catch (error) {
          return { runs, skipped: `cannot mount a tmpfs here (${String(error.message).split("\n")[0]})` };
        }
        try {
          const voices = ctx.file(`${unique("v")}.yaml`, toneYaml());
          const file = ctx.file(`${unique("f")}.txt`, `A full disk\n\n${STORY.repeat(6)}`);
          const output = where === "output" ? mount : ctx.dir(unique("o"));
          const cache = where === "cache" ? mount : ctx.dir(unique("c"));
          const run = await ctx.cli(["build", file, "--voices", voices, "-o", output, "--cache-dir", cache]);
          runs.push({ ...run, expect: [1] });
          if (existsSync(join(output, "episodes")))
            for (const mp3 of readdirSync(join(output, "episodes")))
              if (mp3.endsWith(".mp3")) outputs.push(output);
        } finally {
          execFileSync("umount", ["-l", mount]);
        }
      }
      return { runs, outputs };
    },
  },
  {
    name: "stdout and stderr closed by the reader (| head -1)",
    run: async (ctx) => {
      const output = ctx.dir(unique("o"));
      const voices = ctx.file(`${unique("v")}.yaml`, toneYaml());
      const file = ctx.file(`${unique("p")}.txt`, article("Nobody reads the log"));
      const started = Date.now();
      const out = execFileSync(
        "bash",
        [
          "-c",
          `node ${JSON.stringify(join(ctx.root, "bin", "presscast.js"))} build ${JSON.stringify(file)} --voices ${JSON.stringify(voices)} -o ${JSON.stringify(output)} --verbose 2>&1 | head -1; echo "rc=\${PIPESTATUS[0]}"`,
        ],
        { encoding: "utf8", env: { ...process.env, PRESSCAST_CACHE_DIR: join(ctx.work, "cache") } },
      );
      const code = Number(/rc=(\d+)/.exec(out)?.[1]);
      const reserved = readdirSync(join(output, "episodes")).filter((name) => name.endsWith(".reserved"));
      return {
        code: reserved.length ? 99 : code,
        stdout: "",
        stderr: "",
        ms: Date.now() - started,
        rssKb: null,
        expect: [0],
        outputs: [output],
      };
    },
  },
  {
    name: "unwritable output folder, as another user",
    run: async (ctx) => {
      if (!ctx.isRoot) return { runs: [], skipped: "needs root to run as uid 65534" };
      const locked = ctx.dir(unique("locked"));
      chmodSync(locked, 0o755);
      chmodSync(ctx.work, 0o755);
      const voices = ctx.file(`${unique("v")}.yaml`, toneYaml());
      const file = ctx.file(`${unique("n")}.txt`, article("For nobody"));
      const home = ctx.dir(unique("home"));
      chmodSync(home, 0o777);
      const run = await ctx.cli(["build", file, "--voices", voices, "-o", locked], {
        prefix: ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"],
        env: { HOME: home, PRESSCAST_CACHE_DIR: join(home, "cache") },
      });
      return { ...run, expect: [2] };
    },
  },
  {
    name: "serve: a bad Host header, a traversal, and a corrupt manifest",
    run: async (ctx) => {
      const output = ctx.dir(unique("served"));
      const voices = ctx.file(`${unique("v")}.yaml`, toneYaml());
      const built = await ctx.cli([
        "build",
        ctx.file(`${unique("s")}.txt`, article("Served story")),
        "--voices",
        voices,
        "-o",
        output,
      ]);
      writeFileSync(
        join(output, "episodes", "zz-corrupt.json"),
        JSON.stringify({ slug: "zz-corrupt", chapters: [null], cues: null }),
      );
      let server;
      const served = new Promise((resolve) => {
        ctx
          .cli(["serve", "-o", output, "--port", "0"], {
            bare: true,
            onSpawn: (child) => {
              server = child;
            },
          })
          .then(resolve);
      });
      const problems = [];
      try {
        const url = await new Promise((resolve, reject) => {
          let seen = "";
          const timer = setTimeout(() => reject(new Error("serve printed no address")), 20_000);
          server.stderr.on("data", (chunk) => {
            seen += chunk;
            const match = /serving .* at (http:\/\/\S+)/.exec(seen);
            if (match) {
              clearTimeout(timer);
              resolve(match[1]);
            }
          });
        });
        const { request } = await import("node:http");
        const get = (path, host) =>
          new Promise((resolve) => {
            const req = request(new URL(path, url), { headers: host ? { host } : {} }, (res) => {
              res.resume();
              res.on("end", () => resolve(res.statusCode));
            });
            req.on("error", () => resolve(0));
            req.end();
          });
        for (const [path, host, want] of [
          ["/feed.xml", "a:99999", [200]],
          ["/feed.xml", "evil.example:80", [200]],
          ["/feed.xml", undefined, [200]],
          ["/../../etc/passwd", undefined, [400, 403, 404]],
          ["/episodes/%2e%2e/%2e%2e/etc/passwd", undefined, [400, 403, 404]],
        ]) {
          const status = await get(path, host);
          if (!want.includes(status))
            problems.push(`GET ${path} (Host ${JSON.stringify(host)}) answered ${status}`);
        }
      } finally {
        try {
          process.kill(-server.pid, "SIGTERM");
        } catch {}
      }
      const stopped = await served;
      return {
        runs: [
          { ...built, expect: [0] },
          { ...stopped, expect: [0, 143], ms: 0 },
        ],
        lost: problems,
        outputs: [output],
      };
    },
  },
];
