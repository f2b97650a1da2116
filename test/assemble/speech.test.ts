import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assemble } from "../../src/assemble/assemble.js";
import { inspect } from "../../src/assemble/inspect.js";
import { readWavInfo } from "../../src/audio/wav.js";
import type { Clip } from "../../src/types.js";
import { decode, ffmpeg, fliteWavs, writeToneWav } from "./helpers.js";
import { lastSoundEnd, loudnessOf, markerLeads, soundWindows } from "./listening.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "presscast-asm-speech-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function clipOf(
  file: string,
  rate: number,
  samples: number,
  chapter: number,
  i: number,
  pauseAfterMs: number,
): Clip {
  const text = `Utterance ${i}.`;
  return {
    utterance: {
      chapter,
      segment: i,
      speaker: "narrator",
      text,
      spoken: text,
      voice: { engine: "test", voice: "x" },
      pauseAfterMs,
    },
    file,
    sampleRate: rate,
    samples,
    cached: false,
  };
}

describe("assemble on real TTS speech", () => {
  it("levels four voices to within 1 LU of each other and meets -16 ±0.5 LUFS / -1.5 dBTP, linearly", async () => {
    const lines = [
      { voice: "rms", text: "Welcome to the show. Today we talk about loudness." },
      { voice: "slt", text: "Why does synthetic speech have such sharp peaks?" },
      { voice: "rms", text: "Chapter two. The measurements were surprising." },
      { voice: "awb", text: "Thank you for listening, and goodbye." },
    ];
    const files = await fliteWavs(dir, lines);
    const clips: Clip[] = [];
    for (const [i, file] of files.entries()) {
      const info = await readWavInfo(file);
      clips.push(clipOf(file, info.sampleRate, info.dataBytes / 2, i < 2 ? 0 : 1, i, 500));
    }
    const output = join(dir, "speech.mp3");
    const result = await assemble(clips, [{ title: "Intro" }, { title: "Findings" }], {
      output,
      format: "mp3",
      meta: { title: "Speech" },
      ffmpeg,
    });
    console.log("flite speech:", result.loudness);
    expect(result.loudness.limiter).toBe(false);
    expect(result.loudness.mode).toBe("linear");
    const info = await inspect(output, ffmpeg);
    console.log("flite speech MP3:", info.loudness);
    expect(Math.abs(info.loudness.integrated + 16)).toBeLessThanOrEqual(0.5);
    expect(info.loudness.truePeak).toBeLessThanOrEqual(-1.5);
    const pcm = await decode(output);
    // Each clip is one voice here: measured separately in the decoded MP3, they sit within 1 LU.
    const levels = await Promise.all(
      result.cues.map(
        async (cue) => (await loudnessOf(pcm.subarray(cue.start * 44100, cue.end * 44100))).lufs,
      ),
    );
    console.log("per-voice LUFS in the MP3:", levels);
    expect(Math.max(...levels) - Math.min(...levels)).toBeLessThanOrEqual(1);
    for (const lead of markerLeads(soundWindows(pcm), result.chapters)) {
      expect(lead).toBeGreaterThanOrEqual(0.05);
      expect(lead).toBeLessThanOrEqual(0.7);
    }
  });
});

describe("assemble at book length", () => {
  it("joins 2,000 clips without one process per clip, counting every sample", async () => {
    const clips: Clip[] = [];
    for (let i = 0; i < 2000; i++) {
      const file = join(dir, `t${i}.wav`);
      const rate = i % 500 === 250 ? 22050 : 16000;
      const samples = Math.round(rate * 0.03) + (i % 7);
      await writeToneWav(file, rate, samples, 40, 300 + (i % 5) * 50);
      clips.push(clipOf(file, rate, samples, Math.floor(i / 100), i, 10));
    }
    const chapters = Array.from({ length: 20 }, (_, k) => ({ title: `Part ${k + 1}` }));
    const t0 = performance.now();
    const heapBefore = process.memoryUsage().heapUsed;
    const result = await assemble(clips, chapters, {
      output: join(dir, "book.mp3"),
      format: "mp3",
      meta: { title: "Book" },
      ffmpeg,
    });
    const seconds = (performance.now() - t0) / 1000;
    console.log(`2000 clips, ${result.durationSeconds.toFixed(1)} s of audio in ${seconds.toFixed(1)} s`);
    expect(result.chapters).toHaveLength(20);
    // Steady tone bursts measure LRA 0, which ffmpeg 4.1 would take for "not measured".
    expect(result.loudness.mode).toBe("linear");
    expect(result.cues).toHaveLength(2000);
    // Each clip is a short tone with no silence to trim and a 10 ms pause; the episode ends in
    // 1.5 s of silence. A 10 ms pause is too short to absorb a join of MP3 pieces, so each join
    // adds the encoder's delay and padding less those 10 ms: under 50 ms.
    const expected = clips.reduce((t, c) => t + c.samples / c.sampleRate + 0.01, 0) - 0.01 + 1.5;
    const joins = (result.pieces?.total ?? 1) - 1;
    expect(joins).toBeGreaterThanOrEqual(19);
    expect(result.durationSeconds - expected).toBeGreaterThan(-0.02);
    expect(result.durationSeconds - expected).toBeLessThan(0.05 * joins + 0.02);
    const loud = soundWindows(await decode(join(dir, "book.mp3")));
    expect(result.durationSeconds - lastSoundEnd(loud, Number.POSITIVE_INFINITY)).toBeGreaterThanOrEqual(1);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
  });
});
