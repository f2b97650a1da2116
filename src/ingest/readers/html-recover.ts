import type { Block } from "../../types.js";

/**
 * What the main-content pick leaves out but the article plainly holds. Readability keeps the one
 * container that scores best, so the standfirst printed between the headline and the body (in
 * the article's header, not its body) and prose in sibling containers inside the body are lost.
 * Both are found from the page's lines in reading order, once the chrome is gone: a line of prose
 * (a sentence or more, barely linked) between the headline and the first line kept, or between
 * two lines kept, belongs to the article.
 */

/** A line of the page as a reader sees it: an element with no block inside. */
export interface PageLine {
  text: string;
  /** Characters inside links. */
  linked: number;
  heading: boolean;
}

interface DomLike {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomLike>;
}

const BLOCKS =
  /^(P|H[1-6]|LI|BLOCKQUOTE|PRE|TABLE|FIGURE|DIV|UL|OL|DL|DD|DT|SECTION|ARTICLE|HEADER|MAIN|TR|TD)$/;

/** The page's lines in reading order, with how much of each is link text. */
export function pageLines(root: DomLike | null): PageLine[] {
  const lines: PageLine[] = [];
  const visit = (node: DomLike) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType !== 1) continue;
      if (hasBlock(child)) visit(child);
      else {
        const text = squash(child.textContent);
        if (text) lines.push({ text, linked: linkedLength(child), heading: /^H[1-6]$/.test(child.nodeName) });
      }
    }
  };
  if (root) visit(root);
  return lines;
}

function hasBlock(node: DomLike): boolean {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === 1 && (BLOCKS.test(child.nodeName.toUpperCase()) || hasBlock(child))) return true;
  }
  return false;
}

function linkedLength(node: DomLike): number {
  if (node.nodeType !== 1) return 0;
  if (node.nodeName.toUpperCase() === "A") return squash(node.textContent).length;
  let total = 0;
  for (const child of Array.from(node.childNodes)) total += linkedLength(child);
  return total;
}

/** A sentence or more of running text, barely linked: what chrome almost never is. */
export function isProse(line: PageLine): boolean {
  const words = line.text.split(" ").length;
  if (line.heading || line.text.length < 60 || words < 8) return false;
  if (line.linked > line.text.length * 0.25) return false;
  return /[.!?…:;)"»”]\s*$/.test(line.text) || words >= 20;
}

/**
 * The blocks with the page's lost prose put back in place: the standfirst after the headline
 * (at most `leadReach` lines before the first kept line) and runs of prose between kept lines.
 */
export function recoverProse(blocks: Block[], lines: PageLine[], headline: string | undefined): Block[] {
  const index = new Map<string, number[]>();
  lines.forEach((line, i) => {
    const list = index.get(line.text);
    if (list) list.push(i);
    else index.set(line.text, [i]);
  });
  // Where each kept block sits among the page's lines (the next occurrence after the last one).
  let cursor = -1;
  const at: number[] = blocks.map((block) => {
    if (!("text" in block)) return -1;
    const found = index.get(block.text)?.find((i) => i > cursor);
    if (found === undefined) return -1;
    cursor = found;
    return found;
  });
  const placed = at.filter((i) => i >= 0);
  const first = placed[0];
  if (first === undefined) return blocks;
  const kept = new Set(placed);
  const isKept = (i: number) => kept.has(i);
  const out: Block[] = [];
  // The standfirst: prose after the headline and before the body's first kept line.
  const head = headline
    ? lines.findIndex((line, i) => i < first && line.heading && line.text === headline)
    : -1;
  const leadReach = 12;
  if (head >= 0 && first - head <= leadReach) {
    for (let i = head + 1; i < first; i++) {
      const line = lines[i];
      if (line && isProse(line) && !contains(blocks, line.text))
        out.push({ kind: "paragraph", text: line.text });
    }
  }
  let previous = -1;
  for (const [b, block] of blocks.entries()) {
    const i = at[b] ?? -1;
    if (i > previous && previous >= 0) {
      for (let j = previous + 1; j < i; j++) {
        const line = lines[j];
        if (line && !isKept(j) && isProse(line) && !contains(blocks, line.text))
          out.push({ kind: "paragraph", text: line.text });
      }
    }
    if (i >= 0) previous = i;
    out.push(block);
  }
  return out;
}

/**
 * Readability picked a container with almost none of the page's prose (a figure, a teaser): the
 * page's own prose lines are then the better reading.
 */
export function tooLittle(blocks: Block[], lines: PageLine[]): boolean {
  let kept = 0;
  for (const block of blocks)
    if (block.kind === "paragraph" || block.kind === "quote") kept += block.text.length;
  let prose = 0;
  for (const line of lines) if (isProse(line)) prose += line.text.length;
  return kept < Math.min(200, prose * 0.5) || kept < prose * 0.15;
}

/** When no container stands out, the page's prose lines in order are the best reading of it. */
export function proseOnly(lines: PageLine[]): Block[] {
  return lines.filter(isProse).map((line) => ({ kind: "paragraph", text: line.text }));
}

function contains(blocks: Block[], text: string): boolean {
  return blocks.some((block) => "text" in block && block.text.includes(text));
}

function squash(text: string | null): string {
  return (text ?? "").replace(/\s+/g, " ").trim();
}
