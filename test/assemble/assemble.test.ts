import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseFile } from "music-metadata";
import NodeID3 from "node-id3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AssembleResult, assemble } from "../../src/assemble/assemble.js";
import { inspect } from "../../src/assemble/inspect.js";
import type { Clip } from "../../src/types.js";
import {
  type ClipSpec,
  cString,
  decode,
  ffmpeg,
  ffmpegChapters,
  makeClips,
  readId3Frames,
} from "./helpers.js";
import { lastSoundEnd, markerLeads, measuredGaps, soundWindows } from "./listening.js";

const TITLES = ["Opening", "The Measurements", "A Question", "Closing"];
// ~60 s of audio: 12 clips of ~4.5 s, mostly 16 kHz (Flite) with two at 22,050 Hz (eSpeak).
const SPECS: ClipSpec[] = Array.from({ length: 12 }, (_, i) => ({
  chapter: Math.min(3, Math.floor(i / 3)),
  rate: i === 4 || i === 9 ? 22050 : 16000,
  leadMs: 80 + 20 * (i % 4),
  toneMs: 4000 + 37 * i,
  freq: 220 + 60 * i,
  amp: 0.08 + 0.01 * (i % 3),
  pauseAfterMs: i % 3 === 2 ? 700 : 300,
  spike: i === 7,
}));

let dir: string;
let work: string;
let clips: Clip[];
let result: AssembleResult;
let output: string;
let elapsed: number;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "presscast-asm-test-"));
  work = join(dir, "work");
  await mkdir(work);
  clips = await makeClips(dir, SPECS);
  const cover = join(dir, "cover.png");
  await ffmpeg.run(["-y", "-f", "lavfi", "-i", "color=c=red:s=64x64", "-frames:v", "1", cover], {
    what: "cover",
  });
  output = join(dir, "out", "episode.mp3");
  const t0 = performance.now();
  result = await assemble(
    clips,
    TITLES.map((title) => ({ title })),
    {
      output,
      format: "mp3",
      meta: {
        title: "Loud and Clear",
        artist: "presscast",
        album: "Test Feed",
        date: "2025-03-12",
        comment: "source: example.txt",
        language: "en",
      },
      cover,
      ffmpeg,
      tmpDir: work,
    },
  );
  elapsed = performance.now() - t0;
  console.log(
    `assembled ${result.durationSeconds.toFixed(1)} s in ${(elapsed / 1000).toFixed(2)} s`,
    result.loudness,
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("assemble to MP3", () => {
  it("trims each clip's silence and leaves exactly its pause between sounds, in the decoded MP3", async () => {
    expect(result.chapters.map((c) => c.title)).toEqual(TITLES);
    // Every chapter starts a piece; the joins must not lengthen the pauses they fall in.
    expect((result.pieces?.total ?? 1) - 1).toBeGreaterThanOrEqual(TITLES.length - 1);
    const loud = soundWindows(await decode(output));
    const gaps = measuredGaps(loud, result.cues);
    gaps.forEach((gap, i) => {
      expect(
        Math.abs(gap - (SPECS[i] as ClipSpec).pauseAfterMs / 1000),
        `gap after clip ${i}`,
      ).toBeLessThanOrEqual(0.04);
    });
    expect(result.cues).toHaveLength(clips.length);
    for (const [i, cue] of result.cues.entries()) {
      // A cue holds its tone and the few milliseconds kept either side of it, not the lead silence.
      const extra = cue.end - cue.start - (SPECS[i] as ClipSpec).toneMs / 1000;
      expect(extra).toBeGreaterThan(-0.011);
      expect(extra).toBeLessThan(0.075);
      expect(cue.start).toBeGreaterThanOrEqual(result.cues[i - 1]?.end ?? 0);
    }
    result.chapters.forEach((c, i) => {
      expect(c.end).toBeCloseTo(result.chapters[i + 1]?.start ?? result.durationSeconds, 6);
    });
    // The episode ends in at least a second of silence.
    expect(result.durationSeconds - lastSoundEnd(loud, Number.POSITIVE_INFINITY)).toBeGreaterThanOrEqual(1);
  });

  it("reads back the same chapters and tags with music-metadata", async () => {
    const meta = await parseFile(output, { includeChapters: true, duration: true });
    expect(meta.format.codec).toMatch(/MPEG 1 Layer 3/);
    expect(meta.format.sampleRate).toBe(44100);
    expect(meta.format.numberOfChannels).toBe(1);
    expect(meta.format.bitrate).toBe(96000);
    expect(Math.abs((meta.format.duration ?? 0) - result.durationSeconds)).toBeLessThan(0.05);
    expect(meta.format.chapters?.map((c) => c.title)).toEqual(TITLES);
    meta.format.chapters?.forEach((c, i) => {
      expect(Math.abs(c.start - (result.chapters[i]?.start ?? 0))).toBeLessThanOrEqual(0.0005);
    });
    const { common } = meta;
    expect([common.title, common.artist, common.album, common.year]).toEqual([
      "Loud and Clear",
      "presscast",
      "Test Feed",
      2025,
    ]);
    expect(common.genre).toEqual(["Podcast"]);
    expect(common.comment?.[0]?.text).toBe("source: example.txt");
    expect(common.language).toBe("eng");
    expect(common.picture?.[0]?.format).toBe("image/png");
  });

  it("reads back the same chapters with ffmpeg's own ID3 reader", async () => {
    const chapters = await ffmpegChapters(output);
    expect(chapters.map((c) => c.title)).toEqual(TITLES);
    chapters.forEach((c, i) => {
      expect(Math.abs(c.start - (result.chapters[i]?.start ?? 0))).toBeLessThanOrEqual(0.001);
      expect(Math.abs(c.end - (result.chapters[i]?.end ?? 0))).toBeLessThanOrEqual(0.001);
    });
  });

  it("writes ID3v2.3 with one top-level, ordered CTOC listing every CHAP in order", async () => {
    const { version, frames } = await readId3Frames(output);
    expect(version).toBe(3);
    const chapIds = frames.filter((f) => f.id === "CHAP").map((f) => cString(f.body, 0)[0]);
    expect(chapIds).toEqual(["chp0", "chp1", "chp2", "chp3"]);
    const tocs = frames.filter((f) => f.id === "CTOC");
    expect(tocs).toHaveLength(1);
    const body = (tocs[0] as { body: Buffer }).body;
    let [, at] = cString(body, 0);
    const flags = body[at] ?? 0;
    expect(flags & 0b10).toBe(0b10); // top-level
    expect(flags & 0b01).toBe(0b01); // ordered
    const count = body[at + 1] ?? 0;
    at += 2;
    const listed: string[] = [];
    for (let k = 0; k < count; k++) {
      const [id, next] = cString(body, at);
      listed.push(id);
      at = next;
    }
    expect(listed).toEqual(chapIds);
    const read = NodeID3.read(output);
    expect(read.tableOfContents?.[0]?.isOrdered).toBe(true);
    expect(read.chapter?.map((c) => c.tags?.title)).toEqual(TITLES);
  });

  it("starts every chapter 50–700 ms before its first sound, in the decoded MP3", async () => {
    const pcm = await decode(output);
    expect(Math.abs(pcm.length / 44100 - result.durationSeconds)).toBeLessThan(0.03);
    for (const lead of markerLeads(soundWindows(pcm), result.chapters)) {
      expect(lead).toBeGreaterThanOrEqual(0.05);
      expect(lead).toBeLessThanOrEqual(0.7);
    }
  });

  it("normalises to -16 ±0.5 LUFS with true peak ≤ -1.5 dBTP, linearly", async () => {
    // The clips were limited as they were levelled; the episode needs no limiter of its own.
    expect(result.loudness.limiter).toBe(false);
    expect(result.loudness.mode).toBe("linear");
    const info = await inspect(output, ffmpeg);
    console.log("MP3 loudness", info.loudness);
    expect(Math.abs(info.loudness.integrated + 16)).toBeLessThanOrEqual(0.5);
    expect(info.loudness.truePeak).toBeLessThanOrEqual(-1.5);
    expect(info.chapters.map((c) => c.title)).toEqual(TITLES);
    expect(info.bitrate).toBe(96000);
  });

  it("leaves no temporary files behind", async () => {
    expect(await readdir(join(dir, "out"))).toEqual(["episode.mp3"]);
    expect(await readdir(work)).toEqual([]);
    expect(result.bytes).toBeGreaterThan(0.9 * ((96000 / 8) * result.durationSeconds));
  });

  // Third reader: mutagen (Debian's python3-mutagen, which .ci/run installs; required there).
  it.skipIf(!mutagenPython() && !process.env.PRESSCAST_CI)(
    "reads back the same chapters with mutagen",
    () => {
      const script = [
        "import json, sys",
        "from mutagen.id3 import ID3",
        "tag = ID3(sys.argv[1])",
        "toc = tag.getall('CTOC')[0]",
        "chaps = {c.element_id: c for c in tag.getall('CHAP')}",
        "out = {'flags': int(toc.flags), 'ids': toc.child_element_ids,",
        "  'chapters': [[chaps[i].sub_frames['TIT2'].text[0], chaps[i].start_time, chaps[i].end_time] for i in toc.child_element_ids]}",
        "print(json.dumps(out))",
      ].join("\n");
      const out = JSON.parse(
        execFileSync(mutagenPython() ?? "/usr/bin/python3", ["-c", script, output], { encoding: "utf8" }),
      );
      expect(out.flags & 3).toBe(3);
      expect(out.chapters.map((c: [string]) => c[0])).toEqual(TITLES);
      out.chapters.forEach((c: [string, number, number], i: number) => {
        expect(c[1]).toBe(Math.round((result.chapters[i]?.start ?? 0) * 1000));
        expect(c[2]).toBe(Math.round((result.chapters[i]?.end ?? 0) * 1000));
      });
    },
  );

  it("assembles the whole ~60 s of audio", () => {
    expect(result.durationSeconds).toBeGreaterThan(55);
  });
});

/** A Python that can import mutagen: Debian's (apt python3-mutagen) or the one on PATH. */
function mutagenPython(): string | undefined {
  for (const python of ["/usr/bin/python3", "python3"]) {
    try {
      execFileSync(python, ["-c", "import mutagen"], { stdio: "ignore" });
      return python;
    } catch {
      // try the next one
    }
  }
  return undefined;
}
