import type { Chapter, Document, Dropped, Script, ScriptMeta, Segment, Speaker } from "../types.js";
import type { TextBlock } from "./labels.js";
import { articleLanguage } from "./language.js";
import { type Plan, planInterview, type Turn } from "./plan.js";

export interface SegmentOptions {
  /** The article's language, whatever it declares (`--language`). default: declared, else detected */
  language?: string;
  /** The language when nothing is declared and detection cannot tell (the voice profile's). default: "en" */
  defaultLanguage?: string;
}

/**
 * Document → Script: the title, chapters at section headings, and who says each paragraph.
 * The interview form is found from the text (./plan.ts); anything else is one narrator. Labels
 * and dashes are never part of the spoken text.
 */
export function segment(doc: Document, options: SegmentOptions = {}): Script {
  const textBlocks = doc.blocks.filter((b): b is TextBlock => "text" in b && b.kind !== "heading");
  const body = textBlocks.map((b) => b.text).join("\n");
  const meta: ScriptMeta = {
    title: doc.meta.title,
    language: options.language ?? articleLanguage(doc.meta.language, body, options.defaultLanguage),
  };
  for (const key of ["subtitle", "byline", "source", "url", "published", "image"] as const) {
    const value = doc.meta[key];
    if (value) meta[key] = value;
  }
  meta.source ??= doc.file;

  const plan = planInterview(textBlocks, meta.language, { byline: doc.meta.byline, title: meta.title });
  const chapters: Chapter[] = [{ title: meta.title, segments: [] }];
  const dropped = [...doc.dropped];
  const speak = speakerAssigner(plan, dropped);
  let textIndex = 0;
  let pendingHeading: { level: number; title: string } | undefined;
  for (const block of doc.blocks) {
    if (block.kind === "heading") {
      const title = block.text;
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
    if (block.kind === "break") speak.pause();
    if (block.kind === "break" || block.kind === "image") continue;
    if (pendingHeading) {
      chapters.push({ title: pendingHeading.title, segments: [] });
      pendingHeading = undefined;
    }
    const segment = speak.say(block, plan.turns[textIndex++]);
    if (segment?.text) chapters[chapters.length - 1]?.segments.push(segment);
  }
  const kept = chapters.filter((chapter, i) => i === 0 || chapter.segments.length > 0);
  if (kept[0]?.segments.length === 0 && kept.length > 1) kept.shift();
  if (pendingHeading)
    dropped.push({ text: pendingHeading.title, reason: "section heading with no text under it" });
  return { meta, speakers: speak.speakers(), chapters: kept, dropped };
}

/** Gives each paragraph its speaker: the turn the plan puts there, else whoever spoke last. */
function speakerAssigner(plan: Plan, dropped: Dropped[]) {
  const narrator: Speaker = { id: "narrator", role: "narrator" };
  const known = new Map(plan.speakers.map((s) => [s.id, s]));
  const used = new Map<string, Speaker>([[narrator.id, narrator]]);
  const host = plan.speakers.find((s) => s.role === "host");
  const guest = plan.speakers.find((s) => s.role === "guest");
  let current = narrator.id;
  const speak = (id: string, text: string): Segment => {
    current = id;
    if (!used.has(id)) used.set(id, known.get(id) ?? narrator);
    return { speaker: id, text };
  };
  return {
    /** After a break that ends a labelled Q&A, the interviewer closes. */
    pause() {
      if (plan.form === "labels" && host && current !== narrator.id) current = host.id;
    },
    say(block: TextBlock, turn: Turn | undefined): Segment | undefined {
      if (turn) {
        if (turn.text) return speak(turn.speaker, turn.text);
        // A label on a line of its own ("JANE DOE:") opens the turn below it and is not read.
        current = turn.speaker;
        dropped.push({ text: block.text, reason: "speaker label on its own line" });
        return undefined;
      }
      if (plan.form === "narrative") return speak(narrator.id, block.text);
      if (plan.answersFollow && host && guest && current === host.id) return speak(guest.id, block.text);
      return speak(current, block.text);
    },
    speakers: () => [...used.values()],
  };
}
