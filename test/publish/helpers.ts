/**
 * Test helpers: real MP3 files from ffmpeg's lavfi sine source, and episode manifests with fixed
 * dates and times, written the way a finished build writes them.
 */
import { execFile } from "node:child_process";
import { mkdir, readFile, stat, truncate } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { promisify } from "node:util";
import { writeEpisodeFiles } from "../../src/publish/publish.js";
import type { EpisodeManifest } from "../../src/types.js";

const run = promisify(execFile);
const ffmpegPath = (createRequire(import.meta.url)("@ffmpeg-installer/ffmpeg") as { path: string }).path;

export const HOSTILE = `<script>alert(1)</script> & "Q&A" ]]>`;

/** A mono MP3 of a sine tone, `seconds` long; returns its size in bytes. */
export async function makeMp3(file: string, seconds: number, freq = 440): Promise<number> {
  await run(ffmpegPath, [
    "-hide_banner",
    "-loglevel",
    "error",
    "-y",
    "-f",
    "lavfi",
    "-i",
    `sine=frequency=${freq}:sample_rate=22050:duration=${seconds}`,
    "-ac",
    "1",
    "-b:a",
    "48k",
    file,
  ]);
  return (await stat(file)).size;
}

/** An image made by ffmpeg (not by presscast): `width`×`height` of one colour, as JPEG or PNG by extension. */
export async function makeImage(
  file: string,
  width: number,
  height: number,
  color = "0x336699",
): Promise<void> {
  await run(ffmpegPath, [
    "-hide_banner",
    "-loglevel",
    "error",
    "-y",
    "-f",
    "lavfi",
    "-i",
    `color=c=${color}:s=${width}x${height}`,
    "-frames:v",
    "1",
    file,
  ]);
}

/**
 * A fixed two-chapter interview manifest: a narrator, a named host and a named guest, with a
 * long sentence (wrapping), a `-->`, a control character and a line break in the text.
 */
export function sampleManifest(over: Partial<EpisodeManifest> = {}): EpisodeManifest {
  const slug = over.slug ?? "sample-episode";
  return {
    slug,
    title: "The River Project",
    guid: "0b6f1f1e-5d1a-5b7e-9a53-0d3f4b2b8c11",
    source: ["articles/river.md"],
    language: "en",
    description: "How a town rebuilt its river.",
    byline: "Ada Writer",
    url: "https://news.example.org/river",
    published: "2024-03-01T08:00:00.000Z",
    speakers: [
      { id: "narrator", role: "narrator", engine: "flite", voice: "slt" },
      { id: "host", role: "host", name: "Maria Lopez", engine: "flite", voice: "awb" },
      { id: "guest", role: "guest", name: "Dr. Sam Okafor", engine: "flite", voice: "rms" },
    ],
    durationSeconds: 3,
    audio: { file: `${slug}.mp3`, bytes: 0, type: "audio/mpeg" },
    chapters: [
      { title: "Introduction", start: 0, end: 1.25 },
      { title: "The interview", start: 1.25, end: 3 },
    ],
    cues: [
      { start: 0, end: 0.6, chapter: 0, speaker: "narrator", text: "The River Project." },
      {
        start: 0.6,
        end: 1.25,
        chapter: 0,
        speaker: "narrator",
        text: "A long sentence that goes on well past the sixty-five characters a caption line may hold, so it wraps.",
      },
      { start: 1.25, end: 1.9, chapter: 1, speaker: "host", text: "Why rivers --> towns?\n\nTell\u0007 us." },
      { start: 1.9, end: 3, chapter: 1, speaker: "guest", text: "Because water & people <meet> there." },
    ],
    ...over,
  };
}

/** Write an episode the way a build would: its MP3 and then its manifest and companion files. */
export async function writeEpisode(
  outputDir: string,
  over: Partial<EpisodeManifest> = {},
  seconds = 3,
): Promise<EpisodeManifest> {
  const dir = join(outputDir, "episodes");
  await mkdir(dir, { recursive: true });
  const base = sampleManifest(over);
  const bytes = await makeMp3(join(dir, base.audio.file), seconds);
  const manifest = { ...base, durationSeconds: seconds, audio: { ...base.audio, bytes } };
  await writeEpisodeFiles(dir, manifest);
  return manifest;
}

/** A stand-in for a published episode's audio: a short tone, padded to the size its manifest records. */
export async function standInAudio(manifestFile: string, audioFile: string): Promise<void> {
  await makeMp3(audioFile, 1);
  const { audio } = JSON.parse(await readFile(manifestFile, "utf8")) as { audio: { bytes: number } };
  await truncate(audioFile, audio.bytes);
}
