import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parseFeed } from "podcast-partytime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPodcastConfig } from "../../src/publish/config.js";
import { serve } from "../../src/serve/serve.js";
import { writeEpisode } from "../publish/helpers.js";
import { presscast } from "./helpers.js";

const run = promisify(execFile);
let work: string;
const output = () => join(work, "output");

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), "presscast-check-"));
  await writeEpisode(output(), { slug: "river", guid: "g-river", published: "2024-03-01T08:00:00Z" }, 2);
  await writeEpisode(
    output(),
    { slug: "harbour", title: "Harbour", guid: "g-harbour", published: "2024-03-02T08:00:00Z" },
    2,
  );
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Python's feedparser on a feed file: its bozo flag and enclosure URLs. */
async function feedparser(
  file: string,
): Promise<{ bozo: number; error: string; image: string; urls: string[] }> {
  const script = [
    "import json, sys, feedparser",
    "d = feedparser.parse(sys.argv[1])",
    "print(json.dumps({'bozo': int(d.bozo), 'error': str(d.get('bozo_exception', '')),",
    " 'image': d.feed.get('image', {}).get('href', ''), 'urls': [e.enclosures[0]['href'] for e in d.entries]}))",
  ].join("\n");
  const { stdout } = await run("/usr/bin/python3", ["-c", script, file]);
  return JSON.parse(stdout);
}

const check = (cwd: string) => presscast(["feed", "--check", "-o", output()], { cwd });

describe("presscast feed --check", () => {
  it("without presscast.yaml: everything ok but baseUrl, which it names; exit 1", async () => {
    const result = await check(work);
    expect(result.code, result.stderr).toBe(1);
    const missing = result.stdout.split("\n").filter((l) => l.startsWith("missing"));
    expect(missing).toHaveLength(2);
    expect(missing[0]).toMatch(/^missing baseUrl: is not set: set baseUrl in presscast\.yaml/);
    expect(missing[1]).toMatch(/^missing absolute enclosure URLs/);
    expect(result.stdout).toMatch(/^ok {6}cover art: cover\.jpg, 1400×1400 JPEG, \d+ KB$/m);
    expect(result.stderr).toContain(
      "not ready for podcast directories: baseUrl, absolute enclosure URLs missing",
    );
    const feed = await readFile(join(output(), "feed.xml"), "utf8");
    expect(parseFeed(feed)?.items).toHaveLength(2);
    const parsed = await feedparser(join(output(), "feed.xml"));
    expect(parsed).toMatchObject({ bozo: 0, error: "", image: "cover.jpg" });
  });

  it("without presscast.yaml, the feed serve hands out has absolute links that both parsers read", async () => {
    const server = await serve(output(), {
      port: 0,
      config: await loadPodcastConfig(undefined, work),
      log: () => {},
    });
    try {
      const body = await (await fetch(server.feedUrl)).text();
      const parsed = parseFeed(body);
      expect(parsed?.itunesImage).toBe(`${server.url}cover.jpg`);
      expect(parsed?.items.map((i) => i.enclosure.url)).toEqual([
        `${server.url}episodes/harbour.mp3`,
        `${server.url}episodes/river.mp3`,
      ]);
      expect((await fetch(`${server.url}cover.jpg`)).headers.get("content-type")).toBe("image/jpeg");
      const file = join(work, "served.xml");
      await writeFile(file, body);
      expect(await feedparser(file)).toMatchObject({ bozo: 0, image: `${server.url}cover.jpg` });
    } finally {
      await server.close();
    }
  });

  it("without presscast.yaml, with --base-url or PRESSCAST_BASE_URL: exit 0, absolute links both parsers read", async () => {
    const byFlag = await presscast(
      ["feed", "--check", "-o", output(), "--base-url", "https://cdn.example.net/a/"],
      {
        cwd: work,
      },
    );
    expect(byFlag.code, byFlag.stdout + byFlag.stderr).toBe(0);
    expect(byFlag.stdout).not.toMatch(/^missing/m);
    expect(byFlag.stdout).toMatch(
      /^ok +absolute enclosure URLs: https:\/\/cdn\.example\.net\/a\/episodes\//m,
    );
    let feed = await readFile(join(output(), "feed.xml"), "utf8");
    expect(parseFeed(feed)?.items.map((i) => i.enclosure.url)).toEqual([
      "https://cdn.example.net/a/episodes/harbour.mp3",
      "https://cdn.example.net/a/episodes/river.mp3",
    ]);
    expect(await feedparser(join(output(), "feed.xml"))).toMatchObject({
      bozo: 0,
      image: "https://cdn.example.net/a/cover.jpg",
    });

    const byEnv = await presscast(["feed", "--check", "-o", output()], {
      cwd: work,
      env: { ...process.env, PRESSCAST_BASE_URL: "https://env.example.net/pod/" },
    });
    expect(byEnv.code, byEnv.stdout + byEnv.stderr).toBe(0);
    feed = await readFile(join(output(), "feed.xml"), "utf8");
    expect(parseFeed(feed)?.itunesImage).toBe("https://env.example.net/pod/cover.jpg");
  });

  it("a --base-url that is not http(s) is refused with exit 2 before anything is written", async () => {
    const before = await readFile(join(output(), "feed.xml"), "utf8");
    const result = await presscast(["feed", "-o", output(), "--base-url", "javascript:alert(1)//"], {
      cwd: work,
    });
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(
      /--base-url or PRESSCAST_BASE_URL.*must be an absolute URL \(http or https\)/,
    );
    expect(await readFile(join(output(), "feed.xml"), "utf8")).toBe(before);
  });

  it("with only baseUrl set: every requirement ok, exit 0, and both parsers read absolute links", async () => {
    await writeFile(join(work, "presscast.yaml"), "baseUrl: https://pod.example.org/show/\n");
    const result = await check(work);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).not.toMatch(/^missing/m);
    for (const name of [
      "baseUrl",
      "cover art",
      "category",
      "explicit",
      "language",
      "unique GUIDs",
      "podcast:chapters",
    ])
      expect(result.stdout).toMatch(new RegExp(`^ok +${name}:`, "m"));
    const feed = await readFile(join(output(), "feed.xml"), "utf8");
    const parsed = parseFeed(feed);
    expect(parsed?.itunesImage).toBe("https://pod.example.org/show/cover.jpg");
    expect(parsed?.explicit).toBe(false);
    expect(parsed?.language).toBe("en");
    expect(parsed?.categories?.length).toBeGreaterThan(0);
    expect(parsed?.items.map((i) => i.enclosure.url)).toEqual([
      "https://pod.example.org/show/episodes/harbour.mp3",
      "https://pod.example.org/show/episodes/river.mp3",
    ]);
    expect(await feedparser(join(output(), "feed.xml"))).toMatchObject({
      bozo: 0,
      image: "https://pod.example.org/show/cover.jpg",
    });
  });

  it("with a full config: ok; a category Apple does not list is named", async () => {
    await writeFile(
      join(work, "presscast.yaml"),
      [
        "title: Harbour Reads",
        "author: The Harbour Desk",
        "owner: { name: Ed Itor, email: ed@example.org }",
        "baseUrl: https://pod.example.org/show/",
        "category: Society & Culture",
        "explicit: true",
        "locked: true",
      ].join("\n"),
    );
    const good = await check(work);
    expect(good.code, good.stdout + good.stderr).toBe(0);
    expect(good.stdout).toMatch(/^ok +owner email: ed@example\.org$/m);
    const feed = await readFile(join(output(), "feed.xml"), "utf8");
    expect(parseFeed(feed)?.locked).toBe(true);
    expect(feed).toContain('<podcast:locked owner="ed@example.org">yes</podcast:locked>');
    expect(await feedparser(join(output(), "feed.xml"))).toMatchObject({ bozo: 0 });

    await writeFile(
      join(work, "presscast.yaml"),
      "baseUrl: https://pod.example.org/show/\ncategory: Gossip\n",
    );
    const bad = await check(work);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^missing +category: "Gossip" is not an Apple Podcasts category/m);
  });

  it("maxEpisodes keeps the newest N in the feed and on the page", async () => {
    await writeFile(join(work, "presscast.yaml"), "baseUrl: https://pod.example.org/show/\nmaxEpisodes: 1\n");
    const result = await presscast(["feed", "-o", output()], { cwd: work });
    expect(result.code, result.stderr).toBe(0);
    const parsed = parseFeed(await readFile(join(output(), "feed.xml"), "utf8"));
    expect(parsed?.items.map((i) => i.guid)).toEqual(["g-harbour"]);
    const page = await readFile(join(output(), "index.html"), "utf8");
    expect(page).toContain('id="harbour"');
    expect(page).not.toContain('id="river"');
  });
});

describe("presscast remove", () => {
  it("deletes an episode's files and its feed item; an unknown one is refused with exit 2", async () => {
    await writeFile(join(work, "presscast.yaml"), "baseUrl: https://pod.example.org/show/\n");
    const result = await presscast(["remove", "river", "-o", output()], { cwd: work });
    expect(result.code, result.stderr).toBe(0);
    const left = await readdir(join(output(), "episodes"));
    expect(left.filter((n) => n.startsWith("river"))).toEqual([]);
    expect(left).toContain("harbour.mp3");
    const parsed = parseFeed(await readFile(join(output(), "feed.xml"), "utf8"));
    expect(parsed?.items.map((i) => i.guid)).toEqual(["g-harbour"]);
    expect(existsSync(join(output(), "episodes", "river.vtt"))).toBe(false);

    const unknown = await presscast(["remove", "nowhere", "-o", output()], { cwd: work });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toMatch(
      /^presscast: No episode "nowhere" in .*episodes; the episodes there are harbour\.$/,
    );
  });
});
