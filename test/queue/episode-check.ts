/**
 * What a listener's software would check in an episode a worker published, measured in the
 * MP3 itself: it decodes from end to end without an error, lasts as long as its manifest says,
 * carries the manifest's chapters, and is levelled like every build (-16 LUFS, peaks ≤ -1.5 dBTP).
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { EpisodeManifest } from "../../src/types.js";
import { decode, ffmpeg, ffmpegChapters } from "../assemble/helpers.js";
import { loudnessOf } from "../assemble/listening.js";

export interface Heard {
  manifest: EpisodeManifest;
  /** ffmpeg's complaints while decoding the whole file (empty for a whole MP3). */
  decodeErrors: string;
  /** Decoded length, seconds. */
  seconds: number;
  chapters: Array<{ title: string; start: number; end: number }>;
  lufs: number;
  peak: number;
}

export async function hear(manifestPath: string): Promise<Heard> {
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as EpisodeManifest;
  const mp3 = join(dirname(manifestPath), manifest.audio.file);
  const { stderr } = await ffmpeg.run(["-v", "error", "-i", mp3, "-f", "null", "-"], {
    what: `decoding ${mp3}`,
  });
  const pcm = await decode(mp3);
  const { lufs, peak } = await loudnessOf(mp3);
  return {
    manifest,
    decodeErrors: stderr.trim(),
    seconds: pcm.length / 44100,
    chapters: await ffmpegChapters(mp3),
    lufs,
    peak,
  };
}
