/**
 * Measures a finished episode the way a listener hears it: decode the real file, find sound and
 * silence in 10 ms windows (RMS above -45 dBFS is sound), and measure loudness with ffmpeg's own
 * EBU R128 meter, independent of presscast's.
 */
import type { Cue, TimedChapter } from "../../src/types.js";
import { ffmpeg } from "./helpers.js";

export const RATE = 44100;
const WINDOW = Math.round(RATE * 0.01);
const SOUND_DBFS = -45;

/** True for each 10 ms window (aligned to the start of the audio) louder than -45 dBFS RMS. */
export function soundWindows(pcm: Int16Array): boolean[] {
  const loud: boolean[] = [];
  const floor = 32768 ** 2 * 10 ** (SOUND_DBFS / 10);
  for (let start = 0; start + WINDOW <= pcm.length; start += WINDOW) {
    let sum = 0;
    for (let i = start; i < start + WINDOW; i++) sum += (pcm[i] ?? 0) ** 2;
    loud.push(sum / WINDOW > floor);
  }
  return loud;
}

/** Seconds at which the first window of sound at or after `seconds` begins (Infinity if none). */
export function firstSound(loud: boolean[], seconds: number): number {
  for (let w = Math.max(0, Math.floor((seconds * RATE) / WINDOW)); w < loud.length; w++)
    if (loud[w]) return (w * WINDOW) / RATE;
  return Number.POSITIVE_INFINITY;
}

/** Seconds at which the last window of sound before `seconds` ends (-Infinity if none). */
export function lastSoundEnd(loud: boolean[], seconds: number): number {
  for (let w = Math.min(loud.length, Math.floor((seconds * RATE) / WINDOW)) - 1; w >= 0; w--)
    if (loud[w]) return ((w + 1) * WINDOW) / RATE;
  return Number.NEGATIVE_INFINITY;
}

/**
 * The silence between each cue and the next, measured in the audio: from the last sound before the
 * next cue's start to the first sound after it. A cue time that falls inside speech shows up as a
 * gap far shorter than the pause.
 */
export function measuredGaps(loud: boolean[], cues: Cue[]): number[] {
  return cues.slice(1).map((cue) => firstSound(loud, cue.start) - lastSoundEnd(loud, cue.start));
}

/** Seconds from each chapter's start to the first sound of its heading (positive: before it). */
export function markerLeads(loud: boolean[], chapters: TimedChapter[]): number[] {
  return chapters.map((chapter) => firstSound(loud, chapter.start) - chapter.start);
}

/** Integrated loudness (LUFS) and true peak (dBTP) of a file or of raw 44.1 kHz PCM, by ffmpeg's ebur128. */
export async function loudnessOf(input: string | Int16Array): Promise<{ lufs: number; peak: number }> {
  const source =
    typeof input === "string"
      ? ["-i", input]
      : ["-f", "s16le", "-ar", String(RATE), "-ac", "1", "-i", "pipe:0"];
  const { stderr } = await ffmpeg.run([...source, "-af", "ebur128=peak=true", "-f", "null", "-"], {
    what: "measuring loudness",
    ...(typeof input === "string"
      ? {}
      : { stdin: Buffer.from(input.buffer, input.byteOffset, input.byteLength) }),
  });
  const summary = stderr.slice(stderr.lastIndexOf("Summary:"));
  return {
    lufs: Number(/I:\s+(-?[\d.]+) LUFS/.exec(summary)?.[1]),
    peak: Number(/True peak:\s+Peak:\s+(-?[\d.]+|-inf) dBFS/.exec(summary)?.[1]),
  };
}

/** Each speaker's integrated loudness, over that speaker's stretches of the decoded audio. */
export async function speakerLoudness(pcm: Int16Array, cues: Cue[]): Promise<Map<string, number>> {
  const bySpeaker = new Map<string, Int16Array[]>();
  for (const cue of cues) {
    const part = pcm.subarray(Math.round(cue.start * RATE), Math.round(cue.end * RATE));
    bySpeaker.set(cue.speaker, [...(bySpeaker.get(cue.speaker) ?? []), part]);
  }
  const result = new Map<string, number>();
  for (const [speaker, parts] of bySpeaker) {
    const joined = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const part of parts) {
      joined.set(part, at);
      at += part.length;
    }
    result.set(speaker, (await loudnessOf(joined)).lufs);
  }
  return result;
}
