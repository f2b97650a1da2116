/**
 * The manifest has a version and one reader: an older manifest is migrated, never dropped; a
 * damaged one is left out with one warning line naming it (never quoting it), and stops neither
 * the feed nor the server.
 */
import {
  appendFile,
  copyFile,
  mkdir,
  mkdtemp,
  readFile,
  rm,
  stat,
  truncate,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkManifest, MANIFEST_VERSION, readManifests } from "../../src/output/manifest.js";
import { DEFAULT_CONFIG } from "../../src/publish/config.js";
import { writeFeed } from "../../src/publish/publish.js";
import { serve } from "../../src/serve/serve.js";
import { sampleManifest, standInAudio, writeEpisode } from "../publish/helpers.js";

const OLD = join(import.meta.dirname, "..", "fixtures", "published");
const OLD_SLUG = "the-csto-is-monitoring-the-processes-in-europe-in-connection";
const dirs: string[] = [];
const folder = async () => {
  const dir = await mkdtemp(join(tmpdir(), "presscast-manifest-"));
  dirs.push(dir);
  return dir;
};
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** A good manifest's JSON with `change` applied: the damaged files the tests write. */
const damaged = (change: Record<string, unknown>) =>
  JSON.stringify({ ...sampleManifest({ slug: "damaged" }), ...change });

describe("the episode manifest", () => {
  it("is written with its version first", async () => {
    const out = await folder();
    await writeEpisode(out, { slug: "fresh" });
    const text = await readFile(join(out, "episodes", "fresh.json"), "utf8");
    expect(MANIFEST_VERSION).toBe(1);
    expect(text.startsWith('{\n  "version": 1,\n  "slug": "fresh",')).toBe(true);
  });

  it("of version 0 (no version field, as 0.1.0 wrote it) is migrated, keeping every field", async () => {
    const out = await folder();
    await mkdir(join(out, "episodes"));
    await copyFile(join(OLD, `${OLD_SLUG}.json`), join(out, "episodes", `${OLD_SLUG}.json`));
    await standInAudio(join(out, "episodes", `${OLD_SLUG}.json`), join(out, "episodes", `${OLD_SLUG}.mp3`));
    const old = JSON.parse(await readFile(join(OLD, `${OLD_SLUG}.json`), "utf8"));
    expect(old.version).toBeUndefined();
    const lines: string[] = [];
    const [read] = await readManifests(out, (line) => lines.push(line));
    expect(lines).toEqual([]);
    expect(read?.version).toBe(1);
    expect(read?.guid).toBe(old.guid);
    expect(read?.cues).toEqual(old.cues);
    expect(read?.buildKey).toBe(old.buildKey);
  });

  it.each([
    ["a null chapter", { chapters: [null] }, '"chapters[0]" must be a mapping, not empty'],
    ["a null cue", { cues: [null] }, '"cues[0]" must be a mapping, not empty'],
    ["a chapter without times", { chapters: [{ title: "x" }] }, '"chapters[0].start" is missing'],
    ["a duration as text", { durationSeconds: "long" }, '"durationSeconds" must be a number, not text'],
    ["no audio", { audio: null }, '"audio" must be a mapping, not empty'],
    ["audio in another folder", { audio: { file: "../x.mp3", type: "audio/mpeg" } }, '"audio.file"'],
    ["speakers as a mapping", { speakers: {} }, '"speakers" must be a list, not a mapping'],
    ["a title as a number", { title: 5 }, '"title" must be text, not a number'],
    ["a version as text", { version: "one" }, '"version" is not a version this presscast knows'],
    ["a newer version", { version: 99 }, '"version" 99 is newer than this presscast reads (1)'],
    ["a list", [1, 2], "must be a mapping, not a list"],
  ])("with %s is refused, naming the field", (_name, change, message) => {
    const data = Array.isArray(change) ? change : JSON.parse(damaged(change));
    expect(() => checkManifest(data)).toThrow(message);
  });

  it("keeps an episode whose describing fields are damaged, without them", () => {
    const read = checkManifest(JSON.parse(damaged({ byline: 7, image: "../../etc/passwd", source: null })));
    expect([read.slug, read.byline, read.image, read.source]).toEqual(["damaged", undefined, undefined, []]);
  });

  it("that is damaged is left out of the feed with one warning naming it, quoting nothing", async () => {
    const out = await folder();
    await writeEpisode(out, { slug: "good-one", title: "The good one" });
    const episodes = join(out, "episodes");
    await writeFile(join(episodes, "null-chapter.json"), damaged({ slug: "null-chapter", chapters: [null] }));
    await writeFile(
      join(episodes, "wrong-types.json"),
      damaged({ slug: "wrong-types", durationSeconds: "SECRET" }),
    );
    await writeFile(join(episodes, "not-json.json"), "{ SECRET line of a private file");
    await writeFile(join(episodes, "empty.json"), "");
    const lines: string[] = [];
    const result = await writeFeed(out, DEFAULT_CONFIG, {
      now: new Date("2025-01-01T00:00:00Z"),
      log: (l) => lines.push(l),
    });
    expect(result.episodes.map((m) => m.slug)).toEqual(["good-one"]);
    const warnings = lines.filter(
      (line) => line.startsWith("warning:") && line.includes("not an episode manifest"),
    );
    expect(warnings.map((line) => /episodes\/([\w-]+\.json)/.exec(line)?.[1]).sort()).toEqual([
      "empty.json",
      "not-json.json",
      "null-chapter.json",
      "wrong-types.json",
    ]);
    for (const line of warnings) expect(line).not.toMatch(/SECRET|\n/);
    expect(await readFile(join(out, "feed.xml"), "utf8")).toContain("The good one");
  });

  it("whose audio was cut short is left out of the feed with a warning; audio grown by added tags is kept", async () => {
    const out = await folder();
    await writeEpisode(out, { slug: "cut", title: "Cut short" });
    await writeEpisode(out, { slug: "tagged", title: "Tagged later" });
    const episodes = join(out, "episodes");
    const cut = join(episodes, "cut.mp3");
    const whole = (await stat(cut)).size;
    await truncate(cut, Math.floor(whole / 2));
    await appendFile(join(episodes, "tagged.mp3"), Buffer.alloc(128));
    const lines: string[] = [];
    const result = await writeFeed(out, DEFAULT_CONFIG, {
      now: new Date("2025-01-01T00:00:00Z"),
      log: (l) => lines.push(l),
    });
    expect(result.episodes.map((m) => m.slug)).toEqual(["tagged"]);
    const tagged = result.episodes[0];
    expect(tagged?.audio.bytes).toBe((await stat(join(episodes, "tagged.mp3"))).size);
    const warnings = lines.filter((line) => line.startsWith("warning:") && line.includes("cut.mp3"));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(`shorter than the ${whole} it was published with`);
    expect(await readFile(join(out, "feed.xml"), "utf8")).not.toContain("Cut short");
  });

  it("that is damaged does not make serve answer 500", async () => {
    const out = await folder();
    await writeEpisode(out, { slug: "good-one", title: "The good one" });
    await writeFile(
      join(out, "episodes", "null-chapter.json"),
      damaged({ slug: "null-chapter", chapters: [null] }),
    );
    await writeFile(join(out, "episodes", "not-json.json"), "{ nope");
    const lines: string[] = [];
    const server = await serve(out, {
      port: 0,
      config: { ...DEFAULT_CONFIG, owner: {} },
      log: (l) => lines.push(l),
    });
    try {
      const feed = await fetch(new URL("feed.xml", server.url));
      expect(feed.status).toBe(200);
      const xml = await feed.text();
      expect(xml).toContain("The good one");
      expect(xml.match(/<item>/g)).toHaveLength(1);
      expect(lines.some((l) => l.includes("null-chapter.json: not an episode manifest"))).toBe(true);
    } finally {
      await server.close();
    }
  });
});
