import type { Token } from "marked";

/**
 * Bold and italic as a reader sees them, reduced to the two facts speaker detection needs: is the
 * whole paragraph bold or italic (an interview question, often), and does it open with a bold
 * run (a speaker label such as "Jane Doe:" or "SPIEGEL"). Shared by the HTML and Markdown readers.
 */

/** What a paragraph's emphasis says; both fields absent for ordinary text. */
export interface ParagraphEmphasis {
  emphasis?: "strong" | "em";
  label?: string;
}

/** One run of a paragraph's text with the emphasis around it. */
export interface Run {
  text: string;
  strong: boolean;
  em: boolean;
}

/** The longest label kept: a name with a title or an outlet, never a sentence. */
const MAX_LABEL = 60;

/** From a paragraph's runs in reading order (whitespace-only runs ignored). */
export function paragraphEmphasis(runs: Run[]): ParagraphEmphasis {
  const visible = runs.filter((run) => run.text.trim() !== "");
  if (visible.length === 0) return {};
  if (visible.every((run) => run.strong)) return { emphasis: "strong" };
  if (visible.every((run) => run.em)) return { emphasis: "em" };
  let label = "";
  for (const run of visible) {
    if (!run.strong) break;
    label += run.text;
  }
  label = label.replace(/\s+/g, " ").trim();
  return label && label.length <= MAX_LABEL ? { label } : {};
}

/** Tag names (upper-case) that make their text bold or italic. */
const STRONG_TAGS = new Set(["STRONG", "B"]);
const EM_TAGS = new Set(["EM", "I"]);

/** The few DOM members the run walker reads (linkedom's nodes are structural). */
interface InlineNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<InlineNode>;
}

/** Elements whose text is not part of the paragraph as read (the HTML reader skips them too). */
const SKIPPED = new Set(["IMG", "PICTURE", "VIDEO", "AUDIO", "FIGCAPTION"]);

/** The text runs of inline DOM nodes, each with the bold/italic state of its ancestors. */
export function domRuns(nodes: InlineNode[]): Run[] {
  const runs: Run[] = [];
  const visit = (node: InlineNode, strong: boolean, em: boolean) => {
    if (node.nodeType === 3) {
      runs.push({ text: node.textContent ?? "", strong, em });
      return;
    }
    if (node.nodeType !== 1) return;
    const tag = node.nodeName.toUpperCase();
    if (SKIPPED.has(tag)) return;
    const bold = strong || STRONG_TAGS.has(tag);
    const italic = em || EM_TAGS.has(tag);
    for (const child of Array.from(node.childNodes)) visit(child, bold, italic);
  };
  for (const node of nodes) visit(node, false, false);
  return runs;
}

/** The text runs of a Markdown paragraph's inline tokens (marked's lexer), bold and italic marked. */
export function markdownRuns(tokens: Token[]): Run[] {
  const runs: Run[] = [];
  const visit = (token: Token, strong: boolean, em: boolean) => {
    const bold = strong || token.type === "strong";
    const italic = em || token.type === "em";
    const children = (token as { tokens?: Token[] }).tokens;
    if (children?.length) for (const child of children) visit(child, bold, italic);
    else if (token.type !== "image" && token.type !== "html")
      runs.push({ text: (token as { text?: string }).text ?? "", strong: bold, em: italic });
  };
  for (const token of tokens) visit(token, false, false);
  return runs;
}
