/**
 * Small text helpers shared by the transcript, feed and player writers: article text is
 * untrusted, so every writer starts from the same cleaned, single-line form of it.
 */
import type { EpisodeManifest, Role } from "../types.js";

/** Control characters, line and paragraph separators and XML's non-characters: never kept. */
const CONTROL = /[\p{Cc}\u2028\u2029\uFFFE\uFFFF]/gu;
/** A UTF-16 surrogate without its partner: not text, and not allowed in XML. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * One line of readable text: control characters and line breaks become spaces, runs of white
 * space collapse, and `-->` (the cue-timing arrow of VTT and SRT) is broken up.
 */
export function cleanText(text: string): string {
  return text
    .replace(LONE_SURROGATE, "\uFFFD")
    .replace(CONTROL, " ")
    .replace(/\s+/g, " ")
    .replace(/-{2,}>/g, "->")
    .trim();
}

const ROLE_LABEL: Record<Role, string> = {
  narrator: "Narrator",
  host: "Host",
  guest: "Guest",
  speaker: "Speaker",
};

/** The name a listener sees for a speaker id: its name, else its role ("Narrator", "Host"). */
export function speakerLabel(m: EpisodeManifest, id: string): string {
  const speaker = m.speakers.find((s) => s.id === id);
  const name = speaker?.name ? cleanText(speaker.name) : "";
  if (name) return name;
  if (speaker)
    return speaker.role === "speaker" ? titleCase(cleanText(speaker.id)) : ROLE_LABEL[speaker.role];
  return titleCase(cleanText(id)) || "Speaker";
}

function titleCase(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `H:MM:SS`-style clock for chapter lists: always two-digit hours, minutes, seconds. */
export function clock(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds + 1e-6));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return [h, m, s].map((n) => String(n).padStart(2, "0")).join(":");
}

/** A time with millisecond precision, `HH:MM:SS<sep>mmm` (`.` for WebVTT, `,` for SRT). */
export function timestamp(seconds: number, separator: "." | ","): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(h)}:${pad(m)}:${pad(s)}${separator}${pad(ms % 1000, 3)}`;
}

/** Seconds rounded to milliseconds, for JSON outputs. */
export function roundMs(seconds: number): number {
  return Math.round(Math.max(0, seconds) * 1000) / 1000;
}

/**
 * Split `text` into lines of at most `width` units at word boundaries, where `measure` gives a
 * piece's length as it will be written (so `&amp;` counts as five). The first line may be given
 * less room (`firstWidth`) for a prefix. A word longer than the room it has is cut between
 * characters.
 */
export function wrap(
  text: string,
  width: number,
  measure: (piece: string) => number = (piece) => piece.length,
  firstWidth = width,
): string[] {
  const lines: string[] = [];
  let line = "";
  const room = () => (lines.length === 0 ? firstWidth : width);
  for (const word of text.split(" ").filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (measure(candidate) <= room()) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = "";
    for (const char of word) {
      if (line && measure(line + char) > room()) {
        lines.push(line);
        line = "";
      }
      line += char;
    }
  }
  if (line) lines.push(line);
  return lines;
}
