import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { parseFile } from "music-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assemble } from "../../src/assemble/assemble.js";
import { inspect } from "../../src/assemble/inspect.js";
import { InputError } from "../../src/errors.js";
import { makeImage } from "../publish/helpers.js";
import { ffmpeg, ffmpegChapters, makeClips } from "./helpers.js";

const run = promisify(execFile);

const TITLES = ["One", "Two; with = signs", "Three"];
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "presscast-m4a-test-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("assemble to M4A", () => {
  it("writes AAC with MP4 chapters and tags that two readers agree on", async () => {
    const clips = await makeClips(
      dir,
      [0, 0, 1, 2].map((chapter, i) => ({
        chapter,
        rate: 22050,
        leadMs: 100,
        toneMs: 1500 + 100 * i,
        freq: 300 + 100 * i,
        amp: 0.2,
        pauseAfterMs: 400,
      })),
    );
    const output = join(dir, "episode.m4a");
    const result = await assemble(
      clips,
      TITLES.map((title) => ({ title })),
      { output, format: "m4a", meta: { title: "AAC Episode", artist: "presscast" }, ffmpeg },
    );
    expect(await readdir(dir)).not.toContain(expect.stringMatching(/\.part$/));
    // music-metadata 11 cannot read ffmpeg's chapter track (several samples per chunk), so it
    // checks the tags and codec here, and chapters come from ffmpeg's demuxer.
    await expect(parseFile(output, { includeChapters: true })).rejects.toThrow(/chunk-offset/);
    const meta = await parseFile(output);
    expect(meta.format.codec).toMatch(/AAC/);
    expect(meta.common.title).toBe("AAC Episode");
    expect(meta.common.artist).toBe("presscast");
    expect(result.chapters[0]?.start).toBe(0);
    // 0.3 s of opening silence, then tone, pause, tone, pause (edges within a 10 ms window); the
    // marker sits halfway into the 0.4 s pause before the next tone.
    const sound = 0.3 + 1.5 + 0.4 + 1.6 + 0.4;
    expect(Math.abs((result.chapters[1]?.start ?? 0) - (sound - 0.2))).toBeLessThan(0.03);
    const viaFfmpeg = await ffmpegChapters(output);
    expect(viaFfmpeg.map((c) => c.title)).toEqual(TITLES);
    viaFfmpeg.forEach((c, i) => {
      expect(Math.abs(c.start - (result.chapters[i]?.start ?? 0))).toBeLessThanOrEqual(0.001);
    });
    const info = await inspect(output, ffmpeg);
    expect(info.chapters.map((c) => c.title)).toEqual(TITLES);
    info.chapters.forEach((c, i) => {
      expect(Math.abs(c.start - (result.chapters[i]?.start ?? 0))).toBeLessThanOrEqual(0.001);
    });
    expect(Math.abs(info.durationSeconds - result.durationSeconds)).toBeLessThan(0.05);
    expect(Math.abs(info.loudness.integrated + 16)).toBeLessThanOrEqual(0.5);
    expect(info.loudness.truePeak).toBeLessThanOrEqual(-1.5);
  });
});

describe("M4A cover art", () => {
  it("stores the cover as covr (mutagen reads the same bytes) and keeps the chapters", async () => {
    const clips = await makeClips(
      dir,
      [0, 1].map((chapter) => ({
        chapter,
        rate: 22050,
        leadMs: 100,
        toneMs: 1200,
        freq: 440,
        amp: 0.2,
        pauseAfterMs: 300,
      })),
    );
    const cover = join(dir, "cover.jpg");
    await makeImage(cover, 1400, 1400);
    const output = join(dir, "covered.m4a");
    await assemble(clips, [{ title: "A" }, { title: "B" }], {
      output,
      format: "m4a",
      meta: { title: "Covered" },
      cover,
      ffmpeg,
    });
    const script = [
      "import sys, hashlib, mutagen.mp4 as m",
      "f = m.MP4(sys.argv[1])",
      "[c] = f.tags['covr']",
      "print(int(c.imageformat), hashlib.sha256(bytes(c)).hexdigest())",
    ].join("\n");
    const { stdout } = await run("/usr/bin/python3", ["-c", script, output]);
    const [format, hash] = stdout.trim().split(" ");
    expect(format).toBe("13"); // JPEG
    expect(hash).toBe(
      createHash("sha256")
        .update(await readFile(cover))
        .digest("hex"),
    );
    expect((await ffmpegChapters(output)).map((c) => c.title)).toEqual(["A", "B"]);
  });
});

describe("inspect", () => {
  it("names a missing file in an InputError", async () => {
    const missing = join(dir, "nope.mp3");
    await expect(inspect(missing, ffmpeg)).rejects.toThrow(InputError);
    await expect(inspect(missing, ffmpeg)).rejects.toThrow(missing);
  });

  it("names a file that is not audio in an InputError", async () => {
    const text = join(dir, "notes.mp3");
    await writeFile(text, "These are plain notes, not audio.\n".repeat(20));
    await expect(inspect(text, ffmpeg)).rejects.toThrow(InputError);
    await expect(inspect(text, ffmpeg)).rejects.toThrow(text);
  });
});
