import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { presscast } from "./helpers.js";
import { type Listening, listen } from "./listening.js";

/**
 * A four-speaker panel transcript with the default voices (three Flite voices and one eSpeak
 * voice at another sample rate, plus the narrator), built by the real command and heard back
 * from its decoded MP3.
 */
const work = mkdtempSync(join(tmpdir(), "presscast-panel-"));
let heard: Listening;

beforeAll(async () => {
  const args = ["build", "test/fixtures/listening/night-bus-panel.md", "-o", join(work, "out")];
  const result = await presscast([...args, "--cache-dir", join(work, "cache"), "--json"]);
  expect(result.code, result.stderr).toBe(0);
  const built = JSON.parse(result.stdout) as { episodes: Array<{ manifest: string }> };
  heard = await listen(built.episodes[0]?.manifest ?? "");
  console.log("panel:", heard.speakers, `${heard.lufs} LUFS, ${heard.peak} dBTP`);
}, 300_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("a four-speaker transcript, heard from its MP3", () => {
  it("levels the narrator and all four speakers within 1 LU of each other", () => {
    expect(heard.speakers.size).toBe(5);
    expect(heard.spread).toBeLessThanOrEqual(1);
  });

  it("keeps every pause within ±40 ms of the profile, for every voice", () => {
    const voices = new Set(heard.pauseErrors.map((p) => p.voice));
    expect(voices.size).toBeGreaterThanOrEqual(5);
    for (const { error, pause, voice } of heard.pauseErrors)
      expect(Math.abs(error), `${pause} ms pause after ${voice}`).toBeLessThanOrEqual(0.04);
  });

  it("starts every chapter 50–700 ms before its heading's first sound", () => {
    expect(heard.markerLeads).toHaveLength(3);
    for (const lead of heard.markerLeads) {
      expect(lead).toBeGreaterThanOrEqual(0.05);
      expect(lead).toBeLessThanOrEqual(0.7);
    }
  });

  it("is at -16 ±0.5 LUFS with a true peak at most -1.5 dBTP", () => {
    expect(Math.abs(heard.lufs + 16)).toBeLessThanOrEqual(0.5);
    expect(heard.peak).toBeLessThanOrEqual(-1.5);
  });
});
