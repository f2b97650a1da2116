import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { parseFile } from "music-metadata";
import { describe, expect, it } from "vitest";
import type { EpisodeManifest } from "../../src/types.js";
import { presscast, toneProfile } from "./helpers.js";

/**
 * Hostile article text is escaped everywhere it lands, and two builds into one output
 * folder at the same time both end up in a valid feed. The engine is the `command` engine
 * running test/fixtures/engines/tone.mjs, so these tests need no speech engine time.
 */
const work = mkdtempSync(join(tmpdir(), "presscast-safety-"));
const voices = toneProfile(join(work, "voices.yaml"));

const build = async (output: string, ...inputs: string[]) => {
  const result = await presscast(
    ["build", ...inputs, "-o", output, "--voices", voices, "--cache-dir", join(work, "cache"), "--json"],
    { cwd: work },
  );
  if (result.code !== 0) throw new Error(result.stderr);
  return result;
};

describe("hostile article text", () => {
  const title = `<script>alert(1)</script> & "Q&A" ]]>`;
  const body =
    "A line with <b>tags</b>, an ampersand & a CDATA end ]]> and a cue arrow --> inside.\u0007\n\nAnother paragraph with <script>alert(2)</script> in it, and `$(touch pwned)` too.\n";

  it("is escaped in the feed, the player, VTT, SRT, chapters JSON and ID3", async () => {
    const md = join(work, "hostile.md");
    writeFileSync(
      md,
      `---\ntitle: ${JSON.stringify(title)}\n---\n\n# ${title}\n\n${body}\n## Section \\<i\\>two\\</i\\> --> & more\n\nThe end of it all.\n`,
    );
    const output = join(work, "hostile");
    const { stdout } = await build(output, md);
    const episode = (JSON.parse(stdout) as { episodes: Array<{ audio: string; manifest: string }> })
      .episodes[0];
    const manifest = JSON.parse(readFileSync(episode?.manifest ?? "", "utf8")) as EpisodeManifest;
    expect(manifest.title).toBe(title);
    const base = (episode?.audio ?? "").replace(/\.mp3$/, "");

    const feed = readFileSync(join(output, "feed.xml"), "utf8");
    expect(XMLValidator.validate(feed)).toBe(true);
    expect(feed).not.toContain("<script>");
    expect(feed).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; "Q&amp;A" ]]&gt;');

    const player = readFileSync(join(output, "index.html"), "utf8");
    expect(player.match(/<script\b/g)?.length).toBe(1); // the player's own script only
    expect(player).not.toContain("alert(1)</script>");
    expect(player).not.toContain("<b>tags</b>");

    const vtt = readFileSync(`${base}.vtt`, "utf8");
    const cueText = vtt
      .split("\n")
      .filter((line) => line && !line.includes(" --> ") && !/^(WEBVTT|\d+)$/.test(line));
    for (const line of cueText) {
      expect(line).not.toMatch(/-->|<(?!\/?v\b)[a-z/]/i);
      expect([...line].some((ch) => (ch.codePointAt(0) ?? 32) < 32)).toBe(false);
    }
    expect(vtt).toContain("&lt;script&gt;");

    const srt = readFileSync(`${base}.srt`, "utf8");
    expect(srt).not.toContain("<script>");
    expect(srt).not.toContain(String.fromCharCode(7));

    const chapters = JSON.parse(readFileSync(`${base}.chapters.json`, "utf8")) as {
      chapters: Array<{ title: string }>;
    };
    // JSON needs no escaping: the title comes back as text (the publisher only defuses "-->").
    expect(chapters.chapters.map((c) => c.title)).toContain("Section <i>two</i> -> & more");

    const tags = await parseFile(episode?.audio ?? "", { includeChapters: true });
    expect(tags.common.title).toBe(title);
    expect(tags.format.chapters?.map((c) => c.title)).toContain("Section <i>two</i> --> & more");
  });
});

describe("two builds into one output folder at the same time", () => {
  it("both episodes end up in a valid feed", async () => {
    const output = join(work, "together");
    const a = join(work, "a.txt");
    const b = join(work, "b.txt");
    writeFileSync(a, "The first article of two\n\nIt says one thing. Then another thing.\n");
    writeFileSync(b, "The second article of two\n\nIt says something else entirely.\n");
    await Promise.all([build(output, a), build(output, b)]);
    const feed = readFileSync(join(output, "feed.xml"), "utf8");
    expect(XMLValidator.validate(feed)).toBe(true);
    expect(feed.match(/<item>/g)).toHaveLength(2);
    expect(feed).toContain("The first article of two");
    expect(feed).toContain("The second article of two");
  });

  it("two articles with one title, built at the same time, keep both episodes", async () => {
    const output = join(work, "same-title");
    const first = join(work, "one", "x.txt");
    const second = join(work, "two", "x.txt");
    mkdirSync(join(work, "one"));
    mkdirSync(join(work, "two"));
    writeFileSync(first, "Same title here\n\nThe first of two articles that share a title.\n");
    writeFileSync(second, "Same title here\n\nThe second one, from another folder.\n");
    const results = await Promise.all([build(output, first), build(output, second)]);
    const audio = results.map(
      (r) => (JSON.parse(r.stdout) as { episodes: Array<{ audio: string }> }).episodes[0]?.audio,
    );
    expect(new Set(audio).size).toBe(2);
    expect(readFileSync(join(output, "feed.xml"), "utf8").match(/<item>/g)).toHaveLength(2);
  });
});
