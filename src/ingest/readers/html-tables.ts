/**
 * Tables and preformatted text, read the way a listener can follow them. A layout table (cells
 * holding paragraphs, or one long cell) is just a container; a data table is read row by row,
 * its cells joined with semicolons; a preformatted block is read line by line unless it is code,
 * which no one wants read aloud.
 */

interface Node {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<Node>;
}

/** The most rows of a data table read aloud; a longer one is reference material, not narration. */
export const MAX_TABLE_ROWS = 60;

const squash = (text: string | null) => (text ?? "").replace(/\s+/g, " ").trim();

function elements(node: Node, tag: RegExp, into: Node[] = [], stopAt?: RegExp): Node[] {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType !== 1) continue;
    const name = child.nodeName.toUpperCase();
    if (tag.test(name)) into.push(child);
    else if (!stopAt?.test(name)) elements(child, tag, into, stopAt);
  }
  return into;
}

/** A table used to lay out the page rather than to hold data. */
export function isLayoutTable(table: Node): boolean {
  if (elements(table, /^(P|DIV|TABLE|H[1-6]|UL|OL|BLOCKQUOTE)$/).length > 0) return true;
  return elements(table, /^(TD|TH)$/, [], /^TABLE$/).some((cell) => squash(cell.textContent).length > 250);
}

/** A data table's rows, each as "cell; cell; cell", empty rows left out. */
export function tableRows(table: Node): string[] {
  const rows: string[] = [];
  for (const row of elements(table, /^TR$/, [], /^TABLE$/)) {
    const cells = elements(row, /^(TD|TH)$/, [], /^TABLE$/)
      .map((cell) => squash(cell.textContent))
      .filter(Boolean);
    if (cells.length) rows.push(cells.join("; "));
  }
  return rows;
}

const CODE_LINE =
  /^\s*(\$ |# |>>> |def |class |import |from \S+ import|function\b|var |let |const |public |private |return\b|if \(|for \(|while \(|#include|<\/?[a-z]+[^>]*>|[\w.]+\s*=\s*\S|[\w.]+\([^)]*\)\s*;?\s*$|\}|\{)/;

/** Code, by its lines: assignments, calls, keywords, braces, prompts, or markup. */
export function isCode(text: string): boolean {
  const lines = text.split("\n").filter((line) => line.trim());
  if (!lines.length) return false;
  const codeLines = lines.filter((line) => CODE_LINE.test(line)).length;
  const symbols = (text.match(/[{}[\]<>=$\\|_#*&@^~`]/g) ?? []).length;
  return codeLines >= lines.length * 0.3 || symbols > text.replace(/\s/g, "").length * 0.05;
}

/** The non-empty lines of preformatted text, each with its spacing collapsed. */
export function preLines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => squash(line))
    .filter(Boolean);
}
