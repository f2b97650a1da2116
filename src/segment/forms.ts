import { dashTurn, type TextBlock } from "./labels.js";
import { speaksAsSelf } from "./pronouns.js";

/**
 * The forms an interview takes when its speakers are not named at each turn: dash turns, and
 * questions set in bold or italic. Labelled turns ("Name:", "Q:") are found in ./plan.ts.
 */

/** Dash turns: "— question?" / "— answer", at least two and a fair share of the paragraphs. */
export function isDashInterview(blocks: TextBlock[]): boolean {
  const paragraphs = blocks.filter((block) => block.kind !== "quote");
  const dashes = paragraphs.filter(
    (block) => block.kind === "paragraph" && dashTurn(block.text) !== undefined,
  );
  // An interview asks questions; a bullet list ("- item") has dashes too, but rarely a question.
  const asking = dashes.filter((block) => block.text.includes("?")).length;
  return dashes.length >= 2 && dashes.length >= paragraphs.length * 0.15 && asking >= dashes.length * 0.2;
}

/** "When only questions are dashed": nearly every dashed paragraph asks something. */
export function onlyQuestionsDashed(blocks: TextBlock[]): boolean {
  const dashed = blocks.filter((b) => dashTurn(b.text) !== undefined);
  const asking = dashed.filter((b) => /\?["»”’)]?\s*$/.test(b.text));
  return asking.length >= dashed.length * 0.8;
}

/** A paragraph wholly in bold or italic. */
export function isEmphasised(block: TextBlock | undefined): boolean {
  return block?.kind === "paragraph" && block.emphasis !== undefined;
}

/** Fewest question-and-answer pairs that make an interview of bold or italic questions. */
const MIN_PAIRS = 3;

/**
 * Questions marked only by a wholly bold or italic paragraph, each answered by plain
 * paragraphs: the index of the first question in `blocks`, or -1 when the article is not such an
 * interview. The paragraphs before it are the introduction. Not an interview: bold subheadings
 * (they rarely ask), a box of questions with no answers between them, or an explainer whose
 * answers never speak in the first person.
 */
export function emphasisInterviewStart(blocks: TextBlock[], language: string): number {
  // The first paragraph is the standfirst even when it is bold and asks something.
  const start = blocks.findIndex((block, i) => i > 0 && isEmphasised(block) && block.text.includes("?"));
  if (start < 0) return -1;
  let questions = 0;
  let asking = 0;
  let pairs = 0;
  let inFirstPerson = 0;
  let answer: string[] = [];
  const closeAnswer = () => {
    if (answer.length === 0) return;
    pairs++;
    if (speaksAsSelf(answer.join(" "), language) !== false) inFirstPerson++;
    answer = [];
  };
  for (let i = start; i < blocks.length; i++) {
    const block = blocks[i];
    if (!block) continue;
    if (isEmphasised(block)) {
      closeAnswer();
      // A closing note in italics ("This interview was edited…") asks nothing and is answered by nothing.
      if (i === blocks.length - 1 && !block.text.includes("?")) break;
      questions++;
      if (block.text.includes("?")) asking++;
    } else {
      answer.push(block.text);
    }
  }
  closeAnswer();
  const ok =
    pairs >= MIN_PAIRS &&
    asking >= questions * 0.6 &&
    pairs >= questions * 0.7 &&
    inFirstPerson >= pairs * 0.5;
  return ok ? start : -1;
}
