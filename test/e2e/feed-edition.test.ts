import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseFeed } from "podcast-partytime";
import { beforeAll, describe, expect, it } from "vitest";
import { presscast, toneProfile } from "./helpers.js";

/**
 * Two articles built separately plus one edition of three, in one feed
 * that Podcast Index's parser and Python's feedparser both read, with stable GUIDs.
 */
const work = mkdtempSync(join(tmpdir(), "presscast-feed-"));
const output = join(work, "output");
const voices = toneProfile(join(work, "voices.yaml"));
const file = (name: string, text: string) => {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
};
const a = file(
  "a.md",
  "# Rivers of the north\n\nThe rivers run cold. They freeze in winter.\n\n## Ice\n\nThe ice is thick.\n",
);
const b = file(
  "b.txt",
  "An interview about bread\n\nWe spoke with a baker.\n\n— Why bread?\n\n— Because it rises.\n",
);
const c = file("c.txt", "A short note on clocks\n\nClocks keep time. Some are slow.\n");
const build = async (...args: string[]) => {
  const result = await presscast(
    ["build", ...args, "-o", output, "--voices", voices, "--cache-dir", join(work, "cache"), "--json"],
    { cwd: work },
  );
  if (result.code !== 0) throw new Error(result.stderr);
  return result;
};
const feedText = () => readFileSync(join(output, "feed.xml"), "utf8");
const guids = (xml: string) =>
  [...xml.matchAll(/<guid isPermaLink="false">([^<]+)<\/guid>/g)].map((m) => m[1] ?? "");

describe("a feed of two articles and an edition", () => {
  let edition: { chapters: Array<{ title: string }>; audio: string };

  beforeAll(async () => {
    await build(a);
    await build(b);
    const { stdout } = await build(a, b, c, "--edition", "Morning edition");
    edition = (JSON.parse(stdout) as { episodes: Array<typeof edition> }).episodes[0] as typeof edition;
  }, 300_000);

  it("makes the edition one episode: an introduction, then one chapter per article and section", () => {
    expect(edition.chapters.map((ch) => ch.title)).toEqual([
      "Morning edition",
      "Rivers of the north",
      "Rivers of the north — Ice",
      "An interview about bread",
      "A short note on clocks",
    ]);
  });

  it("parses with podcast-partytime: 3 items with chapters, transcripts and persons, and the channel guid", () => {
    const feed = parseFeed(feedText());
    expect(feed?.guid).toMatch(/^[0-9a-f-]{36}$/);
    expect(feed?.items).toHaveLength(3);
    for (const item of feed?.items ?? []) {
      expect(item.podcastChapters?.url).toMatch(/\.chapters\.json$/);
      expect(item.podcastTranscripts?.length).toBeGreaterThanOrEqual(2);
      expect(item.podcastPeople?.length).toBeGreaterThanOrEqual(1);
      const path = join(output, "episodes", String(item.enclosure?.url).split("/").pop() ?? "");
      expect(item.enclosure?.length).toBe(statSync(path).size);
    }
  });

  it("parses with Python's feedparser without errors", () => {
    const check =
      "import sys, feedparser; f = feedparser.parse(sys.argv[1]); print(int(f.bozo), len(f.entries))";
    const result = spawnSync("/usr/bin/python3", ["-c", check, join(output, "feed.xml")], {
      encoding: "utf8",
    });
    expect(result.status, `Debian's python3-feedparser is needed: ${result.stderr}`).toBe(0);
    expect(result.stdout.trim()).toBe("0 3");
  });

  it("keeps every guid on a rebuild, and keeps the other items when one more article is built", async () => {
    const before = guids(feedText());
    await build(a);
    expect(guids(feedText()).sort()).toEqual([...before].sort());
    await build(c);
    const after = guids(feedText());
    expect(after).toHaveLength(4);
    for (const guid of before) expect(after).toContain(guid);
  });
});
