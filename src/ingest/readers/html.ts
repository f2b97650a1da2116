import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { InputError } from "../../errors.js";
import type { Block, DocumentMeta, Dropped } from "../../types.js";
import { httpUrl } from "../../url.js";
import { localLeadImage } from "../lead-image.js";
import { domRuns, paragraphEmphasis } from "./emphasis.js";
import { type El, removeChrome } from "./html-chrome.js";
import { isProse, type PageLine, pageLines, proseOnly, recoverProse, tooLittle } from "./html-recover.js";
import { isCode, isLayoutTable, MAX_TABLE_ROWS, preLines, tableRows } from "./html-tables.js";

export interface ParsedHtml {
  meta: DocumentMeta;
  blocks: Block[];
  dropped: Dropped[];
}

// linkedom's DOM types are structural; these are the few members the walker uses.
interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
  getAttribute?(name: string): string | null;
}

// A <form> is chrome too, but some sites wrap the whole page in one: chrome.ts removes it, guarded.
const NEVER_READ = "script, style, noscript, template, svg, canvas, iframe, object, button, select, textarea";
const HIDDEN = '[hidden], [aria-hidden="true"], [style*="display:none"], [style*="display: none"]';
const BLOCK_TAGS = new Set([
  "P",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "LI",
  "BLOCKQUOTE",
  "PRE",
  "TABLE",
  "FIGURE",
]);

/**
 * A saved web page → its main content as blocks, through Mozilla's Readability on linkedom.
 * Scripts, styles, JSON-LD, hidden elements, figure captions and image alt text are never read;
 * a paragraph that is nothing but a link is a "read also" box, not body text.
 */
export function htmlBlocks(html: string, file: string): ParsedHtml {
  let page = prepare(html, true, file);
  // Chrome named by class that held nearly all the prose (a forum's posts are "comments"): the
  // page is read again with only the chrome its tags and roles declare removed.
  if (proseLength(page.lines) < 500) {
    const again = prepare(html, false, file);
    if (proseLength(again.lines) >= Math.max(3 * proseLength(page.lines), 200)) page = again;
  }
  const { document, meta, hidden, allLines, lines } = page;
  const headlines = [...document.querySelectorAll("h1")].map((h) => clean(h.textContent));
  const ogTitle = document.querySelector('meta[property="og:title"]')?.getAttribute("content")?.trim();
  const ogImage = document.querySelector('meta[property="og:image"]')?.getAttribute("content");
  const pageTitle = clean(document.querySelector("title")?.textContent ?? "");
  // Readability keeps the document's structure; give it a clone-free document it may mutate.
  const article = new Readability(document as unknown as ConstructorParameters<typeof Readability>[0], {
    keepClasses: false,
  }).parse();
  const blocks: Block[] = [];
  const dropped: Dropped[] = [...hidden];
  const title = article?.title || pageTitle || ogTitle;
  if (title) meta.title = withoutSiteName(clean(title), [...headlines, ogTitle ?? ""]);
  if (article?.content && article.textContent?.trim()) {
    if (article.byline && !meta.byline) meta.byline = article.byline.replace(/^\s*by\s+/i, "").trim();
    if (article.lang && !meta.language) meta.language = article.lang;
    if (article.publishedTime && !meta.published) meta.published = article.publishedTime;
    const { document: content } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
    const image = localLeadImage([content.querySelector("img")?.getAttribute("src"), ogImage], file);
    if (image) meta.image = image;
    walk(content.body as unknown as DomNode, blocks, dropped, false);
  } else {
    const image = localLeadImage([ogImage], file);
    if (image) meta.image = image;
  }
  const headline = headlines.find((h) => h === meta.title) ?? headlines[0];
  if (isTeaserList(lines)) {
    for (const block of blocks)
      if ("text" in block) dropped.push({ text: block.text, reason: "teaser for another article" });
    return { meta, blocks: [], dropped };
  }
  const read = tooLittle(blocks, lines) ? proseOnly(lines) : recoverProse(blocks, lines, headline);
  // With chrome to name, ingest refuses the page saying what it held; with nothing, say so here.
  if (!read.length && !dropped.length)
    throw new InputError(`${file} is a web page with no readable article text.`);
  recordOutside(allLines, read, dropped);
  return { meta, blocks: read, dropped };
}

/** The page parsed, its metadata read, the never-read, hidden and chrome elements removed. */
function prepare(html: string, byName: boolean, file: string) {
  const { document } = parseHTML(wellFormed(html));
  checkShape(document.documentElement as unknown as DomElement | null, file);
  const meta = pageMeta(document);
  const hidden: Dropped[] = [];
  for (const node of document.querySelectorAll(NEVER_READ)) node.remove();
  for (const node of document.querySelectorAll(HIDDEN)) {
    const text = clean(node.textContent);
    if (text) hidden.push({ text, reason: "hidden element" });
    node.remove();
  }
  const allLines = leafLines(document.body as unknown as DomNode);
  removeChrome(document.documentElement as unknown as El, hidden, byName);
  const lines = pageLines(document.body as unknown as DomNode);
  return { document, meta, hidden, allLines, lines };
}

function proseLength(lines: PageLine[]): number {
  let total = 0;
  for (const line of lines) if (isProse(line)) total += line.text.length;
  return total;
}

/**
 * The page from its <html> tag on (or wrapped in one): linkedom builds no body for a page that
 * opens with a server's warning before <html>, or with <head> and no <html> at all.
 */
export function wellFormed(page: string): string {
  // Comments first: old pages open with conditional comments that each hold an <html> tag.
  const html = page.replace(/<!--[\s\S]*?-->/g, "");
  const start = /<html[\s>]/i.exec(html);
  if (start) return html.slice(start.index);
  const part = /<(head|body)[\s>]/i.exec(html);
  return part ? `<html>${html.slice(part.index)}</html>` : `<html><body>${html}</body></html>`;
}

/**
 * Deepest nesting and most elements read. Saved pages nest 15–60 levels and hold a few thousand
 * elements; Readability's time grows faster than the square of the depth (measured: 400 levels
 * 7 s, 800 levels 39 s, 5,000 levels minutes), so a page beyond these is refused before it runs.
 */
export const MAX_DEPTH = 200;
export const MAX_ELEMENTS = 200_000;

interface DomElement {
  children: ArrayLike<DomElement>;
}

/** Walks the tree without recursion (no stack to overflow) and refuses a page past the limits. */
function checkShape(root: DomElement | null, file: string): void {
  if (!root) return;
  const stack: Array<[DomElement, number]> = [[root, 1]];
  let count = 0;
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [DomElement, number];
    if (depth > MAX_DEPTH)
      throw new InputError(
        `${file} nests its elements more than ${MAX_DEPTH} levels deep, which no ordinary saved page does; presscast does not read it.`,
      );
    if (++count > MAX_ELEMENTS)
      throw new InputError(
        `${file} has more than ${MAX_ELEMENTS.toLocaleString("en")} elements, which no ordinary saved page has; presscast does not read it.`,
      );
    const children = node.children;
    for (let i = 0; i < children.length; i++) stack.push([children[i] as DomElement, depth + 1]);
  }
}

/**
 * "Why cities need trees | The Daily" → "Why cities need trees": a page title is often the
 * headline plus the site's name. The headline is recognised as the page's <h1> or og:title, or
 * failing that, a short name after " | ".
 */
export function withoutSiteName(title: string, headlines: string[]): string {
  const separator = /\s+[|–—·:-]{1,2}\s+/;
  for (const headline of headlines) {
    if (!headline || headline.length >= title.length || !title.startsWith(headline)) continue;
    if (separator.test(title.slice(headline.length - 1, headline.length + 4))) return headline;
  }
  const parts = title.split(/\s+\|\s+/);
  const last = parts[parts.length - 1] ?? "";
  return parts.length > 1 && last.split(/\s+/).length <= 4 ? parts.slice(0, -1).join(" | ") : title;
}

/** The text of every element with no block inside it: the page's lines as a reader sees them. */
function leafLines(root: DomNode | null): string[] {
  const lines: string[] = [];
  const visit = (node: DomNode) => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType !== 1) continue;
      if (hasBlockChild(child)) visit(child);
      else {
        const text = clean(child.textContent);
        if (text) lines.push(text);
      }
    }
  };
  if (root) visit(root);
  return lines;
}

/** Every line of the page that the extraction left out is recorded once, as outside the article. */
function recordOutside(lines: string[], blocks: Block[], dropped: Dropped[]): void {
  const kept = blocks.map((block) => ("text" in block ? block.text : "")).join("\n");
  const known = new Set(dropped.map((d) => d.text));
  for (const line of lines) {
    if (known.has(line) || kept.includes(line)) continue;
    known.add(line);
    dropped.push({ text: line, reason: "outside the article's main content" });
  }
}

function pageMeta(document: ReturnType<typeof parseHTML>["document"]): DocumentMeta {
  const meta: DocumentMeta = {};
  const attr = (selector: string, name: string) =>
    document.querySelector(selector)?.getAttribute(name)?.trim();
  const lang = document.documentElement?.getAttribute("lang")?.trim();
  if (lang) meta.language = lang;
  // Only an absolute http(s) address is the article's URL; anything else is not kept at all.
  const url =
    httpUrl(attr('link[rel="canonical"]', "href")) ?? httpUrl(attr('meta[property="og:url"]', "content"));
  if (url) meta.url = url;
  // The description the page declares; Readability's fallback excerpt is often the first paragraph.
  const description =
    attr('meta[name="description"]', "content") ?? attr('meta[property="og:description"]', "content");
  if (description) meta.subtitle = description;
  const published = attr('meta[property="article:published_time"]', "content");
  if (published) meta.published = published;
  return meta;
}

function walk(node: DomNode, blocks: Block[], dropped: Dropped[], inQuote: boolean): void {
  let run: DomNode[] = [];
  const flush = () => {
    if (run.length) inlineBlock(run, blocks, dropped, inQuote ? "quote" : "paragraph");
    run = [];
  };
  for (const child of Array.from(node.childNodes)) {
    const tag = child.nodeName.toUpperCase();
    if (child.nodeType === 3 || (child.nodeType === 1 && !BLOCK_TAGS.has(tag) && !hasBlockChild(child))) {
      run.push(child);
      continue;
    }
    if (child.nodeType !== 1) continue;
    flush();
    element(child, tag, blocks, dropped, inQuote);
  }
  flush();
}

function element(node: DomNode, tag: string, blocks: Block[], dropped: Dropped[], inQuote: boolean): void {
  const heading = /^H([1-6])$/.exec(tag);
  if (heading) {
    const text = clean(node.textContent);
    if (!text) return;
    blocks.push({ kind: "heading", level: Number(heading[1]), text });
  } else if (tag === "FIGURE") {
    const text = clean(node.textContent);
    if (text) dropped.push({ text, reason: "figure caption" });
  } else if (tag === "PRE") {
    const raw = node.textContent ?? "";
    if (isCode(raw)) dropped.push({ text: clean(raw), reason: "code block" });
    else for (const text of preLines(raw)) blocks.push({ kind: "list-item", text });
  } else if (tag === "TABLE" && isLayoutTable(node)) {
    walk(node, blocks, dropped, inQuote);
  } else if (tag === "TABLE") {
    const rows = tableRows(node);
    if (rows.length > MAX_TABLE_ROWS)
      dropped.push({ text: clean(node.textContent), reason: "long data table" });
    else for (const text of rows) blocks.push({ kind: "list-item", text });
  } else if (tag === "BLOCKQUOTE") {
    walk(node, blocks, dropped, true);
  } else if (tag === "LI" && !hasBlockChild(node)) {
    inlineBlock([node], blocks, dropped, "list-item");
  } else if (tag === "P" && !hasBlockChild(node)) {
    inlineBlock([node], blocks, dropped, inQuote ? "quote" : "paragraph");
  } else {
    walk(node, blocks, dropped, inQuote);
  }
}

/**
 * A page of teasers: its prose sits under three or more headings that are links to other articles,
 * and outside them there is less than a paragraph. It has no article of its own to read.
 */
function isTeaserList(lines: PageLine[]): boolean {
  let teasers = 0;
  let own = 0;
  let underTeaser = false;
  let sectionProse = 0;
  for (const line of lines) {
    if (line.heading) {
      underTeaser = line.linked >= line.text.length * 0.9;
      sectionProse = 0;
      if (underTeaser) teasers++;
      // Some pages set whole paragraphs in heading tags: long heading text is the page's own.
      else if (line.text.split(" ").length >= 12) own += line.text.length;
    } else if (isProse(line)) {
      sectionProse++;
      // A linked heading over more than two paragraphs is an article's own (a blog's post title).
      if (!underTeaser || sectionProse > 2) own += line.text.length;
    }
  }
  return teasers >= 3 && own < 200;
}

function hasBlockChild(node: DomNode): boolean {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType !== 1) continue;
    const tag = child.nodeName.toUpperCase();
    if (BLOCK_TAGS.has(tag) || tag === "DIV" || tag === "UL" || tag === "OL" || hasBlockChild(child))
      return true;
  }
  return false;
}

function inlineBlock(
  nodes: DomNode[],
  blocks: Block[],
  dropped: Dropped[],
  kind: "paragraph" | "quote" | "list-item",
) {
  const parts: string[] = [];
  let linked = 0;
  for (const node of nodes) collect(node, parts, (length) => (linked += length), dropped);
  const text = clean(parts.join(""));
  if (!text) return;
  if (linked >= text.replace(/\s/g, "").length * 0.75 && text.length < 200 && kind !== "quote") {
    dropped.push({ text, reason: "link-only paragraph (related-article box)" });
    return;
  }
  blocks.push(kind === "paragraph" ? { kind, text, ...paragraphEmphasis(domRuns(nodes)) } : { kind, text });
}

function collect(node: DomNode, parts: string[], onLink: (length: number) => void, dropped: Dropped[]): void {
  if (node.nodeType === 3) {
    parts.push(node.textContent ?? "");
    return;
  }
  if (node.nodeType !== 1) return;
  const tag = node.nodeName.toUpperCase();
  if (tag === "BR") parts.push(" ");
  else if (tag === "IMG" || tag === "PICTURE" || tag === "VIDEO" || tag === "AUDIO") return;
  else if (tag === "FIGCAPTION") {
    const text = clean(node.textContent);
    if (text) dropped.push({ text, reason: "figure caption" });
  } else {
    if (tag === "A") onLink(clean(node.textContent).replace(/\s/g, "").length);
    for (const child of Array.from(node.childNodes))
      collect(child, parts, tag === "A" ? () => {} : onLink, dropped);
  }
}

function clean(text: string | null): string {
  return (text ?? "").replace(/\s+/g, " ").trim();
}
