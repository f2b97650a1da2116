import { asciiSlug } from "../text/slug.js";
import type { Role, Speaker } from "../types.js";
import { emphasisInterviewStart, isDashInterview, isEmphasised, onlyQuestionsDashed } from "./forms.js";
import { dashTurn, type LabelTurn, labelOf, roleOfLabel, type TextBlock } from "./labels.js";
import { type InterviewNames, interviewNames } from "./names.js";
import { resolvePeople } from "./people.js";
import { speaksAsSelf } from "./pronouns.js";
import { chooseRoles, type PersonTurns } from "./roles.js";

/** What the page says of itself that names people: the byline, the headline. */
export interface About {
  byline?: string;
  title?: string;
}

/** How the article marks who speaks, found from the text alone. */
export type Form = "labels" | "dash" | "emphasis" | "narrative";

/** A paragraph that opens a turn: who speaks, and the words without the label or dash. */
export interface Turn {
  speaker: string;
  text: string;
}

/** Who speaks where, decided once for the whole article before any segment is made. */
export interface Plan {
  form: Form;
  /** One entry per text block given, in order: the turn it opens, if any. */
  turns: Array<Turn | undefined>;
  /** The interview's speakers (the narrator is not among them). */
  speakers: Speaker[];
  /** Only the questions are marked: after a host turn, an unmarked paragraph is the guest's. */
  answersFollow: boolean;
}

const NARRATIVE: Plan = { form: "narrative", turns: [], speakers: [], answersFollow: false };

/**
 * The interview form of an article and its speakers: labelled turns ("Name:", "Q:", a bold
 * name), dash turns, or questions set wholly in bold or italic; else a narrative.
 */
export function planInterview(blocks: TextBlock[], language: string, about: About = {}): Plan {
  const labelled = planLabels(blocks, language, about);
  if (labelled) return labelled;
  if (isDashInterview(blocks)) return planDash(blocks, about);
  const start = emphasisInterviewStart(blocks, language);
  if (start >= 0) return planEmphasis(blocks, start, about);
  return NARRATIVE;
}

function introNames(blocks: TextBlock[], firstTurn: number, about: About): InterviewNames {
  const intro = blocks.slice(0, Math.max(firstTurn, 0)).map((b) => b.text);
  return interviewNames(intro.join(" "), about.byline, about.title);
}

function roleSpeaker(role: "host" | "guest", name: string | undefined): Speaker {
  return { id: role, role, ...(name ? { name } : {}) };
}

function planDash(blocks: TextBlock[], about: About): Plan {
  const first = blocks.findIndex((b) => dashTurn(b.text) !== undefined);
  const names = introNames(blocks, first, about);
  const host = roleSpeaker("host", names.host);
  const guest = roleSpeaker("guest", names.guest);
  const questionsOnly = onlyQuestionsDashed(blocks);
  let index = 0;
  const turns = blocks.map((block) => {
    const text = dashTurn(block.text);
    if (text === undefined) return undefined;
    const speaker = questionsOnly || index++ % 2 === 0 ? host : guest;
    return { speaker: speaker.id, text };
  });
  return { form: "dash", turns, speakers: [host, guest], answersFollow: questionsOnly };
}

function planEmphasis(blocks: TextBlock[], start: number, about: About): Plan {
  const names = introNames(blocks, start, about);
  const host = roleSpeaker("host", names.host);
  const guest = roleSpeaker("guest", names.guest);
  const last = blocks.length - 1;
  const turns = blocks.map((block, i): Turn | undefined => {
    // An answer may still open with the guest's name ("Helfrich: …"); the name is not read.
    const named =
      i > start && isEmphasised(blocks[i - 1]) && !isEmphasised(block) ? labelOf(block) : undefined;
    if (named?.text && named.mark === "colon") return { speaker: guest.id, text: named.text };
    if (i < start || !isEmphasised(block)) return undefined;
    // A closing note in italics after the last answer is the editor's, not a question.
    if (i === last && !block.text.includes("?")) return { speaker: "narrator", text: block.text };
    return { speaker: host.id, text: block.text };
  });
  return { form: "emphasis", turns, speakers: [host, guest], answersFollow: true };
}

/** A generic label's key: every "Q:" is one person, every "A:" another. */
const keyOfGeneric = (turn: LabelTurn) => `\u0000${turn.kind}`;

function planLabels(blocks: TextBlock[], language: string, about: About): Plan | undefined {
  const raw = blocks.map(labelOf);
  const turns = keepSpeakerLabels(raw);
  const first = turns.findIndex((t) => t !== undefined);
  if (first < 0) return undefined;
  const names = introNames(blocks, first, about);
  const hintNames = [names.host, names.guest].filter((n): n is string => n !== undefined);
  const people = resolvePeople(
    turns.flatMap((t) => (t && !t.kind ? [t.label] : [])),
    hintNames,
  );
  const keyOf = (turn: LabelTurn) => (turn.kind ? keyOfGeneric(turn) : people.keyOf(turn.label));
  const keys = turns.map((t) => (t ? keyOf(t) : undefined));
  const answersFollow = onlyQuestionsLabelled(turns, keys);
  if (!answersFollow && !isTranscript(turns, keys, blocks)) return undefined;
  if (!turns.some((t) => t && roleOfLabel(t)) && !isConversation(blocks, turns, language)) return undefined;

  const stats = personTurns(blocks, turns, keys);
  const hint = (name: string | undefined) => (name ? people.keyOf(name) : undefined);
  const roles = chooseRoles(stats, { host: hint(names.host), guest: hint(names.guest) });
  const byKey = new Map<string, Speaker>();
  const taken = new Set(["narrator", "host", "guest"]);
  for (const person of stats) {
    const role = roles.get(person.key) ?? "speaker";
    const written = people.nameOf(person.key);
    const generic = person.key.startsWith("\u0000") || person.named !== undefined;
    byKey.set(person.key, speakerFor(role, generic ? undefined : written, names, taken));
  }
  const speakers = [...byKey.values()];
  if (answersFollow && !speakers.some((s) => s.role === "guest"))
    speakers.push(roleSpeaker("guest", names.guest));
  const planned = turns.map((turn, i): Turn | undefined => {
    const speaker = byKey.get(keys[i] ?? "");
    return turn && speaker ? { speaker: speaker.id, text: turn.text } : undefined;
  });
  return { form: "labels", turns: planned, speakers, answersFollow };
}

function speakerFor(
  role: Role,
  written: string | undefined,
  names: InterviewNames,
  taken: Set<string>,
): Speaker {
  if (role === "host" || role === "guest") return roleSpeaker(role, written ?? names[role]);
  const base = asciiSlug(written ?? "") || "speaker";
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return { id, role, ...(written ? { name: written } : {}) };
}

/**
 * Labels marked by a dash or by bold alone are speakers only when the same person's label comes
 * back: "Berlin – The government…" opens one paragraph, a speaker opens many.
 */
function keepSpeakerLabels(raw: Array<LabelTurn | undefined>): Array<LabelTurn | undefined> {
  const people = resolvePeople(raw.flatMap((t) => (t && !t.kind ? [t.label] : [])));
  const keyOf = (t: LabelTurn) => (t.kind ? keyOfGeneric(t) : people.keyOf(t.label));
  const counts = new Map<string, number>();
  for (const t of raw) if (t) counts.set(keyOf(t), (counts.get(keyOf(t)) ?? 0) + 1);
  const kept = raw.map((t) =>
    t && (t.mark === "colon" || (counts.get(keyOf(t)) ?? 0) >= 2) ? t : undefined,
  );
  // A label seen once before anyone speaks twice belongs to the introduction ("Berlin: …").
  const firstRepeated = kept.findIndex((t) => t !== undefined && (counts.get(keyOf(t)) ?? 0) >= 2);
  return kept.map((t, i) => (t && i < firstRepeated && (counts.get(keyOf(t)) ?? 0) < 2 ? undefined : t));
}

/**
 * A transcript: generic question and answer labels, twice each; or at least two people who
 * each speak twice or more, taking turns, over a fair share of the paragraphs. A list of
 * "Name: description" lines has each label once and is not one.
 */
function isTranscript(
  turns: Array<LabelTurn | undefined>,
  keys: Array<string | undefined>,
  blocks: TextBlock[],
): boolean {
  const kinds = turns.map((t) => t?.kind);
  if (kinds.filter((k) => k === "q").length >= 2 && kinds.filter((k) => k === "a").length >= 2) return true;
  const labelled = keys.filter((k): k is string => k !== undefined);
  const counts = new Map<string, number>();
  for (const key of labelled) counts.set(key, (counts.get(key) ?? 0) + 1);
  const repeated = [...counts.values()].filter((count) => count >= 2).length;
  let changes = 0;
  for (let i = 1; i < labelled.length; i++) if (labelled[i] !== labelled[i - 1]) changes++;
  const paragraphs = blocks.filter((b) => b.kind !== "quote").length;
  return repeated >= 2 && changes >= 2 && labelled.length >= Math.max(4, paragraphs * 0.25);
}

/**
 * Only the interviewer is labelled ("SPIEGEL: …?", "Q: …?") and the answers follow unmarked:
 * one person, three turns or more, nearly all questions, each followed by an unlabelled paragraph.
 */
function onlyQuestionsLabelled(
  turns: Array<LabelTurn | undefined>,
  keys: Array<string | undefined>,
): boolean {
  const distinct = new Set(keys.filter((k) => k !== undefined));
  if (distinct.size !== 1) return false;
  const at = turns.flatMap((t, i) => (t ? [i] : []));
  const asking = at.filter((i) => turns[i]?.text.includes("?")).length;
  const answered = at.filter((i) => i + 1 < turns.length && turns[i + 1] === undefined).length;
  return at.length >= 3 && asking >= at.length * 0.7 && answered >= at.length * 0.7;
}

/**
 * People in a transcript ask or speak as themselves ("I", "wir", "je"); repeated section labels
 * over reported text ("Qualifying: …", "Race: …", "Address: …") do neither. A third must.
 */
function isConversation(blocks: TextBlock[], turns: Array<LabelTurn | undefined>, language: string): boolean {
  const spoken: string[] = [];
  blocks.forEach((block, i) => {
    const turn = turns[i];
    if (turn) spoken.push(turn.text);
    else if (spoken.length) spoken[spoken.length - 1] += ` ${block.text}`;
  });
  const talking = spoken.filter((text) => text.includes("?") || speaksAsSelf(text, language) !== false);
  return talking.length >= spoken.length / 3;
}

/** Each labelled person's turns, questions and words (their unlabelled paragraphs included). */
function personTurns(
  blocks: TextBlock[],
  turns: Array<LabelTurn | undefined>,
  keys: Array<string | undefined>,
): PersonTurns[] {
  const stats = new Map<string, PersonTurns>();
  let current: PersonTurns | undefined;
  blocks.forEach((block, i) => {
    const turn = turns[i];
    const key = keys[i];
    if (turn && key !== undefined) {
      current = stats.get(key) ?? { key, turns: 0, asking: 0, words: 0 };
      stats.set(key, current);
      current.turns++;
      // A label alone on its line speaks in the paragraph below it.
      const said = turn.text || blocks[i + 1]?.text || "";
      if (said.includes("?")) current.asking++;
      const named = roleOfLabel(turn);
      if (named) current.named = named;
      current.words += turn.text.split(/\s+/).length;
    } else if (current) {
      current.words += block.text.split(/\s+/).length;
    }
  });
  return [...stats.values()];
}
