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

/** How long before its heading's first sound a chapter marker sits, at most. default: 0.3 s */
export const MARKER_LEAD_SECONDS = 0.3;

/**
 * A chapter starts in the pause before its heading: MARKER_LEAD_SECONDS before the heading's first
 * sound, or halfway into a shorter pause. A player seeking to a chapter lands on an MP3 frame and
 * may decode that first frame muted, so a marker on the sound itself would lose the first syllable.
 * The first chapter starts at 0, in the silence the episode opens with. Chapters with no clips
 * are left out.
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
    if (firstSample.has(index)) return;
    const sound = (tl.starts[i] ?? 0) + (tl.onsets[i] ?? 0);
    if (i === 0) {
      firstSample.set(index, 0);
      return;
    }
    const silenceFrom = (tl.starts[i - 1] ?? 0) + (tl.lengths[i - 1] ?? 0);
    const lead = Math.min(Math.round(MARKER_LEAD_SECONDS * tl.rate), Math.floor((sound - silenceFrom) / 2));
    firstSample.set(index, sound - Math.max(0, lead));
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
