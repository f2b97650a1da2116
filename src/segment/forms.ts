import type { Block } from "../types.js";

/** The paragraph-level blocks that carry speech (headings and breaks are structure). */
export type TextBlock = Extract<Block, { text: string }>;

const DASH = /^(?:[—–―]\s*|-\s+)(?=\S)/u;
/** "Q: …", "Q. …", "Question: …": a label, then a space and the turn's own text. */
const QUESTION = /^(?:Q|Question)\s*[:.]\s+(?=\S)/i;
const ANSWER = /^(?:A|Answer)\s*[:.]\s+(?=\S)/i;
/** "Name:", "Mr Malone:", "JOHN SMITH:", up to four words, at the start of a paragraph. */
const LABEL =
  /^((?:\p{Lu}[\p{L}'’.-]*)(?:\s+(?:\p{Lu}[\p{L}'’.-]*|de|van|von|da|al|bin|la|le)){0,3})\s*:\s+(?=\S)/u;

/** Words that look like a speaker label but introduce something else. */
const NOT_SPEAKERS = new Set([
  "part",
  "chapter",
  "section",
  "step",
  "note",
  "notes",
  "update",
  "updated",
  "warning",
  "editor",
  "editors",
  "photo",
  "source",
  "sources",
  "artist",
  "credit",
  "credits",
  "image",
  "video",
  "read",
  "see",
  "tags",
  "via",
  "disclaimer",
  "correction",
  "example",
  "summary",
  "tl;dr",
  "tldr",
  "ps",
  "p.s",
  "edit",
  "date",
  "author",
  "title",
  "subject",
  "location",
  "time",
  "q",
  "a",
  "question",
  "answer",
  "bonus",
  "tip",
  "fact",
  "quote",
]);

export function dashTurn(text: string): string | undefined {
  return DASH.test(text) ? text.replace(DASH, "") : undefined;
}

export function qaTurn(text: string): { kind: "q" | "a"; text: string } | undefined {
  if (QUESTION.test(text)) return { kind: "q", text: text.replace(QUESTION, "") };
  if (ANSWER.test(text)) return { kind: "a", text: text.replace(ANSWER, "") };
  return undefined;
}

export function labelTurn(text: string): { label: string; text: string } | undefined {
  const match = LABEL.exec(text);
  const label = match?.[1];
  if (!match || !label) return undefined;
  const first =
    label
      .split(/\s+/)[0]
      ?.toLowerCase()
      .replace(/[’'.]s?$/, "") ?? "";
  if (NOT_SPEAKERS.has(first) || /\d/.test(label)) return undefined;
  return { label, text: text.slice(match[0].length) };
}

/** How the article marks who speaks, found from the text alone. */
export type Form = "qa" | "names" | "dash" | "narrative";

export function detectForm(blocks: TextBlock[]): Form {
  const paragraphs = blocks.filter((block) => block.kind !== "quote");
  const total = paragraphs.length;
  if (total === 0) return "narrative";
  const qa = paragraphs.map((block) => qaTurn(block.text)?.kind);
  if (qa.filter((k) => k === "q").length >= 2 && qa.filter((k) => k === "a").length >= 2) return "qa";
  if (isTranscript(paragraphs)) return "names";
  const dashes = paragraphs.filter(
    (block) => block.kind === "paragraph" && dashTurn(block.text) !== undefined,
  );
  // An interview asks questions; a bullet list ("- item") has dashes too, but rarely a question.
  const asking = dashes.filter((block) => block.text.includes("?")).length;
  if (dashes.length >= 2 && dashes.length >= total * 0.15 && asking >= dashes.length * 0.2) return "dash";
  return "narrative";
}

/**
 * A real transcript: at least two labels that each speak twice or more, taking turns, over a good
 * share of the paragraphs. A list of "Name: description" items has each label once and fails.
 */
function isTranscript(paragraphs: TextBlock[]): boolean {
  const keys = sameSpeakerKeys(paragraphs.map((block) => labelTurn(block.text)?.label));
  const labelled = keys.filter((key): key is string => key !== undefined);
  const counts = new Map<string, number>();
  for (const key of labelled) counts.set(key, (counts.get(key) ?? 0) + 1);
  const repeated = [...counts.values()].filter((count) => count >= 2).length;
  let changes = 0;
  for (let i = 1; i < labelled.length; i++) if (labelled[i] !== labelled[i - 1]) changes++;
  return repeated >= 2 && changes >= 2 && labelled.length >= Math.max(4, paragraphs.length * 0.4);
}

const HONORIFICS =
  /^(mr|mrs|ms|miss|mx|dr|prof|professor|sir|dame|lord|lady|rev|fr|president|senator|gov|governor|judge)\.?\s+/i;

/** A label without honorifics, lower-cased: "Mr. John Smith" → "john smith". */
function fullKey(label: string): string {
  return label.replace(HONORIFICS, "").trim().toLowerCase().replace(/[’'.]/g, "").replace(/\s+/g, " ");
}

/**
 * One key per person, however the label changes form: "Thomas Malone", then "Mr Malone" or
 * "MALONE", share a key when exactly one full name ends in that surname; "John Smith" and
 * "Mary Smith" stay two people.
 */
export function sameSpeakerKeys(labels: Array<string | undefined>): Array<string | undefined> {
  const full = [...new Set(labels.filter((l): l is string => l !== undefined).map(fullKey))];
  const bySurname = new Map<string, string[]>();
  for (const key of full.filter((k) => k.includes(" "))) {
    const surname = key.split(" ").pop() ?? key;
    bySurname.set(surname, [...(bySurname.get(surname) ?? []), key]);
  }
  return labels.map((label) => {
    if (label === undefined) return undefined;
    const key = fullKey(label);
    const owners = key.includes(" ") ? undefined : bySurname.get(key);
    return owners?.length === 1 ? owners[0] : key;
  });
}
