/**
 * One damaged manifest in the output folder never stops the feed: a valid-JSON manifest with a
 * null chapter, and one that is not JSON, are left out with a warning naming each; a manifest
 * whose date is not a date keeps its episode, dated by the file.
 */
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../src/publish/config.js";
import { writeFeed } from "../../src/publish/publish.js";
import { sampleManifest, writeEpisode } from "./helpers.js";

describe("corrupt manifests", () => {
  it("are skipped with a warning naming them, and the other episodes are published", async () => {
    const out = await mkdtemp(join(tmpdir(), "presscast-corrupt-"));
    await writeEpisode(out, sampleManifest({ slug: "good-one", title: "The good one" }));
    await writeEpisode(
      out,
      sampleManifest({ slug: "odd-date", title: "An odd date", published: "yesterday-ish" }),
    );
    const episodes = join(out, "episodes");
    const good = JSON.parse(await readFile(join(episodes, "good-one.json"), "utf8"));
    await writeFile(
      join(episodes, "null-chapter.json"),
      JSON.stringify({ ...good, slug: "null-chapter", chapters: [null] }),
    );
    await writeFile(join(episodes, "not-json.json"), "{ nope");
    const lines: string[] = [];
    const result = await writeFeed(out, DEFAULT_CONFIG, {
      now: new Date("2025-01-01T00:00:00Z"),
      log: (l) => lines.push(l),
    });
    expect(result.episodes.map((m) => m.slug).sort()).toEqual(["good-one", "odd-date"]);
    expect(lines.some((l) => /null-chapter\.json: not an episode manifest/.test(l))).toBe(true);
    expect(lines.some((l) => /not-json\.json: not an episode manifest/.test(l))).toBe(true);
    const feed = await readFile(join(out, "feed.xml"), "utf8");
    expect(feed).toContain("An odd date");
    expect(feed).not.toContain("Invalid Date");
  });
});
