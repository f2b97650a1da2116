import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseFile } from "music-metadata";
import { beforeAll, describe, expect, it } from "vitest";
import type { EpisodeManifest } from "../../src/types.js";
import { decode, ffmpeg } from "../assemble/helpers.js";
import { medianPitch } from "../synthesize/pitch.js";
import { presscast } from "./helpers.js";
import { listen } from "./listening.js";

/**
 * The seed article built by the real command with the real engines and
 * ffmpeg, then read back the way a listener's software would — music-metadata, ffprobe and
 * mutagen (Debian's, installed by .ci/run), a decode for onsets and voices, ebur128 for loudness.
 */
const work = mkdtempSync(join(tmpdir(), "presscast-e2e-"));
const output = join(work, "output");
const cache = join(work, "cache");

interface BuildJson {
  episodes: Array<{
    title: string;
    audio: string;
    manifest: string;
    synthesized: number;
    cached: number;
    unchanged: boolean;
    pieces?: { total: number; encoded: number };
  }>;
}

const build = async (...args: string[]) => {
  const result = await presscast(["build", ...args, "-o", output, "--cache-dir", cache, "--json"]);
  expect(result.stderr, result.stderr).not.toContain("unexpected failure");
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as BuildJson;
};

const CHAPTERS = [
  "The CSTO is monitoring the processes in Europe in connection with the adjustment of the US exchange rate",
  "Proposals to reduce defense spending are still in the nature of statements",
  "The CSTO is carefully studying the activities of NATO",
  "We maintain working contacts with Yerevan",
];

describe("presscast build examples/csto-interview.txt", () => {
  let first: BuildJson;
  let mp3: string;
  let manifest: EpisodeManifest;

  beforeAll(async () => {
    first = await build("examples/csto-interview.txt");
    mp3 = first.episodes[0]?.audio ?? "";
    manifest = JSON.parse(readFileSync(first.episodes[0]?.manifest ?? "", "utf8")) as EpisodeManifest;
  }, 600_000);

  it("writes the MP3 and its files, and synthesizes every utterance", () => {
    expect(first.episodes).toHaveLength(1);
    expect(first.episodes[0]?.synthesized).toBeGreaterThan(50);
    const names = readdirSync(join(output, "episodes"));
    const slug = manifest.slug;
    for (const ext of [
      ".mp3",
      ".json",
      ".script.json",
      ".vtt",
      ".srt",
      ".chapters.json",
      ".transcript.json",
    ]) {
      expect(names).toContain(`${slug}${ext}`);
    }
    expect(names.filter((n) => n.includes(".part") || n.startsWith("."))).toEqual([]);
    expect(existsSync(join(output, "feed.xml"))).toBe(true);
  });

  it("has four chapters that music-metadata reads with the right titles", async () => {
    const meta = await parseFile(mp3, { includeChapters: true });
    expect(meta.format.chapters?.map((c) => c.title)).toEqual(CHAPTERS);
    expect(meta.common.title).toBe(CHAPTERS[0]);
    expect(meta.common.genre).toEqual(["Podcast"]);
    expect(meta.format.duration).toBeCloseTo(manifest.durationSeconds, 0);
    expect(meta.format.sampleRate).toBe(44100);
    expect(meta.format.numberOfChannels).toBe(1);
  });

  it("has cover art: feed.xml links a square 1400-3000 px cover and the MP3's APIC is that image", () => {
    const feed = readFileSync(join(output, "feed.xml"), "utf8");
    const href = /<itunes:image href="([^"]+)"\/>/.exec(feed)?.[1] ?? "";
    expect(href).toMatch(/\.(jpg|png)$/);
    const cover = join(output, href);
    const probe = spawnSync("ffprobe", ["-v", "error", "-show_streams", "-of", "json", cover], {
      encoding: "utf8",
    });
    const [stream] = (JSON.parse(probe.stdout) as { streams: Array<{ width: number; height: number }> })
      .streams;
    expect(stream?.width).toBe(stream?.height);
    expect(stream?.width).toBeGreaterThanOrEqual(1400);
    expect(stream?.width).toBeLessThanOrEqual(3000);
    const script = [
      "import sys, hashlib, mutagen.id3 as m",
      "t = m.ID3(sys.argv[1])",
      "[pic] = t.getall('APIC')",
      "print(t.version[1], int(pic.type), pic.mime, hashlib.sha256(pic.data).hexdigest(), t.getall('TALB')[0].text[0], t.getall('TPE1')[0].text[0])",
    ].join("\n");
    const mutagen = spawnSync("/usr/bin/python3", ["-c", script, mp3], { encoding: "utf8" });
    expect(mutagen.status, mutagen.stderr).toBe(0);
    const [version, type, mime, hash, album, artist] = mutagen.stdout.trim().split(" ");
    expect(version).toBe("3");
    expect(type).toBe("3"); // front cover
    expect(mime).toBe(href.endsWith(".png") ? "image/png" : "image/jpeg");
    expect(hash).toBe(createHash("sha256").update(readFileSync(cover)).digest("hex"));
    expect(album).toBe("presscast");
    expect(artist).toBe("presscast");
  });

  it("has the same chapters for ffprobe and a top-level ordered CTOC for mutagen", () => {
    const probe = spawnSync("ffprobe", ["-v", "error", "-show_chapters", "-of", "json", mp3], {
      encoding: "utf8",
    });
    expect(probe.status, "Debian's ffprobe is needed: .ci/run installs ffmpeg").toBe(0);
    const chapters = (JSON.parse(probe.stdout) as { chapters: Array<{ tags: { title: string } }> }).chapters;
    expect(chapters.map((c) => c.tags.title)).toEqual(CHAPTERS);
    const script = [
      "import sys, mutagen.id3 as m",
      "t = m.ID3(sys.argv[1])",
      "[toc] = t.getall('CTOC')",
      "print(int(toc.flags), ','.join(toc.child_element_ids), ','.join(c.sub_frames['TIT2'].text[0] for c in sorted(t.getall('CHAP'), key=lambda c: c.start_time)))",
    ].join("\n");
    const mutagen = spawnSync("/usr/bin/python3", ["-c", script, mp3], { encoding: "utf8" });
    expect(mutagen.status, `Debian's python3-mutagen is needed: ${mutagen.stderr}`).toBe(0);
    const [flags, children] = mutagen.stdout.trim().split(" ", 2);
    expect(Number(flags) & 3).toBe(3); // top-level and ordered
    expect(children?.split(",")).toHaveLength(4);
    expect(mutagen.stdout).toContain(CHAPTERS.slice(1).join(","));
  });

  it("starts each chapter 50–700 ms before its heading's first sound, the same in every published file", async () => {
    // In the pause before the heading, so a player that decodes the first frame after a seek muted
    // loses no syllable (this replaces the old rule of a marker on the first sound itself).
    const heard = await listen(first.episodes[0]?.manifest ?? "");
    console.log("seed marker leads (s):", heard.markerLeads);
    expect(heard.markerLeads).toHaveLength(4);
    for (const lead of heard.markerLeads) {
      expect(lead).toBeGreaterThanOrEqual(0.05);
      expect(lead).toBeLessThanOrEqual(0.7);
    }
    const starts = manifest.chapters.map((c) => c.start);
    const meta = await parseFile(mp3, { includeChapters: true });
    const id3 = (meta.format.chapters ?? []).map((c) => c.start);
    const json = JSON.parse(
      readFileSync(join(output, "episodes", `${manifest.slug}.chapters.json`), "utf8"),
    ) as {
      chapters: Array<{ startTime: number }>;
    };
    starts.forEach((start, k) => {
      expect(Math.abs((id3[k] ?? 0) - start)).toBeLessThanOrEqual(0.001);
      expect(Math.abs((json.chapters[k]?.startTime ?? 0) - start)).toBeLessThanOrEqual(0.001);
    });
  });

  it("levels every speaker within 1 LU and keeps every pause within ±40 ms, at -16 ±0.5 LUFS", async () => {
    const heard = await listen(first.episodes[0]?.manifest ?? "");
    console.log("seed episode:", heard.speakers, `${heard.lufs} LUFS, ${heard.peak} dBTP`);
    expect(heard.speakers.size).toBe(3);
    expect(heard.spread).toBeLessThanOrEqual(1);
    for (const { error, pause, voice } of heard.pauseErrors)
      expect(Math.abs(error), `${pause} ms pause after ${voice}`).toBeLessThanOrEqual(0.04);
    expect(Math.abs(heard.lufs + 16)).toBeLessThanOrEqual(0.5);
    expect(heard.peak).toBeLessThanOrEqual(-1.5);
  });

  it("opens with the narrator's intro (title, who speaks) and ends with the outro and a second of silence", async () => {
    const heard = await listen(first.episodes[0]?.manifest ?? "");
    expect(heard.cues.slice(0, 2).map((cue) => [cue.speaker, cue.chapter, cue.text])).toEqual([
      ["narrator", 0, `${CHAPTERS[0]}.`],
      ["narrator", 0, "Imangali Tasmagambetov, interviewed by Izvestia."],
    ]);
    expect(heard.cues.at(-1)?.text).toBe("It came from Izvestia.");
    expect(heard.trailingSilence).toBeGreaterThanOrEqual(1);
  });

  it("is at -16 ±1 LUFS with a true peak at most -1 dBTP", async () => {
    const { stderr } = await ffmpeg.run(["-i", mp3, "-af", "ebur128=peak=true", "-f", "null", "-"], {
      what: "measuring",
    });
    const summary = stderr.slice(stderr.lastIndexOf("Summary:"));
    const integrated = Number(/I:\s+(-?[\d.]+) LUFS/.exec(summary)?.[1]);
    const peak = Number(/True peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS/.exec(summary)?.[1]);
    expect(Math.abs(integrated + 16)).toBeLessThanOrEqual(1);
    expect(peak).toBeLessThanOrEqual(-1);
  });

  it("gives narrator, host and guest three voices whose audio differs", async () => {
    const pcm = await decode(mp3, 16000);
    const pitchOf = (speaker: string) => {
      const parts = manifest.cues.filter((c) => c.speaker === speaker).slice(0, 6);
      const samples = parts.flatMap((c) =>
        Array.from(pcm.subarray(Math.round(c.start * 16000), Math.round(c.end * 16000))),
      );
      return medianPitch({ sampleRate: 16000, samples: Int16Array.from(samples) });
    };
    const voices = new Set(manifest.speakers.map((s) => `${s.engine}/${s.voice}`));
    expect(voices.size).toBe(3);
    const [narrator, host, guest] = ["narrator", "host", "guest"].map(pitchOf) as [number, number, number];
    const apart = (a: number, b: number) => Math.abs(a - b) / Math.min(a, b);
    expect(apart(narrator, host)).toBeGreaterThan(0.1);
    expect(apart(narrator, guest)).toBeGreaterThan(0.1);
    expect(apart(host, guest)).toBeGreaterThan(0.1);
  });

  it("does nothing on an identical rebuild; one edit re-synthesizes one utterance and re-encodes one or two MP3 pieces", async () => {
    const again = await build("examples/csto-interview.txt");
    expect(again.episodes[0]).toMatchObject({ synthesized: 0, unchanged: true });
    const text = (await presscast(["script", "examples/csto-interview.txt"])).stdout;
    const edited = join(work, "edited.script");
    writeFileSync(
      edited,
      text.replace(
        "Such concern is natural and understandable.",
        "Such concern is natural and easy to understand.",
      ),
    );
    const rebuilt = await build(edited);
    expect(rebuilt.episodes[0]).toMatchObject({ synthesized: 1, unchanged: false });
    expect(rebuilt.episodes[0]?.audio).toBe(mp3);
    // The first build encoded every piece; this one only the piece holding the edited sentence,
    // and its neighbour when the edited sentence was where a content-chosen cut fell.
    expect(rebuilt.episodes[0]?.pieces?.total).toBeGreaterThanOrEqual(4);
    expect(rebuilt.episodes[0]?.pieces?.encoded).toBeGreaterThanOrEqual(1);
    expect(rebuilt.episodes[0]?.pieces?.encoded).toBeLessThanOrEqual(2);
  });
});
