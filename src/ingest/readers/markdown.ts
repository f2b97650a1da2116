import { marked, type Token, type Tokens } from "marked";
import { parse as parseYaml } from "yaml";
import { InputError } from "../../errors.js";
import type { Block, DocumentMeta, Dropped } from "../../types.js";
import { httpUrl } from "../../url.js";
import { markdownRuns, paragraphEmphasis } from "./emphasis.js";

export interface ParsedMarkdown {
  meta: DocumentMeta;
  blocks: Block[];
  dropped: Dropped[];
}

/**
 * Markdown → blocks through marked's lexer. Front matter becomes metadata; image references,
 * link definitions, code and HTML comments are recorded as dropped; a thematic break becomes a
 * `break` block, because in interviews it often separates the Q&A from the host's closing words.
 */
/**
 * Deepest nesting read: marked parses nested lists and quotes recursively, in time that grows
 * faster than the depth (3,000 nested list levels ran for minutes). No article nests a hundred
 * levels; 400 columns of indentation and quote marks before a line's text is far beyond that.
 */
const MAX_PREFIX = 400;

function checkNesting(source: string, file: string): void {
  let line = 1;
  let prefix = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10) {
      line++;
      prefix = 0;
    } else if (prefix >= 0 && (c === 32 || c === 9 || c === 62)) {
      prefix += c === 9 ? 4 : 1;
      if (prefix > MAX_PREFIX)
        throw new InputError(
          `${file}: line ${line} nests its list or quote more than 100 levels deep, which no article does; presscast does not read it.`,
        );
    } else prefix = -1;
  }
}

export function markdownBlocks(source: string, file: string): ParsedMarkdown {
  checkNesting(source, file);
  const dropped: Dropped[] = [];
  const { meta, body } = frontMatter(source, file);
  const blocks: Block[] = [];
  for (const token of marked.lexer(body)) walk(token, blocks, dropped, meta);
  return { meta, blocks, dropped };
}

function frontMatter(source: string, file: string): { meta: DocumentMeta; body: string } {
  const match = /^---\n([\s\S]*?)\n(?:---|\.\.\.)\n?/.exec(source);
  if (!match) return { meta: {}, body: source };
  let data: unknown;
  try {
    data = parseYaml(match[1] ?? "");
  } catch (error) {
    const line = (error as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line;
    throw new InputError(`${file}: the front matter is not valid YAML${line ? ` (line ${line + 1})` : ""}.`);
  }
  const record = data && typeof data === "object" ? (data as Record<string, unknown>) : {};
  const text = (key: string): string | undefined => {
    const value = record[key];
    if (typeof value === "string" || typeof value === "number")
      return String(value).replace(/\s+/g, " ").trim();
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (Array.isArray(value)) return value.map(String).join(", ");
    return undefined;
  };
  const meta: DocumentMeta = {};
  const pairs: Array<[keyof DocumentMeta, string[]]> = [
    ["title", ["title"]],
    ["language", ["lang", "language"]],
    ["subtitle", ["subtitle", "description", "summary"]],
    ["byline", ["author", "authors", "byline"]],
    ["url", ["url", "link", "canonical"]],
    ["published", ["date", "published"]],
  ];
  for (const [field, keys] of pairs) {
    const value = keys.map(text).find((v) => v !== undefined);
    if (value !== undefined) meta[field] = value;
  }
  return { meta, body: source.slice(match[0].length) };
}

function walk(token: Token, blocks: Block[], dropped: Dropped[], meta: DocumentMeta): void {
  switch (token.type) {
    case "heading": {
      const heading = token as Tokens.Heading;
      blocks.push({ kind: "heading", level: heading.depth, text: inline(heading.tokens, dropped) });
      return;
    }
    case "paragraph": {
      const paragraph = token as Tokens.Paragraph;
      const text = inline(paragraph.tokens, dropped);
      if (text)
        blocks.push({ kind: "paragraph", text, ...paragraphEmphasis(markdownRuns(paragraph.tokens)) });
      else if (paragraph.tokens.some((t) => t.type === "image")) blocks.push({ kind: "image" });
      return;
    }
    case "text": {
      const t = token as Tokens.Text;
      const text = t.tokens ? inline(t.tokens, dropped) : clean(t.text);
      if (text) blocks.push({ kind: "paragraph", text });
      return;
    }
    case "blockquote": {
      const inner: Block[] = [];
      for (const child of (token as Tokens.Blockquote).tokens) walk(child, inner, dropped, meta);
      for (const block of inner)
        blocks.push(block.kind === "paragraph" ? { kind: "quote", text: block.text } : block);
      return;
    }
    case "list":
      for (const item of (token as Tokens.List).items) {
        const inner: Block[] = [];
        for (const child of item.tokens) walk(child, inner, dropped, meta);
        for (const block of inner) {
          blocks.push(block.kind === "paragraph" ? { kind: "list-item", text: block.text } : block);
        }
      }
      return;
    case "hr":
      blocks.push({ kind: "break" });
      return;
    case "def":
      linkDefinition(token as Tokens.Def, dropped, meta);
      return;
    case "code":
      dropped.push({ text: (token as Tokens.Code).text, reason: "code block" });
      return;
    case "html":
      if (token.raw.trim()) dropped.push({ text: token.raw.trim(), reason: "raw HTML in Markdown" });
      return;
    case "table":
      dropped.push({ text: token.raw.trim(), reason: "table" });
      return;
    default:
      return;
  }
}

/** `[#]: key: (value)` is a Markdown comment idiom used for metadata; other definitions are link URLs. */
function linkDefinition(def: Tokens.Def, dropped: Dropped[], meta: DocumentMeta): void {
  dropped.push({ text: def.raw.trim(), reason: "link reference definition" });
  const key = def.href.replace(/:$/, "").toLowerCase();
  const value = (def.title ?? "").trim();
  if (!value || (def.tag !== "#" && def.tag !== "//")) return;
  if (key === "author" && !meta.byline) meta.byline = value.replace(/\s*https?:\/\/\S+/g, "").trim();
  const url = httpUrl(value);
  if (key === "via" && !meta.url && url) meta.url = url;
}

function inline(tokens: Token[], dropped: Dropped[]): string {
  return clean(tokens.map((token) => inlineText(token, dropped)).join(""));
}

function inlineText(token: Token, dropped: Dropped[]): string {
  switch (token.type) {
    case "image":
      dropped.push({ text: token.raw, reason: "image reference" });
      return " ";
    case "br":
      return " ";
    case "html":
      return "";
    case "codespan":
      return (token as Tokens.Codespan).text;
    case "escape":
    case "text": {
      const t = token as Tokens.Text;
      return t.tokens ? t.tokens.map((child) => inlineText(child, dropped)).join("") : decodeEntities(t.text);
    }
    default: {
      const children = (token as { tokens?: Token[] }).tokens;
      if (children) return children.map((child) => inlineText(child, dropped)).join("");
      return decodeEntities((token as { text?: string }).text ?? "");
    }
  }
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " " };

function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name] ?? "");
}

function clean(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}
