import { basename, extname } from "node:path";
import { InputError } from "../errors.js";
import { readLimited } from "../input-file.js";
import type { Block, Document, DocumentMeta, Dropped } from "../types.js";
import { removeBoilerplate } from "./boilerplate.js";
import { dropRelatedBoxes, trimEdges } from "./chrome-boxes.js";
import type { htmlBlocks } from "./readers/html.js";
import { markdownBlocks } from "./readers/markdown.js";
import { textBlocks, unquote } from "./readers/text.js";

/** Largest article presscast reads: a long book is 1–2 MB of text, so 10 MB is surely not an article. */
export const MAX_BYTES = 10 * 1024 * 1024;

/**
 * Decoded article text in a known format → its Document. The HTML reader (linkedom and
 * Readability, about 25 MB of memory) is loaded only for HTML. `title` names an article that
 * states none (default: from the file name).
 */
export async function documentFromText(
  text: string,
  name: string,
  format: Document["format"],
  title?: string,
): Promise<Document> {
  const html = format === "html" ? (await import("./readers/html.js")).htmlBlocks : undefined;
  return ingestText(text, name, format, html, title);
}

/**
 * The same, synchronously: HTML needs the HTML reader passed in (`htmlBlocks` from
 * ./readers/html.js). Every article gets a title (`title` when it states none, default: from the
 * file name) and its headings without quotes around them, so segment needs nothing from here.
 */
export function ingestText(
  text: string,
  file: string,
  format: Document["format"],
  readHtml?: typeof htmlBlocks,
  title: string = titleFromFile(file),
): Document {
  const dropped: Dropped[] = [];
  let meta: DocumentMeta = {};
  let blocks: Block[];
  if (format === "html") {
    if (!readHtml) throw new Error(`ingestText: ${file} is HTML, and no HTML reader was given`);
    const parsed = readHtml(text, file);
    ({ meta, blocks } = parsed);
    dropped.push(...parsed.dropped);
  } else if (format === "markdown") {
    const parsed = markdownBlocks(text, file);
    ({ meta, blocks } = parsed);
    dropped.push(...parsed.dropped);
  } else {
    blocks = textBlocks(text);
  }
  blocks = removeBoilerplate(blocks, dropped);
  blocks = trimEdges(dropRelatedBoxes(blocks, dropped), dropped);
  blocks = takeTitle(blocks, meta, dropped);
  blocks = dropAuthorBio(blocks, meta, dropped);
  if (!blocks.some((block) => "text" in block && block.kind !== "heading")) {
    throw new InputError(`${file} has no article text to read (only ${describe(blocks, dropped)}).`);
  }
  blocks = blocks.map((block) =>
    block.kind === "heading" ? { ...block, text: unquote(block.text) } : block,
  );
  return { file, format, meta: { ...meta, title: meta.title ?? title }, blocks, dropped };
}

/** An article file's bytes: a regular file of at most MAX_BYTES, else an InputError naming it. */
export async function readArticle(file: string): Promise<Uint8Array> {
  return readLimited(file, { what: file, maxBytes: MAX_BYTES, hint: "; check the path" });
}

/**
 * The title: the page's or front matter's if it has one (a heading repeating it is dropped),
 * else a first heading that comes before any body text. Quotes around it go.
 */
function takeTitle(blocks: Block[], meta: DocumentMeta, dropped: Dropped[]): Block[] {
  const first = blocks[0];
  const same = (a: string, b: string) => normal(a) === normal(b);
  if (meta.title) {
    meta.title = unquote(meta.title);
    const index = blocks.findIndex((b) => b.kind === "heading" && same(unquote(b.text), meta.title ?? ""));
    if (index >= 0 && index <= 3) {
      dropped.push({ text: (blocks[index] as { text: string }).text, reason: "heading repeats the title" });
      return blocks.filter((_, i) => i !== index);
    }
    return blocks;
  }
  if (first?.kind === "heading") {
    meta.title = unquote(first.text);
    return blocks.slice(1);
  }
  return blocks;
}

const BIO_VERB =
  "(is|was|writes|has been|ist|war|schreibt|arbeitet|est|était|écrit|es|fue|escribe|è|scrive|jest|pisze)";
const BIO_ROLE =
  /\b(journalist|reporter|editor|writer|correspondent|columnist|author|contributor|redakteur|redakteurin|journalistin|korrespondent|korrespondentin|autor|autorin|volontär|volontärin|journaliste|rédacteur|rédactrice|correspondant|correspondante|periodista|redactor|redactora|corresponsal|giornalista|redattore|dziennikarz|dziennikarka|redaktor)\b/i;

/**
 * The author box after the article: "Jane Doe is a historian who…" with the byline's name, or
 * in any case a short closing paragraph that introduces a named person as a journalist or writer.
 */
function dropAuthorBio(blocks: Block[], meta: DocumentMeta, dropped: Dropped[]): Block[] {
  const name = meta.byline
    ?.replace(/^\s*(by|von|par|por|di|door|przez)\s+/i, "")
    .split(/[,(|]/)[0]
    ?.trim();
  const named =
    name && name.length >= 3
      ? new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} ${BIO_VERB}\\b`, "i")
      : undefined;
  const introduced = new RegExp(`^\\p{Lu}[\\p{L}'.-]+( \\p{Lu}[\\p{L}'.-]+){1,2} ${BIO_VERB}\\b`, "u");
  return blocks.filter((block, i) => {
    if (i < blocks.length - 3 || block.kind !== "paragraph") return true;
    const bio =
      named?.test(block.text) ||
      (introduced.test(block.text) && block.text.split(/\s+/).length <= 40 && BIO_ROLE.test(block.text));
    if (!bio) return true;
    dropped.push({ text: block.text, reason: "author bio" });
    return false;
  });
}

function normal(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function describe(blocks: Block[], dropped: Dropped[]): string {
  if (dropped.length === 0 && blocks.length === 0) return "markup";
  const reasons = [...new Set(dropped.map((d) => d.reason))].slice(0, 3);
  return reasons.length ? `lines dropped as ${reasons.join(", ")}` : "headings";
}

/** A readable fallback title from the file name: "csto-interview.txt" → "Csto interview". */
export function titleFromFile(file: string): string {
  const stem = basename(file, extname(file))
    .replace(/[-_.]+/g, " ")
    .trim();
  return stem ? stem.charAt(0).toUpperCase() + stem.slice(1) : "Untitled";
}
