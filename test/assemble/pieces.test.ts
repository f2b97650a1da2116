import { mkdir, mkdtemp, readdir, readFile, rm, symlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assemble } from "../../src/assemble/assemble.js";
import { joinClips } from "../../src/assemble/concat.js";
import { planLoudness } from "../../src/assemble/loudness.js";
import { mp3OutputArgs } from "../../src/assemble/pieces/lame.js";
import { crc16, joinedInfoFrame, readInfoFrame } from "../../src/assemble/pieces/mp3-info.js";
import { encodePieces, splitPieces } from "../../src/assemble/pieces/pieces.js";
import { createFfmpeg, type FfmpegRunner } from "../../src/audio/ffmpeg.js";
import type { Clip } from "../../src/types.js";
import { type ClipSpec, decode, ffmpeg, makeClips } from "./helpers.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "presscast-pieces-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("the MP3 Info frame", () => {
  it("reads ffmpeg's, and writes the same frame for the same stream", async () => {
    const file = join(dir, "tone.mp3");
    await ffmpeg.run(
      ["-y", "-f", "lavfi", "-i", "sine=f=440:d=2.5:sample_rate=44100", ...mp3OutputArgs(96), file],
      { what: "encoding a tone" },
    );
    const bytes = await readFile(file);
    const info = readInfoFrame(bytes, file);
    expect(info.delay).toBe(576);
    expect(info.streamBytes).toBe(bytes.length);
    expect(info.frames * 1152).toBe(info.delay + 2.5 * 44100 + info.padding);
    const audio = bytes.subarray(info.bytes.length);
    const again = joinedInfoFrame(info, {
      frames: info.frames,
      audioBytes: audio.length,
      padding: info.padding,
      musicCrc: crc16(audio),
    });
    // Byte for byte except the seek table (ffmpeg samples it from its packets) and the tag CRC
    // that covers it; with ffmpeg's table put back, the CRC comes out as ffmpeg's too.
    const [toc, tocEnd, tagCrc] = [4 + 17 + 16, 4 + 17 + 16 + 100, 4 + 17 + 120 + 34];
    expect(again.subarray(0, toc)).toEqual(info.bytes.subarray(0, toc));
    expect(again.subarray(tocEnd, tagCrc)).toEqual(info.bytes.subarray(tocEnd, tagCrc));
    info.bytes.copy(again, toc, toc, tocEnd);
    again.writeUInt16BE(0, tagCrc);
    expect(crc16(again.subarray(0, 190))).toBe(info.bytes.readUInt16BE(tagCrc));
    expect(() => readInfoFrame(Buffer.from("ID3\u0003 not audio"), "x.mp3")).toThrow(/x\.mp3 is not an MP3/);
  });
});

describe("an episode encoded in pieces", () => {
  const spec = (i: number, toneMs = 3000): ClipSpec => ({
    chapter: Math.floor(i / 3),
    rate: 16000,
    leadMs: 100,
    toneMs,
    freq: 300 + 40 * i,
    amp: 0.1,
    pauseAfterMs: 400,
  });
  const titles = [{ title: "One" }, { title: "Two" }, { title: "Three" }];

  it("re-encodes only the piece whose audio changed, and decodes to the length it states", async () => {
    const pieceDir = join(dir, "pieces");
    const build = (clips: Clip[], name: string) =>
      assemble(clips, titles, {
        output: join(dir, name),
        format: "mp3",
        meta: { title: "P" },
        ffmpeg,
        pieceDir,
      });
    const clips = await makeClips(
      dir,
      Array.from({ length: 9 }, (_, i) => spec(i)),
    );
    const first = await build(clips, "a.mp3");
    expect(first.pieces).toEqual({ total: 3, encoded: 3 });

    // One clip of the middle chapter comes back 60 ms longer (an edited sentence).
    await mkdir(join(dir, "edit"));
    const [edited] = await makeClips(join(dir, "edit"), [spec(4, 3060)]);
    const changed = clips.map((clip, i) =>
      i === 4 ? { ...(edited as Clip), utterance: clip.utterance } : clip,
    );
    const second = await build(changed, "b.mp3");
    expect(second.pieces).toEqual({ total: 3, encoded: 1 });
    expect(await readdir(pieceDir)).toHaveLength(4);
    const cue = (result: typeof first) => (result.cues[4]?.end ?? 0) - (result.cues[4]?.start ?? 0);
    expect(cue(second) - cue(first)).toBeCloseTo(0.06, 6);

    // An independent decoder (ffmpeg's) reads the joined stream gaplessly, at the stated length.
    const { stderr } = await ffmpeg.run(["-v", "error", "-i", join(dir, "b.mp3"), "-f", "null", "-"], {
      what: "checking the joined MP3",
    });
    expect(stderr.trim()).toBe("");
    const pcm = await decode(join(dir, "b.mp3"));
    expect(Math.abs(pcm.length / 44100 - second.durationSeconds)).toBeLessThan(0.001);
  });

  it("encodes many pieces in one ffmpeg to the same bytes as one ffmpeg each", async () => {
    const work = join(dir, "batch");
    await mkdir(work);
    const clips = await makeClips(
      work,
      Array.from({ length: 9 }, (_, i) => spec(i)),
    );
    const { timeline, pcm } = await joinClips(clips, { workDir: work, ffmpeg });
    const pieces = splitPieces(clips, timeline);
    expect(pieces).toHaveLength(3);
    const { filter } = planLoudness({ i: timeline.measured.lufs, tp: timeline.measured.peakDb });
    const encode = async (name: string, concurrency: number) => {
      let runs = 0;
      const counting: FfmpegRunner = {
        path: ffmpeg.path,
        version: ffmpeg.version,
        prepare: () => ffmpeg.prepare(),
        run: (args, opts) => {
          runs++;
          return ffmpeg.run(args, opts);
        },
      };
      const options = { pcm, rate: timeline.rate, filter, bitrate: 96, ffmpeg: counting, concurrency };
      const made = await encodePieces(clips, timeline, pieces, { ...options, dir: join(work, name) });
      const bytes = await Promise.all(made.map((piece) => readFile(piece.file)));
      return { runs, bytes, left: await readdir(join(work, name)) };
    };
    const alone = await encode("alone", pieces.length);
    const together = await encode("together", 1);
    expect(alone.runs).toBe(3);
    expect(together.runs).toBe(1);
    expect(together.bytes).toEqual(alone.bytes);
    // Only the three sealed pieces are left: no temporary file.
    expect(together.left.filter((name) => name.endsWith(".mp3"))).toHaveLength(3);
    expect(together.left).toHaveLength(3);
  });

  it("reuses pieces encoded by the same ffmpeg installed at another path", async () => {
    const work = join(dir, "moved");
    await mkdir(work);
    const clips = await makeClips(
      work,
      Array.from({ length: 6 }, (_, i) => spec(i)),
    );
    const pieceDir = join(work, "pieces");
    const build = (runner: FfmpegRunner, name: string) =>
      assemble(clips, titles.slice(0, 2), {
        output: join(work, name),
        format: "mp3",
        meta: { title: "P" },
        ffmpeg: runner,
        pieceDir,
      });
    const link = join(work, "elsewhere-ffmpeg");
    await symlink(ffmpeg.path, link);
    const here = await build(ffmpeg, "a.mp3");
    const there = await build(createFfmpeg({ ffmpegPath: link }), "b.mp3");
    expect(here.pieces).toEqual({ total: 2, encoded: 2 });
    expect(there.pieces).toEqual({ total: 2, encoded: 0 });
    expect(await readFile(join(work, "b.mp3"))).toEqual(await readFile(join(work, "a.mp3")));
  });
});
