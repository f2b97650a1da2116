import { titleFromFile } from "../ingest/ingest.js";
import { unquote } from "../ingest/readers/text.js";
import { asciiSlug } from "../text/slug.js";
import type { Block, Chapter, Document, Script, ScriptMeta, Segment, Speaker } from "../types.js";
import { dashTurn, detectForm, labelTurn, qaTurn, sameSpeakerKeys, type TextBlock } from "./forms.js";
import { articleLanguage } from "./language.js";
import { interviewNames } from "./names.js";

export interface SegmentOptions {
  /** The article's language, whatever it declares (`--language`). default: declared, else detected */
  language?: string;
  /** The language when nothing is declared and detection cannot tell (the voice profile's). default: "en" */
  defaultLanguage?: string;
}

/**
 * Document → Script: the title, chapters at section headings, and who says each paragraph.
 * The interview form is found from the text (dash turns, Q:/A: labels, NAME: transcripts);
 * anything else is one narrator. Markers and labels are never part of the spoken text.
 */
export function segment(doc: Document, options: SegmentOptions = {}): Script {
  const textBlocks = doc.blocks.filter((b): b is TextBlock => "text" in b && b.kind !== "heading");
  const body = textBlocks.map((b) => b.text).join("\n");
  const meta: ScriptMeta = {
    title: doc.meta.title ?? titleFromFile(doc.file),
    language: options.language ?? articleLanguage(doc.meta.language, body, options.defaultLanguage),
  };
  for (const key of ["subtitle", "byline", "source", "url", "published"] as const) {
    const value = doc.meta[key];
    if (value) meta[key] = value;
  }
  meta.source ??= doc.file;

  const form = detectForm(textBlocks);
  const speak = speakerAssigner(form, textBlocks, doc.meta.byline);
  const chapters: Chapter[] = [{ title: meta.title, segments: [] }];
  const dropped = [...doc.dropped];
  let pendingHeading: { level: number; title: string } | undefined;
  for (const block of doc.blocks) {
    if (block.kind === "heading") {
      const title = unquote(block.text);
      // A part heading directly followed by a section heading: one chapter "Part — Section".
      if (pendingHeading && pendingHeading.level < block.level) {
        pendingHeading = { level: block.level, title: `${pendingHeading.title} — ${title}` };
      } else {
        if (pendingHeading)
          dropped.push({ text: pendingHeading.title, reason: "section heading with no text under it" });
        pendingHeading = { level: block.level, title };
      }
      continue;
    }
    if (block.kind === "break" || block.kind === "image") {
      speak(block);
      continue;
    }
    if (pendingHeading) {
      chapters.push({ title: pendingHeading.title, segments: [] });
      pendingHeading = undefined;
    }
    const segment = speak(block);
    if (segment?.text) chapters[chapters.length - 1]?.segments.push(segment);
  }
  const kept = chapters.filter((chapter, i) => i === 0 || chapter.segments.length > 0);
  if (kept[0]?.segments.length === 0 && kept.length > 1) kept.shift();
  if (pendingHeading)
    dropped.push({ text: pendingHeading.title, reason: "section heading with no text under it" });
  return { meta, speakers: speak.speakers(), chapters: kept, dropped };
}

interface Assigner {
  (block: Block): Segment | undefined;
  speakers(): Speaker[];
}

function speakerAssigner(
  form: ReturnType<typeof detectForm>,
  blocks: TextBlock[],
  byline?: string,
): Assigner {
  const used = new Map<string, Speaker>();
  const use = (speaker: Speaker): string => {
    if (!used.has(speaker.id)) used.set(speaker.id, speaker);
    return speaker.id;
  };
  const narrator: Speaker = { id: "narrator", role: "narrator" };
  use(narrator);
  const firstTurn = blocks.findIndex((b) => turnOf(form, b) !== undefined);
  const intro = blocks
    .slice(0, Math.max(firstTurn, 0))
    .map((b) => b.text)
    .join(" ");
  const names = form === "names" ? {} : interviewNames(intro, byline);
  const host: Speaker = { id: "host", role: "host", ...(names.host ? { name: names.host } : {}) };
  const guest: Speaker = { id: "guest", role: "guest", ...(names.guest ? { name: names.guest } : {}) };
  const labelled = new Map<string, Speaker>();
  const labels = blocks.map((b) => labelTurn(b.text)?.label);
  const keys = sameSpeakerKeys(labels);
  const labelKeys = new Map(labels.map((label, i) => [label ?? "", keys[i] ?? ""]));
  let current: string = narrator.id;
  let dashIndex = 0;
  const questionsOnly = form === "dash" && onlyQuestionsDashed(blocks);

  const assign = ((block: Block): Segment | undefined => {
    if (block.kind === "break") {
      // After a break that ends a Q&A, the interviewer closes.
      if (form === "qa" && current !== narrator.id) current = use(host);
      return undefined;
    }
    if (!("text" in block) || block.kind === "heading") return undefined;
    if (block.kind === "quote" && form === "narrative") return { speaker: narrator.id, text: block.text };
    if (form === "dash") {
      const text = dashTurn(block.text);
      if (text !== undefined) {
        current = use(questionsOnly || dashIndex % 2 === 0 ? host : guest);
        dashIndex++;
        return { speaker: current, text };
      }
      if (questionsOnly && current === host.id) current = use(guest);
    } else if (form === "qa") {
      const turn = qaTurn(block.text);
      if (turn) {
        current = use(turn.kind === "q" ? host : guest);
        return { speaker: current, text: turn.text };
      }
    } else if (form === "names") {
      const turn = labelTurn(block.text);
      if (turn) {
        current = use(labelledSpeaker(turn.label, labelKeys.get(turn.label) ?? turn.label, labelled));
        return { speaker: current, text: turn.text };
      }
    }
    return { speaker: current, text: block.text };
  }) as Assigner;
  assign.speakers = () => [...used.values()];
  return assign;
}

function turnOf(form: ReturnType<typeof detectForm>, block: TextBlock): unknown {
  if (form === "dash") return dashTurn(block.text);
  if (form === "qa") return qaTurn(block.text);
  if (form === "names") return labelTurn(block.text);
  return undefined;
}

/** "When only questions are dashed": nearly every dashed paragraph asks something. */
function onlyQuestionsDashed(blocks: TextBlock[]): boolean {
  const dashed = blocks.filter((b) => dashTurn(b.text) !== undefined);
  const asking = dashed.filter((b) => /\?["»”’)]?\s*$/.test(b.text));
  return asking.length >= dashed.length * 0.8;
}

/** One speaker per person, however the label's form changes ("Thomas Malone:", then "Mr Malone:"). */
function labelledSpeaker(label: string, key: string, known: Map<string, Speaker>): Speaker {
  const existing = known.get(key);
  if (existing) {
    if (label.length > (existing.name ?? "").length && label.split(/\s+/).length > 1) existing.name = label;
    return existing;
  }
  const role = /^(interviewer|host|moderator|presenter|anchor)$/i.test(label) ? "host" : "speaker";
  const id = uniqueId(asciiSlug(label) || "speaker", known);
  const speaker: Speaker = { id, name: label, role };
  known.set(key, speaker);
  return speaker;
}

function uniqueId(base: string, known: Map<string, Speaker>): string {
  const ids = new Set([...known.values()].map((s) => s.id).concat(["narrator", "host", "guest"]));
  let id = base;
  for (let n = 2; ids.has(id); n++) id = `${base}-${n}`;
  return id;
}
