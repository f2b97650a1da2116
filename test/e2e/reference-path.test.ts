/**
 * The speed-ups change nothing a listener hears: the seed built the fast way (every core, one
 * kept Flite instance per engine process) and the plain way (one call at a time, a fresh Flite
 * instance for every sentence), each into its own empty cache, then both MP3s decoded and
 * measured: loudness, chapter times and duration agree.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createFfmpeg } from "../../src/audio/ffmpeg.js";
import { buildEpisode } from "../../src/episode/build.js";
import { readScript } from "../../src/episode/read-script.js";
import { loadVoices } from "../../src/episode/voices.js";
import { closeEngines, loadEngine } from "../../src/synthesize/registry.js";
import type { EpisodeManifest } from "../../src/types.js";
import { decode } from "../assemble/helpers.js";
import { loudnessOf, markerLeads, soundWindows } from "../assemble/listening.js";
import { root } from "./helpers.js";

const work = mkdtempSync(join(tmpdir(), "presscast-reference-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function buildSeed(name: string, plain: boolean) {
  const script = await readScript(join(root, "examples", "csto-interview.txt"));
  const voices = await loadVoices(undefined);
  const built = await buildEpisode(
    script,
    { output: join(work, name), format: "mp3" },
    {
      ffmpeg: createFfmpeg(),
      voices,
      loadEngine: (engine) => loadEngine(engine, plain ? { threads: 1, reuse: false } : {}),
      releaseEngines: () => closeEngines(),
      cacheDir: join(work, `${name}-cache`),
      concurrency: plain ? 1 : 2,
      log: () => {},
      now: () => new Date("2025-01-01T00:00:00Z"),
    },
  );
  const manifest = JSON.parse(readFileSync(built.manifest, "utf8")) as EpisodeManifest;
  const pcm = await decode(built.audio);
  return {
    manifest,
    seconds: pcm.length / 44100,
    lufs: (await loudnessOf(built.audio)).lufs,
    leads: markerLeads(soundWindows(pcm), manifest.chapters),
  };
}

describe("the seed built the fast way and the plain way", () => {
  it("sounds the same: loudness within 0.2 LU, chapters within 10 ms, duration within 50 ms", async () => {
    const fast = await buildSeed("fast", false);
    const plain = await buildSeed("plain", true);
    await closeEngines();
    expect(Math.abs(fast.lufs - plain.lufs)).toBeLessThanOrEqual(0.2);
    expect(Math.abs(fast.seconds - plain.seconds)).toBeLessThanOrEqual(0.05);
    expect(fast.manifest.chapters.length).toBe(plain.manifest.chapters.length);
    fast.manifest.chapters.forEach((chapter, i) => {
      expect(Math.abs(chapter.start - (plain.manifest.chapters[i]?.start ?? Number.NaN))).toBeLessThanOrEqual(
        0.01,
      );
      expect(Math.abs((fast.leads[i] ?? 0) - (plain.leads[i] ?? Number.NaN))).toBeLessThanOrEqual(0.01);
    });
  }, 900_000);
});
