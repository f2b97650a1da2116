import { chmod, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assemble } from "../../src/assemble/assemble.js";
import { createFfmpeg } from "../../src/audio/ffmpeg.js";
import { WorkError } from "../../src/errors.js";
import type { Clip } from "../../src/types.js";
import { ffmpeg, makeClips } from "./helpers.js";

let dir: string;
let good: Clip[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "presscast-asm-fail-"));
  good = await makeClips(
    dir,
    [0, 1].map((chapter) => ({
      chapter,
      rate: 16000,
      leadMs: 50,
      toneMs: 500,
      freq: 440,
      amp: 0.3,
      pauseAfterMs: 200,
    })),
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const chapters = [{ title: "A" }, { title: "B" }];

/** Runs a failing assemble over an output that already holds an older episode. */
async function expectCleanFailure(clips: Clip[], runner = ffmpeg, pattern?: RegExp): Promise<void> {
  const outDir = await mkdtemp(join(dir, "out-"));
  const output = join(outDir, "episode.mp3");
  await writeFile(output, "previous episode");
  const run = assemble(clips, chapters, { output, format: "mp3", meta: { title: "T" }, ffmpeg: runner });
  await expect(run).rejects.toThrow(WorkError);
  if (pattern) await expect(run).rejects.toThrow(pattern);
  expect(await readFile(output, "utf8")).toBe("previous episode");
  expect(await readdir(outDir)).toEqual(["episode.mp3"]);
}

describe("ffmpeg runner", () => {
  it("reports a missing binary with the path and a hint", () => {
    expect(() => createFfmpeg({ ffmpegPath: "/nonexistent/ffmpeg" })).toThrow(
      new WorkError("ffmpeg not found at /nonexistent/ffmpeg; install it or set FFMPEG_PATH."),
    );
  });

  it("rejects a FFMPEG_PATH that is not executable, and lets the option win over it", async () => {
    const notExec = join(dir, "ffmpeg.txt");
    await writeFile(notExec, "not a program");
    await chmod(notExec, 0o644);
    expect(() => createFfmpeg({ env: { FFMPEG_PATH: notExec } })).toThrow(`ffmpeg not found at ${notExec}`);
    expect(createFfmpeg({ ffmpegPath: ffmpeg.path, env: { FFMPEG_PATH: notExec } }).path).toBe(ffmpeg.path);
  });

  it("logs the exact command, pipes stdin to stdout, and quotes stderr on failure", async () => {
    const lines: string[] = [];
    const runner = createFfmpeg({ log: (line) => lines.push(line) });
    const pcm = Buffer.alloc(16000 * 2, 1);
    const args = ["-f", "s16le", "-ar", "16000", "-ac", "1", "-i", "pipe:0", "-f", "s16le", "pipe:1"];
    const { stdout } = await runner.run(args, { what: "copying", stdin: pcm, stdout: "buffer" });
    expect(stdout.equals(pcm)).toBe(true);
    expect(lines).toEqual([`$ ${runner.path} -hide_banner -nostdin -nostats ${args.join(" ")}`]);
    const missing = join(dir, "missing.wav");
    await expect(runner.run(["-i", missing, "-f", "null", "-"], { what: "reading it" })).rejects.toThrow(
      new RegExp(`ffmpeg exited with code 1 while reading it: .*${missing}: No such file or directory`),
    );
  });
});

describe("assemble failures leave the published file alone", () => {
  it("a clip that is not a WAV file", async () => {
    const bad = join(dir, "bad.wav");
    await writeFile(bad, "this is text, not audio");
    const clip = { ...(good[1] as Clip), file: bad };
    await expectCleanFailure(
      [good[0] as Clip, clip],
      ffmpeg,
      new RegExp(`Clip ${bad} is not a usable WAV file`),
    );
  });

  it("a clip ffmpeg cannot decode", async () => {
    // A RIFF header that claims MP3 data, followed by noise: only ffmpeg can find out it is broken.
    const header = Buffer.alloc(44);
    header.write("RIFF", 0, "ascii");
    header.writeUInt32LE(36 + 4000, 4);
    header.write("WAVEfmt ", 8, "ascii");
    header.writeUInt32LE(16, 16);
    header.writeUInt16LE(0x55, 20);
    header.writeUInt16LE(1, 22);
    header.writeUInt32LE(22050, 24);
    header.writeUInt32LE(4000, 28);
    header.writeUInt16LE(1, 32);
    header.writeUInt16LE(0, 34);
    header.write("data", 36, "ascii");
    header.writeUInt32LE(4000, 40);
    const bad = join(dir, "bad-mp3.wav");
    await writeFile(bad, Buffer.concat([header, Buffer.alloc(4000, 0x5a)]));
    const clip = { ...(good[1] as Clip), file: bad };
    await expectCleanFailure(
      [good[0] as Clip, clip],
      ffmpeg,
      /ffmpeg exited with code \d+ while resampling clip .*bad-mp3.wav/,
    );
  });

  it("an ffmpeg that fails", async () => {
    await expectCleanFailure(good, createFfmpeg({ ffmpegPath: "/bin/false" }), /ffmpeg exited with code 1/);
  });
});
