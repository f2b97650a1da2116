import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { integratedLoudness, subBlockEnergies } from "../../src/audio/bs1770.js";
import { CLIP_LUFS, isCurrent, levelClip, measureClip } from "../../src/audio/level.js";
import { parseWav } from "../../src/audio/wav.js";
import { ffmpeg, fliteWavs } from "../assemble/helpers.js";
import { loudnessOf } from "../assemble/listening.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "presscast-level-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The clip resampled to 44.1 kHz by ffmpeg, so its own meter can read it. */
async function at44k(samples: Int16Array, rate: number): Promise<Int16Array> {
  const { stdout } = await ffmpeg.run(
    ["-f", "s16le", "-ar", String(rate), "-ac", "1", "-i", "pipe:0", "-ar", "44100", "-f", "s16le", "-"],
    {
      what: "resampling",
      stdin: Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength),
      stdout: "buffer",
    },
  );
  const copy = Buffer.from(stdout);
  return new Int16Array(copy.buffer, copy.byteOffset, copy.length >> 1);
}

describe("clip levelling", () => {
  it("measures loudness as ffmpeg's EBU R128 meter does, at 16 and 22.05 kHz", async () => {
    const [file] = await fliteWavs(dir, [
      { voice: "awb", text: "Loudness is measured the same way at every rate." },
    ]);
    const audio = parseWav(await readFile(file as string));
    for (const rate of [audio.sampleRate, 22050]) {
      const samples =
        rate === audio.sampleRate ? audio.samples : await resample(audio.samples, audio.sampleRate, rate);
      const ours = integratedLoudness(subBlockEnergies(samples, rate));
      const theirs = (await loudnessOf(await at44k(samples, rate))).lufs;
      expect(Math.abs(ours - theirs), `at ${rate} Hz: ${ours} vs ${theirs}`).toBeLessThanOrEqual(0.3);
    }
  });

  it("brings four voices to one loudness, under the peak ceiling, with their outer silence cut", async () => {
    const lines = ["slt", "rms", "awb", "kal16"].map((voice) => ({
      voice,
      text: "Every speaker should sound equally loud to the listener.",
    }));
    const files = await fliteWavs(dir, lines);
    for (const file of files) {
      const audio = parseWav(await readFile(file));
      const level = measureClip(audio.samples, audio.sampleRate);
      const out = levelClip(audio.samples, level);
      const measured = await loudnessOf(await at44k(out, audio.sampleRate));
      expect(Math.abs(measured.lufs - CLIP_LUFS), `${file}: ${measured.lufs} LUFS`).toBeLessThanOrEqual(0.5);
      // Ceiling -3.5 dBTP, estimated at the clip's rate; resampling may add a little.
      expect(measured.peak).toBeLessThanOrEqual(-2.5);
      // The engine's leading and trailing silence is gone but for the few milliseconds kept.
      expect(level.lead / audio.sampleRate).toBeLessThanOrEqual(0.031);
      expect(level.tail / audio.sampleRate).toBeLessThanOrEqual(0.031);
      expect(out.length).toBe(level.end - level.start);
      expect(out.length).toBeLessThan(audio.samples.length);
    }
  });

  it("measures and levels a clip the same whatever clips came before it", async () => {
    const files = await fliteWavs(dir, [
      { voice: "rms", text: "A short one." },
      {
        voice: "awb",
        text: "A much longer clip comes in between, and its working arrays are reused after it.",
      },
    ]);
    const [short, long] = await Promise.all(files.map(async (file) => parseWav(await readFile(file))));
    if (!short || !long) throw new Error("flite made no clip");
    // An odd length, so the last block of four samples is a partial one.
    const clip = short.samples.subarray(0, short.samples.length - ((short.samples.length + 1) % 4));
    const first = measureClip(clip, short.sampleRate);
    const firstOut = levelClip(clip, first);
    const other = measureClip(long.samples, long.sampleRate);
    levelClip(long.samples, other);
    expect(measureClip(clip, short.sampleRate)).toEqual(first);
    expect(levelClip(clip, first)).toEqual(firstOut);
    expect(other.gainDb).not.toBe(first.gainDb);
  });
});

describe("stored peaks", () => {
  it("levels a clip the same from a level stored before it kept the peaks over the ceiling", async () => {
    const files = await fliteWavs(dir, [
      { voice: "rms", text: "Peaks are limited only where they cross the ceiling." },
      { voice: "slt", text: "Crisp consonants, sharp plosives, and pops." },
    ]);
    let limited = 0;
    for (const file of files) {
      const audio = parseWav(await readFile(file));
      // The clip as it is, and with a click in the middle that the limiter must catch.
      const clicked = audio.samples.slice();
      for (let i = 0; i < 40; i++) clicked[(clicked.length >> 1) + i] = i % 2 ? 32767 : -32768;
      for (const samples of [audio.samples, clicked]) {
        const level = measureClip(samples, audio.sampleRate);
        const { over, ...older } = level;
        limited += over?.length ?? 0;
        expect(levelClip(samples, level)).toEqual(levelClip(samples, older));
        expect(isCurrent(older, audio.sampleRate, samples.length)).toBe(true);
      }
    }
    expect(limited).toBeGreaterThan(10);
  });

  it("measures a clip again when its stored peaks are not its samples", async () => {
    const [file] = await fliteWavs(dir, [{ voice: "awb", text: "A level damaged on disk." }]);
    const audio = parseWav(await readFile(file as string));
    const level = measureClip(audio.samples, audio.sampleRate);
    const n = audio.samples.length;
    expect(isCurrent(level, audio.sampleRate, n)).toBe(true);
    for (const over of [[5, 5], [3, 2], [1.5], [-1], [n], "12" as unknown as number[]])
      expect(isCurrent({ ...level, over }, audio.sampleRate, n), JSON.stringify(over)).toBe(false);
  });
});

async function resample(samples: Int16Array, from: number, to: number): Promise<Int16Array> {
  const { stdout } = await ffmpeg.run(
    ["-f", "s16le", "-ar", String(from), "-ac", "1", "-i", "pipe:0", "-ar", String(to), "-f", "s16le", "-"],
    {
      what: "resampling",
      stdin: Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength),
      stdout: "buffer",
    },
  );
  const copy = Buffer.from(stdout);
  return new Int16Array(copy.buffer, copy.byteOffset, copy.length >> 1);
}
