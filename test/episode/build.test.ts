/**
 * buildEpisode from code, with a real engine (the tone program) and ffmpeg: the output folder's
 * lock is held only to publish (never while speaking), the feed hook runs inside that one turn,
 * and nothing of the work in progress is left beside the episode.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import lockfile from "proper-lockfile";
import { afterAll, describe, expect, it } from "vitest";
import { createFfmpeg } from "../../src/audio/ffmpeg.js";
import { type BuiltEpisode, buildEpisode } from "../../src/episode/build.js";
import { readScript } from "../../src/episode/read-script.js";
import { loadVoices } from "../../src/episode/voices.js";
import { LOCK_FILE } from "../../src/output/layout.js";
import { closeEngines, loadEngine } from "../../src/synthesize/registry.js";
import { toneProfile } from "../e2e/helpers.js";

const work = mkdtempSync(join(tmpdir(), "presscast-episode-"));
afterAll(async () => {
  await closeEngines();
  rmSync(work, { recursive: true, force: true });
});

describe("buildEpisode", () => {
  it("holds the output folder's lock once, to publish, and runs the feed hook inside it", async () => {
    const output = join(work, "out");
    const article = join(work, "article.txt");
    writeFileSync(article, "A story told twice\n\nThe first sentence. The second one. And a third.\n");
    const voices = await loadVoices(toneProfile(join(work, "tone.yaml")));
    const script = await readScript(article);
    const locked = () =>
      lockfile.checkSync(output, { lockfilePath: join(output, LOCK_FILE), realpath: false });
    const whileSpeaking: boolean[] = [];
    const whilePublishing: boolean[] = [];
    const build = () =>
      buildEpisode(
        script,
        { output, format: "mp3" },
        {
          ffmpeg: createFfmpeg(),
          voices,
          loadEngine,
          cacheDir: join(work, "cache"),
          onProgress: () => whileSpeaking.push(locked()),
          log: () => {},
          now: () => new Date("2025-01-01T00:00:00Z"),
          published: async (episode: BuiltEpisode) => {
            whilePublishing.push(locked());
            // The published episode is complete when the hook runs: its manifest names its audio.
            const manifest = JSON.parse(readFileSync(episode.manifest, "utf8"));
            expect(manifest.audio.file).toBe(`${episode.slug}.mp3`);
          },
        },
      );
    const first = await build();
    expect(first.slug).toBe("a-story-told-twice");
    expect(first.unchanged).toBe(false);
    expect(whileSpeaking.length).toBeGreaterThan(0);
    expect(whileSpeaking.every((held) => !held)).toBe(true);
    const again = await build();
    expect(again.unchanged).toBe(true);
    expect([again.slug, again.guid]).toEqual([first.slug, first.guid]);
    expect(whilePublishing).toEqual([true, true]);
    expect(locked()).toBe(false);
    const names = readdirSync(join(output, "episodes"));
    expect(names.filter((name) => name.startsWith("."))).toEqual([]);
    expect(names.sort()).toEqual(
      [".chapters.json", ".json", ".mp3", ".script.json", ".srt", ".transcript.json", ".vtt"]
        .map((ext) => `${first.slug}${ext}`)
        .sort(),
    );
  });
});
