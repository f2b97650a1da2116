import { copyFile, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseFeed } from "podcast-partytime";
import { afterAll, describe, expect, it } from "vitest";
import { episodeGuid, slugify } from "../../src/output/episode-id.js";
import { DEFAULT_CONFIG } from "../../src/publish/config.js";
import { writeFeed } from "../../src/publish/publish.js";
import { standInAudio } from "./helpers.js";

const FIXTURE = join(import.meta.dirname, "..", "fixtures", "published");
const SLUG = "the-csto-is-monitoring-the-processes-in-europe-in-connection";
let out: string | undefined;
afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

describe("a published episode keeps its identity across presscast versions", () => {
  it.each([
    ["0.1.0 (version 0)", FIXTURE, "ece0c8a7-9a92-5469-aa2b-0ef379c59bf1"],
    [
      "the first versioned presscast (version 1)",
      join(FIXTURE, "version-1"),
      "0e918947-b924-5004-8e10-dc5ba8cef8c0",
    ],
  ])(
    "the manifest written by %s gives the same GUID and enclosure URL in today's feed",
    async (_by, from, guid) => {
      out = await mkdtemp(join(tmpdir(), "presscast-stable-"));
      await mkdir(join(out, "episodes"));
      await copyFile(join(from, `${SLUG}.json`), join(out, "episodes", `${SLUG}.json`));
      await standInAudio(join(out, "episodes", `${SLUG}.json`), join(out, "episodes", `${SLUG}.mp3`));
      const config = { ...DEFAULT_CONFIG, owner: {}, baseUrl: "https://pod.example.org/show/" };
      const { feed } = await writeFeed(out, config, {
        now: new Date("2025-01-01T00:00:00Z"),
        log: () => {},
      });
      const parsed = parseFeed(await readFile(feed, "utf8"));
      expect(parsed?.items.map((i) => [i.guid, i.enclosure.url])).toEqual([
        [guid, `https://pod.example.org/show/episodes/${SLUG}.mp3`],
      ]);
      await rm(out, { recursive: true, force: true });
    },
  );

  it("derives GUIDs and slugs as 0.1.0 did", () => {
    expect(episodeGuid("https://news.example.org/2024/river")).toBe("e80dfbf7-2fbf-54fb-a9ab-c90ab0cbdc86");
    expect(slugify("The CSTO is monitoring the processes in Europe in connection with the adjustment")).toBe(
      SLUG,
    );
  });
});
