import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parseFeed } from "podcast-partytime";
import { v5 as uuidv5 } from "uuid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parsePodcastConfig } from "../../src/publish/config.js";
import { buildFeed } from "../../src/publish/feed.js";
import { writeFeed } from "../../src/publish/publish.js";
import { HOSTILE, makeImage, sampleManifest, writeEpisode } from "./helpers.js";

const run = promisify(execFile);
const PYTHON = "/usr/bin/python3";
const config = parsePodcastConfig(
  [
    "title: Test Radio",
    "author: Test Desk",
    "owner: { name: Ed Itor, email: ed@example.org }",
    "baseUrl: https://pod.example.org/cast/",
    "image: cover.jpg",
    "category: News",
    "subcategory: Daily News",
  ].join("\n"),
  "presscast.yaml",
);
const CHANNEL_GUID = uuidv5("pod.example.org/cast/feed.xml", "ead4c236-bf58-58c6-a2c6-a6b28d128cb6");

let out: string;
const lines: string[] = [];
const log = (line: string) => lines.push(line);

beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), "presscast-feed-"));
  await makeImage(join(out, "cover.jpg"), 1400, 1400);
  await writeEpisode(out, { slug: "river", guid: "guid-river", published: "2024-03-01T08:00:00Z" }, 2);
  await writeEpisode(
    out,
    { slug: "hostile", title: HOSTILE, guid: "guid-hostile", published: "2024-03-02T08:00:00Z" },
    3,
  );
  await writeEpisode(
    out,
    {
      slug: "morning-edition",
      title: "Morning edition",
      guid: "guid-edition",
      source: ["a.txt", "b.html", "c.md"],
      published: "2024-03-03T08:00:00Z",
      speakers: [{ id: "narrator", role: "narrator", engine: "flite", voice: "slt" }],
      chapters: [
        { title: "Introduction", start: 0, end: 1 },
        { title: "River — The interview", start: 1, end: 2 },
        { title: "Second article", start: 2, end: 4 },
      ],
    },
    4,
  );
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

describe("feed.xml", () => {
  it("parses with podcast-partytime: 3 items with chapters, transcripts, persons; channel guid", async () => {
    const { feed } = await writeFeed(out, config, { now: new Date("2024-03-04T00:00:00Z"), log });
    const parsed = parseFeed(await readFile(feed, "utf8"));
    expect(parsed).not.toBeNull();
    expect(parsed?.guid).toBe(CHANNEL_GUID);
    expect(parsed?.items.map((item) => item.guid)).toEqual(["guid-edition", "guid-hostile", "guid-river"]);
    for (const item of parsed?.items ?? []) {
      expect(item.podcastChapters?.url).toMatch(
        /^https:\/\/pod\.example\.org\/cast\/episodes\/.+\.chapters\.json$/,
      );
      expect(item.podcastChapters?.type).toBe("application/json+chapters");
      expect(item.podcastTranscripts?.map((t) => t.type).sort()).toEqual([
        "application/json",
        "application/srt",
        "text/vtt",
      ]);
      expect(item.podcastPeople?.length).toBeGreaterThan(0);
      expect(item.duration).toBeGreaterThan(0);
      expect(item.enclosure.url).toMatch(/^https:\/\/pod\.example\.org\/cast\/episodes\/[a-z-]+\.mp3$/);
      const file = join(out, "episodes", item.enclosure.url.split("/").pop() ?? "");
      expect(item.enclosure.length).toBe((await stat(file)).size);
    }
    expect(parsed?.items[1]?.title).toBe(HOSTILE);
    expect(parsed?.items[1]?.podcastPeople?.map((p) => [p.name, p.role])).toEqual([
      ["Narrator", "Narrator"],
      ["Maria Lopez", "Host"],
      ["Dr. Sam Okafor", "Guest"],
    ]);
    expect(parsed?.items[0]?.description).toContain("00:00:02 Second article");
  });

  it("carries the hostile title only escaped", async () => {
    const xml = await readFile(join(out, "feed.xml"), "utf8");
    expect(xml).not.toContain("<script>");
    expect(xml).not.toContain("]]>");
    expect(xml).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; "Q&amp;A" ]]&gt;</title>');
  });

  it("parses with Python's feedparser without errors", async (ctx) => {
    // .ci/run installs python3-feedparser and sets PRESSCAST_CI: there the check is required.
    if (!process.env.PRESSCAST_CI) {
      if (!existsSync(PYTHON)) return ctx.skip();
      try {
        await run(PYTHON, ["-c", "import feedparser"]);
      } catch {
        return ctx.skip();
      }
    }
    const script = [
      "import json, sys, feedparser",
      "d = feedparser.parse(sys.argv[1])",
      "print(json.dumps({'bozo': int(d.bozo), 'error': str(d.get('bozo_exception', '')), 'titles': [e.title for e in d.entries],",
      " 'lengths': [int(e.enclosures[0]['length']) for e in d.entries], 'feed': d.feed.title}))",
    ].join("\n");
    const { stdout } = await run(PYTHON, ["-c", script, join(out, "feed.xml")]);
    const result = JSON.parse(stdout) as { bozo: number; error: string; titles: string[]; lengths: number[] };
    expect(result.error).toBe("");
    expect(result.bozo).toBe(0);
    expect(result.titles).toEqual(["Morning edition", HOSTILE, "The River Project"]);
    const sizes = await Promise.all(["morning-edition", "hostile", "river"].map((s) => sizeOf(s)));
    expect(result.lengths).toEqual(sizes);
  });

  it("keeps every guid across rebuilds, and keeps the items when one more is built", async () => {
    const first = parseFeed(await readFile(join(out, "feed.xml"), "utf8"));
    await writeFeed(out, config, { now: new Date("2025-01-01T00:00:00Z"), log });
    const second = parseFeed(await readFile(join(out, "feed.xml"), "utf8"));
    expect(second?.guid).toBe(first?.guid);
    expect(second?.items.map((i) => i.guid)).toEqual(first?.items.map((i) => i.guid));

    await writeEpisode(out, { slug: "late", guid: "guid-late", published: "2024-03-05T08:00:00Z" }, 1);
    await writeFeed(out, config, { now: new Date("2025-01-02T00:00:00Z"), log });
    const third = parseFeed(await readFile(join(out, "feed.xml"), "utf8"));
    expect(third?.guid).toBe(first?.guid);
    expect(third?.items.map((i) => i.guid)).toEqual([
      "guid-late",
      ...(first?.items.map((i) => i.guid) ?? []),
    ]);
    const player = await readFile(join(out, "index.html"), "utf8");
    for (const slug of ["late", "morning-edition", "hostile", "river"])
      expect(player).toContain(`id="${slug}"`);
    await rm(join(out, "episodes", "late.json"));
  });

  it("takes the enclosure length from the file, not the manifest, and leaves out an episode without audio", async () => {
    const manifestFile = join(out, "episodes", "river.json");
    const manifest = JSON.parse(await readFile(manifestFile, "utf8"));
    await writeFile(manifestFile, JSON.stringify({ ...manifest, audio: { ...manifest.audio, bytes: 1 } }));
    await writeFile(join(out, "episodes", "ghost.json"), JSON.stringify(sampleManifest({ slug: "ghost" })));
    await writeFile(join(out, "episodes", "broken.json"), "{ not json");
    lines.length = 0;
    const { episodes } = await writeFeed(out, config, { now: new Date("2025-01-01T00:00:00Z"), log });
    expect(episodes.map((e) => e.slug).sort()).toEqual(["hostile", "morning-edition", "river"]);
    expect(episodes.find((e) => e.slug === "river")?.audio.bytes).toBe(await sizeOf("river"));
    expect(lines.some((l) => l.includes("ghost.json") && l.includes("missing"))).toBe(true);
    expect(lines.some((l) => l.includes("broken.json") && l.includes("not an episode manifest"))).toBe(true);
    await rm(join(out, "episodes", "ghost.json"));
    await rm(join(out, "episodes", "broken.json"));
  });

  it("matches the snapshot for fixed data", () => {
    const manifests = [
      sampleManifest({ audio: { file: "sample-episode.mp3", bytes: 12345, type: "audio/mpeg" } }),
      sampleManifest({
        slug: "second",
        guid: "guid-second",
        published: "2024-03-02T10:30:00Z",
        audio: { file: "second.m4a", bytes: 999, type: "audio/x-m4a" },
      }),
    ];
    expect(buildFeed(manifests, config, { now: new Date("2024-03-04T00:00:00Z") })).toMatchSnapshot();
  });
});

async function sizeOf(slug: string): Promise<number> {
  return (await stat(join(out, "episodes", `${slug}.mp3`))).size;
}
