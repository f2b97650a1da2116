/**
 * What a listener would check in a built episode, measured in its decoded MP3: each speaker's
 * loudness (over that speaker's cue stretches), every pause between sounds against the profile's,
 * where each chapter marker falls before its heading's first sound, and the whole file's loudness.
 */
import { readFileSync } from "node:fs";
import { loadVoices } from "../../src/episode/voices.js";
import { announcements } from "../../src/speech/announce.js";
import { toUtterances } from "../../src/speech/utterances.js";
import type { EpisodeManifest, Script } from "../../src/types.js";
import { decode } from "../assemble/helpers.js";
import {
  lastSoundEnd,
  loudnessOf,
  markerLeads,
  measuredGaps,
  soundWindows,
  speakerLoudness,
} from "../assemble/listening.js";

export interface Listening {
  speakers: Map<string, number>;
  /** Loudest speaker minus quietest, LU. */
  spread: number;
  /** Measured gap minus the profile's pause, seconds, one per pair of consecutive cues. */
  pauseErrors: Array<{ error: number; pause: number; voice: string }>;
  /** Seconds from each chapter marker to its heading's first sound. */
  markerLeads: number[];
  lufs: number;
  peak: number;
  /** Seconds from the last sound to the end of the file. */
  trailingSilence: number;
  cues: EpisodeManifest["cues"];
  chapters: EpisodeManifest["chapters"];
}

/** Measures the episode whose manifest is `manifestPath` (voices from the default profile). */
export async function listen(manifestPath: string): Promise<Listening> {
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as EpisodeManifest;
  const base = manifestPath.replace(/\.json$/, "");
  const script = JSON.parse(readFileSync(`${base}.script.json`, "utf8")) as Script;
  const voices = await loadVoices(undefined);
  // The default profile and no podcast config: the built-in intro and outro.
  const utterances = toUtterances(script, voices.profile, {
    lexicon: voices.lexicon,
    maxChars: voices.maxChars,
    announce: announcements(script),
  });
  if (utterances.length !== manifest.cues.length)
    throw new Error(`${utterances.length} utterances but ${manifest.cues.length} cues`);
  const mp3 = `${base}.mp3`;
  const pcm = await decode(mp3);
  const loud = soundWindows(pcm);
  const speakers = await speakerLoudness(pcm, manifest.cues);
  const levels = [...speakers.values()];
  const { lufs, peak } = await loudnessOf(mp3);
  return {
    speakers,
    spread: Math.max(...levels) - Math.min(...levels),
    pauseErrors: measuredGaps(loud, manifest.cues).map((gap, i) => {
      const utterance = utterances[i] as (typeof utterances)[number];
      return {
        error: gap - utterance.pauseAfterMs / 1000,
        pause: utterance.pauseAfterMs,
        voice: utterance.voice.voice,
      };
    }),
    markerLeads: markerLeads(loud, manifest.chapters),
    lufs,
    peak,
    trailingSilence: pcm.length / 44100 - lastSoundEnd(loud, Number.POSITIVE_INFINITY),
    cues: manifest.cues,
    chapters: manifest.chapters,
  };
}
