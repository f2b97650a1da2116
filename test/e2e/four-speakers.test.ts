import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseFile } from "music-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { presscast, root } from "./helpers.js";
import { type Listening, listen } from "./listening.js";

/**
 * A four-speaker panel transcript with the default voices (three Flite voices and one eSpeak
 * voice at another sample rate, plus the narrator), built by the real command and heard back
 * from its decoded MP3.
 */
const FIXTURE = "test/fixtures/listening/night-bus-panel.md";
const work = mkdtempSync(join(tmpdir(), "presscast-panel-"));
let heard: Listening;

beforeAll(async () => {
  // Named by its absolute path, which no published file may carry.
  const args = ["build", join(root, FIXTURE), "-o", join(work, "out")];
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

  it("opens with the narrator naming the four speakers, and ends with an outro and a second of silence", () => {
    const first = heard.cues.slice(0, 2);
    expect(first.map((cue) => cue.speaker)).toEqual(["narrator", "narrator"]);
    expect(first.map((cue) => cue.text).join(" ")).toBe(
      "Four voices on the night bus. With Maria, Daniel, Priya and Tom.",
    );
    expect(first[0]?.chapter).toBe(0);
    expect(heard.chapters[0]?.start).toBe(0);
    expect(heard.cues.at(-1)).toMatchObject({
      speaker: "narrator",
      text: "That was a conversation: Four voices on the night bus.",
    });
    expect(heard.trailingSilence).toBeGreaterThanOrEqual(1);
  });

  it("carries no local path in any published file, the MP3's tags included", async () => {
    const out = join(work, "out");
    const files = [
      join(out, "feed.xml"),
      join(out, "index.html"),
      ...readdirSync(join(out, "episodes")).map((name) => join(out, "episodes", name)),
    ];
    for (const file of files) {
      const bytes = readFileSync(file);
      // ID3 text frames are UTF-16; everything else UTF-8.
      for (const path of [root, work])
        for (const encoding of ["utf8", "utf16le"] as const)
          expect(bytes.includes(Buffer.from(path, encoding)), `${file} holds ${path}`).toBe(false);
    }
    const meta = await parseFile(files.find((f) => f.endsWith(".mp3")) as string);
    expect(meta.common.comment?.[0]?.text).toBe("night-bus-panel.md");
  });

  it("is at -16 ±0.5 LUFS with a true peak at most -1.5 dBTP", () => {
    expect(Math.abs(heard.lufs + 16)).toBeLessThanOrEqual(0.5);
    expect(heard.peak).toBeLessThanOrEqual(-1.5);
  });
});
