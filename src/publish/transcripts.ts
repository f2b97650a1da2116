/**
 * Transcripts beside the audio: WebVTT (players and browsers), SRT (older apps) and the
 * Podcasting 2.0 JSON transcript. One cue per spoken sentence, timed from the manifest's cues
 * (which assemble counted from samples), each naming its speaker.
 */
import type { Cue, EpisodeManifest } from "../types.js";
import { cleanText, roundMs, speakerLabel, timestamp, wrap } from "./display-text.js";

/** Longest caption line, in characters as written. */
export const MAX_LINE = 65;
/** Longest speaker name (as written) inside a `<v …>` tag, so the tag never crowds out the caption. */
const MAX_VOICE = 24;

interface CleanCue {
  start: number;
  end: number;
  speaker: string;
  text: string;
}

/** The cues worth writing: text cleaned, empty ones dropped, end never before start. */
function cleanCues(m: EpisodeManifest): CleanCue[] {
  return m.cues
    .map((cue: Cue) => ({
      start: cue.start,
      end: Math.max(cue.start, cue.end),
      speaker: speakerLabel(m, cue.speaker),
      text: cleanText(cue.text),
    }))
    .filter((cue) => cue.text.length > 0);
}

const VTT_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/** Text escaped for a WebVTT cue payload or voice annotation. */
export function escapeVtt(text: string): string {
  return text.replace(/[&<>]/g, (c) => VTT_ESCAPES[c] ?? c);
}

/**
 * WebVTT with `<v Speaker>` voice tags. Every line (tag included) is at most 65 characters as
 * written, text is escaped, and no cue has a blank line or a `-->`.
 */
export function toVtt(m: EpisodeManifest): string {
  const blocks = cleanCues(m).map((cue, index) => {
    const voice = voiceName(cue.speaker);
    const tag = `<v ${voice}>`;
    const lines = wrap(cue.text, MAX_LINE, (piece) => escapeVtt(piece).length, MAX_LINE - tag.length);
    const body = lines.map((line, i) => (i === 0 ? tag : "") + escapeVtt(line)).join("\n");
    return `${index + 1}\n${timestamp(cue.start, ".")} --> ${timestamp(cue.end, ".")}\n${body}`;
  });
  const source = webSource(m);
  // A NOTE block is WebVTT's comment: the article's address travels with its captions.
  const note = source ? [`NOTE\nSource: ${source.replace(/-->/g, "--&gt;")}`] : [];
  return `${["WEBVTT", ...note, ...blocks].join("\n\n")}\n`;
}

/** The article's web address, when it came from one. */
function webSource(m: EpisodeManifest): string | undefined {
  return m.url && /^https?:\/\/[^\s]+$/i.test(m.url) ? m.url : undefined;
}

/** The speaker's name escaped for a voice tag, cut at a character (never inside `&amp;`). */
function voiceName(name: string): string {
  let out = "";
  for (const char of name) {
    const next = out + escapeVtt(char);
    if (next.length > MAX_VOICE) break;
    out = next;
  }
  return out.trim();
}

/**
 * SRT: the same cues, with the speaker's name before the text ("Name: …"), since SRT has no
 * voice tags. SRT has no escaping either; `<` becomes a look-alike angle quote so no player
 * reads article text as a formatting tag such as `<i>`.
 */
export function toSrt(m: EpisodeManifest): string {
  const blocks = cleanCues(m).map((cue, index) => {
    const text = `${cue.speaker}: ${cue.text}`.replace(/</g, "‹");
    const body = wrap(text, MAX_LINE).join("\n");
    return `${index + 1}\n${timestamp(cue.start, ",")} --> ${timestamp(cue.end, ",")}\n${body}`;
  });
  return `${blocks.join("\n\n")}\n`;
}

/** A Podcasting 2.0 JSON transcript segment. */
export interface TranscriptSegment {
  speaker: string;
  startTime: number;
  endTime: number;
  body: string;
}

/** The Podcasting 2.0 JSON transcript (`application/json`), as file text. */
export function toTranscriptJson(m: EpisodeManifest): string {
  const segments: TranscriptSegment[] = cleanCues(m).map((cue) => ({
    speaker: cue.speaker,
    startTime: roundMs(cue.start),
    endTime: roundMs(cue.end),
    body: cue.text,
  }));
  const source = webSource(m);
  return `${JSON.stringify({ version: "1.0.0", ...(source ? { source } : {}), segments }, null, 2)}\n`;
}
