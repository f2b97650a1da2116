import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { BuiltEpisode } from "../../src/episode/build.js";
import { type BuildEpisodesResult, buildEpisodes } from "../../src/episode/episodes.js";
import { rebuildFeed } from "../../src/episode/rebuild-feed.js";
import { InputError } from "../../src/errors.js";
import { decode, ffmpegChapters } from "../assemble/helpers.js";
import { toneProfile } from "../e2e/helpers.js";

/**
 * buildEpisodes called as code, the way a worker would: no command line, inputs as paths and as
 * `{ name, bytes }`, progress through callbacks, the result checked by decoding the audio.
 */
const work = mkdtempSync(join(tmpdir(), "presscast-episodes-"));
const voices = toneProfile(join(work, "voices.yaml"));
const cacheDir = join(work, "cache");
const rivers = join(work, "rivers.md");
writeFileSync(
  rivers,
  "# Rivers of the north\n\nThe rivers run cold. They freeze in winter.\n\n## Ice\n\nThe ice is thick in March.\n",
);
const bread = {
  name: "bread.txt",
  bytes: new TextEncoder().encode(
    "An interview about bread\n\nWe spoke with a baker.\n\n— Why bread?\n\n— Because it rises.\n",
  ),
};
const common = { voices, cacheDir, concurrency: 2, config: join(work, "none.yaml") };
writeFileSync(common.config, "title: Test show\n");

describe("buildEpisodes", () => {
  const output = join(work, "out");
  const events: string[] = [];
  const lines: string[] = [];
  let result: BuildEpisodesResult;

  beforeAll(async () => {
    result = await buildEpisodes({
      ...common,
      inputs: [rivers, bread],
      output,
      log: (line) => lines.push(line),
      onEpisodeStart: (title) => events.push(`start ${title}`),
      onEpisodeEnd: () => events.push("end"),
      onPublished: (episode: BuiltEpisode) => events.push(`published ${episode.slug}`),
    });
  }, 300_000);

  it("builds one episode per input, a path or bytes with a name, each published before the next starts", () => {
    expect(result.episodes.map((e) => e.title)).toEqual(["Rivers of the north", "An interview about bread"]);
    expect(events).toEqual([
      "start Rivers of the north",
      `published ${result.episodes[0]?.slug}`,
      "end",
      "start An interview about bread",
      `published ${result.episodes[1]?.slug}`,
      "end",
    ]);
    expect(result.failed).toEqual([]);
  });

  it("writes audio a decoder plays for the stated duration, with the chapters it reports", async () => {
    const [first] = result.episodes;
    if (!first) throw new Error("no episode");
    const pcm = await decode(first.audio);
    expect(pcm.length / 44100).toBeGreaterThan(2);
    expect(Math.abs(pcm.length / 44100 - first.durationSeconds)).toBeLessThan(0.1);
    const chapters = await ffmpegChapters(first.audio);
    expect(chapters.map((c) => c.title)).toEqual(first.chapters.map((c) => c.title));
    expect(chapters.map((c) => c.title)).toEqual(["Rivers of the north", "Ice"]);
  });

  it("lists every episode in the feed and says the feed's line once, at the end", () => {
    const feed = readFileSync(join(output, "feed.xml"), "utf8");
    for (const episode of result.episodes) expect(feed).toContain(`<title>${episode.title}</title>`);
    expect(lines.filter((line) => line.includes("feed.xml:"))).toEqual([
      `${join(output, "feed.xml")}: 2 episodes`,
    ]);
  });

  it("names a bytes input by its name, as the source of its episode", () => {
    const manifest = JSON.parse(readFileSync(result.episodes[1]?.manifest ?? "", "utf8")) as {
      source: string[];
    };
    expect(manifest.source).toEqual(["bread.txt"]);
  });

  it("does nothing the second time for unchanged articles", async () => {
    const again = await buildEpisodes({ ...common, inputs: [rivers, bread], output });
    expect(again.episodes.map((e) => e.unchanged)).toEqual([true, true]);
    expect(again.episodes.map((e) => e.guid)).toEqual(result.episodes.map((e) => e.guid));
  });

  it("leaves the feed and pages as they are when nothing changed, and writes them when the show did", async () => {
    const feed = join(output, "feed.xml");
    const page = join(output, "index.html");
    const later = (iso: string) => ({ ...common, inputs: [rivers, bread], output, now: () => new Date(iso) });
    await buildEpisodes(later("2031-01-01T00:00:00Z"));
    const before = readFileSync(feed, "utf8");
    // Nothing changed: the feed keeps its bytes, so its lastBuildDate says when its content last did.
    await buildEpisodes(later("2032-01-01T00:00:00Z"));
    expect(readFileSync(feed, "utf8")).toBe(before);
    expect(before).not.toContain("2032");
    // A page gone is written again, and the feed with it.
    rmSync(page);
    await buildEpisodes(later("2033-01-01T00:00:00Z"));
    expect(existsSync(page)).toBe(true);
    expect(readFileSync(feed, "utf8")).toContain("Sat, 01 Jan 2033");
    // Another show title: the feed and the player say it.
    const renamed = join(work, "renamed.yaml");
    writeFileSync(renamed, "title: Renamed show\n");
    await buildEpisodes({ ...later("2034-01-01T00:00:00Z"), config: renamed });
    expect(readFileSync(feed, "utf8")).toContain("<title>Renamed show</title>");
    expect(readFileSync(page, "utf8")).toContain("Renamed show");
    await buildEpisodes(later("2035-01-01T00:00:00Z"));
    expect(readFileSync(feed, "utf8")).toContain("<title>Test show</title>");
  });

  it("rebuildFeed rewrites the feed from the episodes in the folder", async () => {
    const rebuilt = await rebuildFeed({
      output,
      config: common.config,
      now: new Date("2025-02-03T00:00:00Z"),
    });
    expect(rebuilt.episodes.map((e) => e.title).sort()).toEqual([
      "An interview about bread",
      "Rivers of the north",
    ]);
    expect(readFileSync(rebuilt.feed, "utf8")).toContain("Mon, 03 Feb 2025");
  });
});

describe("buildEpisodes with an edition", () => {
  it("makes one episode of all the inputs, one chapter per article", async () => {
    const output = join(work, "edition");
    const { episodes } = await buildEpisodes({
      ...common,
      inputs: [rivers, bread],
      output,
      edition: "Morning",
    });
    expect(episodes).toHaveLength(1);
    const chapters = await ffmpegChapters(episodes[0]?.audio ?? "");
    expect(chapters.map((c) => c.title)).toEqual([
      "Morning",
      "Rivers of the north",
      "Rivers of the north — Ice",
      "An interview about bread",
    ]);
  }, 300_000);
});

describe("buildEpisodes refuses bad options before any work", () => {
  const output = join(work, "refused");
  it.each([
    [{ inputs: [] }, /Give at least one article, page URL or script, or feed\./],
    [{ inputs: [rivers], feed: "https://example.com/feed.xml" }, /Give articles or feed, not both/],
    [{ feed: "https://example.com/feed.xml", edition: "E" }, /edition makes one episode of given articles/],
    [{ inputs: [rivers], limit: 3 }, /limit and since choose items of a feed/],
    [{ inputs: [rivers], format: "wav" as "mp3" }, /format must be mp3 or m4a, not "wav"/],
    [{ inputs: [rivers], bitrate: 100 }, /bitrate for MP3 must be one of 32, 40/],
    [{ inputs: [rivers], concurrency: 0 }, /concurrency must be a whole number from 1 to 64, not "0"/],
    [{ inputs: [rivers], cacheSize: 1.5 }, /cacheSize must be a whole number from 10 to/],
  ])("%o", async (options, message) => {
    const error = await buildEpisodes({ ...common, ...options, output }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(message);
    expect(existsSync(output)).toBe(false);
  });

  it("refuses two inputs that are the same article, naming both", async () => {
    const error = await buildEpisodes({ ...common, inputs: [rivers, rivers], output }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toContain(`${rivers} and ${rivers} are the same article`);
  });

  it("refuses bytes over the article limit, naming them", async () => {
    const big = { name: "big.txt", bytes: new Uint8Array(10 * 1024 * 1024 + 1).fill(65) };
    const error = await buildEpisodes({ ...common, inputs: [big], output }).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      "big.txt is more than the 10 MB presscast reads for it; give a smaller file.",
    );
  });

  it("rebuildFeed refuses a folder that holds no episodes", async () => {
    const error = await rebuildFeed({ output: join(work, "nothing-here") }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/holds no episodes folder/);
    expect(existsSync(join(work, "nothing-here"))).toBe(false);
  });
});
