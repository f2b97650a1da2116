import type { Block } from "../../types.js";

/**
 * Plain text → blocks. Text copied from a page has one paragraph per line; text typed for print is
 * hard-wrapped, with blank lines between paragraphs. Both are recognised from the line lengths.
 * A short line that stands alone and reads like a title (no closing full stop, or wholly quoted)
 * becomes a heading.
 */
export function textBlocks(text: string): Block[] {
  const lines = text.split("\n").map((line) => line.replace(/\s+/g, " ").trim());
  const paragraphs = isHardWrapped(lines) ? joinWrapped(lines) : lines.filter((line) => line !== "");
  return paragraphs.map((paragraph, i) => toBlock(paragraph, lines, paragraphs, i));
}

function isHardWrapped(lines: string[]): boolean {
  const filled = lines.filter((line) => line !== "");
  if (filled.length < 6) return false;
  const longest = Math.max(...filled.map((line) => line.length));
  const continued: string[] = [];
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i] ?? "";
    if (line !== "" && lines[i + 1] !== "") continued.push(line);
  }
  // Wrapped lines run close to the wrap width and mostly break mid-sentence; one-paragraph-per-line
  // text (and a list of short labels) ends nearly every line with punctuation.
  const full = continued.filter((line) => line.length >= longest * 0.6).length;
  const ended = continued.filter((line) => /[.!?:;"»”)]$/.test(line)).length;
  return (
    longest >= 50 &&
    longest <= 100 &&
    continued.length >= filled.length * 0.4 &&
    full >= continued.length * 0.7 &&
    ended <= continued.length * 0.5
  );
}

function joinWrapped(lines: string[]): string[] {
  const out: string[] = [];
  let current: string[] = [];
  for (const line of lines) {
    if (line === "") {
      if (current.length) out.push(current.join(" "));
      current = [];
    } else {
      current.push(line);
    }
  }
  if (current.length) out.push(current.join(" "));
  return out;
}

const QUOTE_OPEN = "\"'«“‘„‚‹";
const QUOTE_CLOSE = "\"'»”’“‹›";

/** True when the whole line is wrapped in quotes, matched or not (the seed has «…"). */
export function isWhollyQuoted(line: string): boolean {
  const first = line[0] ?? "";
  const last = line[line.length - 1] ?? "";
  if (!QUOTE_OPEN.includes(first) || !QUOTE_CLOSE.includes(last) || line.length < 3) return false;
  const inner = line.slice(1, -1);
  return !/["«»“”]/.test(inner.replace(/"[^"]*"|«[^»]*»|“[^”]*”/g, ""));
}

/** Removes one pair of quotes around a whole heading, matched or mismatched. */
export function unquote(line: string): string {
  return isWhollyQuoted(line) ? line.slice(1, -1).trim() : line;
}

function toBlock(paragraph: string, _lines: string[], all: string[], index: number): Block {
  const next = all[index + 1];
  if (index === 0 && looksLikeTitle(paragraph, next)) return { kind: "heading", level: 1, text: paragraph };
  // The line under a title is its standfirst, read by the narrator, not a section heading.
  const underTitle = index === 1 && looksLikeTitle(all[0] ?? "", paragraph);
  if (!underTitle && looksLikeHeading(paragraph, next)) return { kind: "heading", level: 2, text: paragraph };
  return { kind: "paragraph", text: paragraph };
}

/** The first line of a text file, short and without a full stop, with text after it, is its title. */
function looksLikeTitle(line: string, next: string | undefined): boolean {
  if (next === undefined || line.length > 140) return false;
  if (/^[—–-]\s/.test(line) || /^[\p{L}][\p{L} .'-]{0,40}:\s/u.test(line)) return false;
  const words = line.split(" ").length;
  return /^[\p{Lu}\p{N}"'«“„‚‹]/u.test(line) && !/[.!?…:;,]$/.test(line) && words >= 2 && words <= 20;
}

function looksLikeHeading(line: string, next: string | undefined): boolean {
  if (next === undefined || line.length > 140 || line.length < 3) return false;
  const words = line.split(" ").length;
  if (/^[—–-]\s/.test(line) || /^[\p{L}][\p{L} .'-]{0,40}:\s/u.test(line)) return false;
  // A quoted line with no closing full stop is a headline ("«…"), a quoted sentence is speech.
  if (isWhollyQuoted(line))
    return words >= 2 && !/[.!?…,]$/.test(line.slice(0, -1)) && next.length > line.length;
  if (words < 3) return false;
  // An unquoted title: no sentence punctuation at the end, starts with a capital, followed by a longer paragraph.
  return /^\p{Lu}/u.test(line) && !/[.!?…:;,]$/.test(line) && next.length > line.length * 1.5 && words <= 16;
}
