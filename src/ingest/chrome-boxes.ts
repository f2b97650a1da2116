import type { Block, Dropped } from "../types.js";
import { isReadMore } from "./chrome-lines.js";

/**
 * Chrome that is a run of blocks rather than one line: a box titled "Read more" / "Das könnte
 * Sie auch interessieren" with its teasers under it, and the short labels (a section name, a
 * tag, "Community") left before the article's first sentence or after its last.
 */

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** A teaser under a related-box title: a list item, or a paragraph of a few lines (fewer under a plain line). */
function isTeaser(block: Block, underHeading: boolean): boolean {
  if (!("text" in block)) return true;
  if (block.kind === "heading") return false;
  return block.kind === "list-item" || words(block.text) <= (underHeading ? 60 : 25);
}

/** Drops each related box: its title (a heading or a line of its own) and the teasers under it. */
export function dropRelatedBoxes(blocks: Block[], dropped: Dropped[]): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const block = blocks[i] as Block;
    const title =
      "text" in block && (block.kind === "heading" || words(block.text) <= 8) && isReadMore(block.text);
    if (!title) {
      out.push(block);
      continue;
    }
    dropped.push({ text: block.text, reason: "related-box title" });
    // The box runs to the next heading, or for at most a dozen teasers (six under a plain line).
    const underHeading = block.kind === "heading";
    const reach = underHeading ? 12 : 6;
    let j = i + 1;
    while (j < blocks.length && j <= i + reach && isTeaser(blocks[j] as Block, underHeading)) {
      const teaser = blocks[j] as Block;
      if ("text" in teaser) dropped.push({ text: teaser.text, reason: "related box" });
      j++;
    }
    i = j - 1;
  }
  return out;
}

/** A label rather than text: a few words, no sentence ending, not a heading. */
function isLabel(block: Block): boolean {
  if (!("text" in block) || block.kind === "heading") return false;
  return words(block.text) <= 3 && !/[.!?…"»”]$/.test(block.text.trim()) && block.text.length <= 40;
}

/** Drops labels before the article's first sentence and after its last. */
export function trimEdges(blocks: Block[], dropped: Dropped[]): Block[] {
  let start = 0;
  while (start < blocks.length && isLabel(blocks[start] as Block)) start++;
  let end = blocks.length;
  while (end > start && (isLabel(blocks[end - 1] as Block) || !("text" in (blocks[end - 1] as Block)))) end--;
  for (const [i, block] of blocks.entries()) {
    if ((i < start || i >= end) && "text" in block)
      dropped.push({ text: block.text, reason: "label outside the article" });
  }
  return blocks.slice(start, end);
}
