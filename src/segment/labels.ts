import type { Block } from "../types.js";

/** The paragraph-level blocks that carry speech (headings and breaks are structure). */
export type TextBlock = Extract<Block, { text: string }>;

/**
 * A speaker label at the start of a paragraph and the words spoken after it. `text` is empty
 * when the paragraph is the label alone ("JANE DOE:" on its own line, the turn below it).
 * `kind` is set for the generic question/answer labels ("Q:", "Frage:", "P:", "Réponse:").
 */
export interface LabelTurn {
  label: string;
  text: string;
  kind?: "q" | "a";
  /** How the label was marked: a colon (or a full stop after Q/A), a dash, or bold alone. */
  mark: "colon" | "dash" | "bold";
}

/** Question and answer labels in the languages newspapers print them (lower case, no dots). */
const QUESTION_WORDS = new Set(["q", "question", "frage", "f", "pregunta", "p", "domanda", "d", "pergunta"]);
const ANSWER_WORDS = new Set([
  "a",
  "answer",
  "antwort",
  "r",
  "réponse",
  "reponse",
  "respuesta",
  "risposta",
  "resposta",
]);

/** Particles that sit lower-case inside a name ("Ursula von der Leyen", "María de la Cruz"). */
const PARTICLES = "de|del|della|der|den|des|di|da|do|dos|das|du|la|le|van|von|zu|ten|ter|al|el|bin|ibn|y";
const WORD = "\\p{Lu}[\\p{L}\\p{M}'’.-]*";
/** A name, a title and surname, initials or an outlet: one to four capitalised words. */
const NAME = `${WORD}(?:\\s+(?:${WORD}|(?:${PARTICLES})(?=\\s))){0,4}`;
const COLON = new RegExp(`^(${NAME})\\s*:(?:\\s+(?=\\S)|$)`, "u");
/** A dash needs space on both sides, so "Jean-Luc" or a hyphenated word never splits. */
const DASH = new RegExp(`^(${NAME})\\s+[—–-]\\s+(?=\\S)`, "u");
/** "Q:", "Frage:", and with a full stop only the spelled-out words and "Q."/"A."/"P."/"R." (El País style). */
const QA = /^(\p{L}{1,10})\s*([:.])(?:\s+(?=\S)|$)/u;
const STOP_LETTERS = /^[qapr]$/i;

/**
 * First words of a "Label:" that introduces something else: a note, a credit, a section, a
 * link. In the languages the project reads most; a label seen once is never a speaker anyway.
 */
const NOT_SPEAKERS = new Set(
  (
    "part chapter section step note notes nb update updated warning editor editors photo photos source sources " +
    "artist credit credits image video read see tags via disclaimer correction example summary ps edit date " +
    "author title subject location time bonus tip fact quote listen watch also more related previously " +
    "background context key glossary definition who what where when why how " +
    "anmerkung hinweis foto quelle bild lesen mehr siehe stand aktualisiert zum korrektur " +
    "remarque légende lire voir mise mis actualisation crédit à " +
    "nota foto fuente leer ver actualización actualizado lea"
  ).split(" "),
);

/** The label of a paragraph, from the bold run that opens it or from its text. */
export function labelOf(block: TextBlock): LabelTurn | undefined {
  // Lists and quotes hold glossaries and quoted lines, not turns.
  if (block.kind !== "paragraph") return undefined;
  const text = block.text;
  const bold = block.label;
  if (bold && text.startsWith(bold)) {
    const label = bold.replace(/\s*[:.–—-]\s*$/u, "").trim();
    const rest = text.slice(bold.length).replace(/^\s*[:.–—-]?\s*/u, "");
    const mark = /[:.]\s*$/.test(bold) || /^\s*[:.]/.test(text.slice(bold.length)) ? "colon" : "bold";
    const turn = asLabel(label, rest, mark);
    if (turn) return turn;
  }
  const colon = COLON.exec(text);
  if (colon?.[1]) return asLabel(colon[1], text.slice(colon[0].length), "colon");
  const qa = QA.exec(text);
  const rest = qa ? text.slice(qa[0].length) : "";
  // "A." alone is a letter, not an empty answer; only a colon makes a label stand alone.
  if (qa?.[1] && (qa[2] === ":" || (rest !== "" && (qa[1].length > 1 || STOP_LETTERS.test(qa[1]))))) {
    const kind = questionOrAnswer(qa[1]);
    if (kind) return { label: qa[1], text: rest, kind, mark: "colon" };
  }
  const dash = DASH.exec(text);
  if (dash?.[1]) return asLabel(dash[1], text.slice(dash[0].length), "dash");
  return undefined;
}

function asLabel(label: string, text: string, mark: LabelTurn["mark"]): LabelTurn | undefined {
  const kind = questionOrAnswer(label);
  if (kind) return { label, text, kind, mark };
  if (!new RegExp(`^${NAME}$`, "u").test(label) || /\d/.test(label)) return undefined;
  const first = (label.split(/\s+/)[0] ?? "").toLowerCase().replace(/[’'.]s?$/, "");
  if (NOT_SPEAKERS.has(first)) return undefined;
  // A label alone ends with its colon; a sentence fragment in bold has neither colon nor text.
  if (text === "" && mark !== "colon") return undefined;
  return { label, text, mark };
}

function questionOrAnswer(label: string): "q" | "a" | undefined {
  const word = label.toLowerCase().replace(/\./g, "");
  if (QUESTION_WORDS.has(word)) return "q";
  if (ANSWER_WORDS.has(word)) return "a";
  return undefined;
}

/** Labels that name a role rather than a person ("Interviewer:", "Moderatorin:", "Invité:"). */
const HOST_WORDS =
  /^(interviewer|interviewerin|host|moderator|moderatorin|presenter|anchor|journalist|journalistin|journaliste|intervieweur|entrevistador|entrevistadora|periodista|intervistatore)$/i;
const GUEST_WORDS = /^(guest|interviewee|gast|invité|invitée|invitado|invitada|entrevistado|entrevistada)$/i;

/** The role a label's wording gives, before anyone's turns are counted. */
export function roleOfLabel(turn: LabelTurn): "host" | "guest" | undefined {
  if (turn.kind === "q" || HOST_WORDS.test(turn.label)) return "host";
  if (turn.kind === "a" || GUEST_WORDS.test(turn.label)) return "guest";
  return undefined;
}

const DASH_TURN = /^(?:[—–―]\s*|-\s+)(?=\S)/u;

/** "— text": a dash turn (the speaker is known only from the alternation). */
export function dashTurn(text: string): string | undefined {
  return DASH_TURN.test(text) ? text.replace(DASH_TURN, "") : undefined;
}
