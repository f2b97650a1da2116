/**
 * The one place that decides what an input is: a presscast script, a saved web page, Markdown or
 * plain text. Each format has a reader that names its file extensions and can sniff its own
 * content; the name (or a server's media type) promises a format, and the content may overrule
 * it where a promise is commonly wrong (a page saved as .txt).
 */
import { extname } from "node:path";
import { InputError } from "../../errors.js";
import { isScriptText } from "../../script-file/load.js";
import type { Document } from "../../types.js";

export type InputFormat = "script" | Document["format"];

interface Reader {
  format: InputFormat;
  /** Extensions that promise this format. */
  extensions: readonly string[];
  /** Media types a server sends for it. */
  mediaTypes: readonly string[];
  /** True when the text starts the way this format does. */
  sniff(text: string): boolean;
}

/** In the order their sniffs are tried; text takes whatever the others do not. */
const READERS: readonly Reader[] = [
  // A script is recognised by its first lines whatever its name, so an edited script can be saved as anything.
  { format: "script", extensions: [], mediaTypes: [], sniff: isScriptText },
  {
    format: "html",
    extensions: [".html", ".htm", ".xhtml"],
    mediaTypes: ["text/html", "application/xhtml+xml"],
    sniff: (text) =>
      /^(<!doctype html|<html|<head|<body|<\?xml[^>]*>\s*<html)/.test(
        text.slice(0, 2048).trimStart().toLowerCase(),
      ),
  },
  {
    format: "markdown",
    extensions: [".md", ".markdown"],
    mediaTypes: ["text/markdown", "text/x-markdown"],
    sniff: (text) => /^---\n[\s\S]*?\n---\n/.test(text) || /^#{1,6} \S/m.test(text.slice(0, 4096)),
  },
  { format: "text", extensions: [".txt", ".text"], mediaTypes: ["text/plain"], sniff: () => true },
];

/** Where an input came from: a file's name, or a server's answer for a URL. */
export interface Origin {
  /** The file name, or the URL asked for. */
  name: string;
  /** The media type a server sent (lower case, no parameters; "" for none); undefined for a file. */
  mediaType?: string | undefined;
  /** A URL's address after redirects, whose path's extension counts. default: name */
  location?: string | undefined;
}

const readerOf = (test: (reader: Reader) => boolean) => READERS.find(test)?.format;

/**
 * The format the origin promises, or undefined when it promises none (a file without an
 * extension, a URL ending in /, a server's generic type). A file's unknown extension is refused:
 * presscast does not guess what a .pdf or .docx holds. text/plain promises little (raw Markdown
 * is often served as it), so there the URL's own extension speaks first.
 */
export function promisedFormat(origin: Origin): Document["format"] | undefined {
  if (origin.mediaType === undefined) {
    const ext = extname(origin.name).toLowerCase();
    if (ext === "") return undefined;
    const format = readerOf((r) => r.extensions.includes(ext));
    if (format === undefined || format === "script") {
      throw new InputError(
        `${origin.name} has the extension "${ext}", which presscast does not read; give a .txt, .md or .html file.`,
      );
    }
    return format;
  }
  const byType = readerOf((r) => r.mediaTypes.includes(origin.mediaType ?? ""));
  if (byType === "html" || byType === "markdown") return byType;
  const ext = extname(new URL(origin.location ?? origin.name).pathname).toLowerCase();
  const byExt = readerOf((r) => r.extensions.includes(ext));
  if (byExt === "html" || byExt === "markdown") return byExt;
  return byType === "text" ? "text" : undefined;
}

/** Before decoding: whether the bytes should be decoded as a page (its own charset declaration counts). */
export function decodeAsHtml(bytes: Uint8Array, origin: Origin): boolean {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 2048));
  if (/<html|<!doctype html/i.test(head)) return true;
  try {
    return promisedFormat(origin) === "html";
  } catch {
    return false; // an unknown extension: refused once the text shows it is not a script
  }
}

/**
 * The decoded text's format. A script is a script whatever was promised; a page saved as .txt
 * (or served as text/plain) is read as a page; Markdown is sniffed only when nothing was
 * promised, since plain text may contain "#".
 */
export function chooseFormat(text: string, origin: Origin): InputFormat {
  const [script, html, markdown] = READERS;
  if (script?.sniff(text)) return "script";
  const promised = promisedFormat(origin);
  if (html?.sniff(text)) return "html";
  if (promised !== undefined) return promised;
  return markdown?.sniff(text) ? "markdown" : "text";
}
