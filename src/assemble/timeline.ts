/**
 * Turns sample positions into the episode's chapters and cues. Times are sample counts divided
 * by the working rate; resampling to 44.1 kHz and encoding keep the length, so they hold in the MP3.
 */
import { WorkError } from "../errors.js";
import type { Clip, Cue, TimedChapter } from "../types.js";
import type { Timeline } from "./concat.js";

export interface EpisodeTimes {
  durationSeconds: number;
  chapters: TimedChapter[];
  cues: Cue[];
}

/**
 * A chapter starts at the first loud sample of its first clip, so a player's jump lands on the
 * spoken heading rather than on the engine's leading silence. Chapters with no clips are left out.
 */
export function timeEpisode(clips: Clip[], chapters: { title: string }[], tl: Timeline): EpisodeTimes {
  const seconds = (samples: number) => samples / tl.rate;
  const cues: Cue[] = clips.map((clip, i) => {
    const start = tl.starts[i] ?? 0;
    return {
      start: seconds(start),
      end: seconds(start + (tl.lengths[i] ?? 0)),
      chapter: clip.utterance.chapter,
      speaker: clip.utterance.speaker,
      text: clip.utterance.text,
    };
  });
  const firstSample = new Map<number, number>();
  clips.forEach((clip, i) => {
    const index = clip.utterance.chapter;
    if (!chapters[index]) {
      throw new WorkError(
        `Clip ${clip.file} belongs to chapter ${index}, but the script has ${chapters.length} chapters; rebuild the script.`,
      );
    }
    if (!firstSample.has(index)) firstSample.set(index, (tl.starts[i] ?? 0) + (tl.onsets[i] ?? 0));
  });
  const starts = [...firstSample.entries()].sort((a, b) => a[0] - b[0]);
  for (let k = 1; k < starts.length; k++) {
    const [index, at] = starts[k] as [number, number];
    if (at < (starts[k - 1] as [number, number])[1]) {
      throw new WorkError(
        `Chapter ${index} ("${chapters[index]?.title}") starts before the chapter ahead of it; clips are out of order.`,
      );
    }
  }
  const durationSeconds = seconds(tl.totalSamples);
  const timed: TimedChapter[] = starts.map(([index, at], k) => {
    const next = starts[k + 1];
    return {
      title: chapters[index]?.title ?? "",
      start: seconds(at),
      end: next ? seconds(next[1]) : durationSeconds,
    };
  });
  return { durationSeconds, chapters: timed, cues };
}
