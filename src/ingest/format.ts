import { extname } from "node:path";
import { InputError } from "../errors.js";
import type { Document } from "../types.js";

const BY_EXTENSION: Record<string, Document["format"]> = {
  ".txt": "text",
  ".text": "text",
  ".md": "markdown",
  ".markdown": "markdown",
  ".html": "html",
  ".htm": "html",
  ".xhtml": "html",
};

/** The format a file's name promises, or undefined when the name says nothing (no extension). */
export function formatFromName(file: string): Document["format"] | undefined {
  const ext = extname(file).toLowerCase();
  if (ext === "") return undefined;
  const format = BY_EXTENSION[ext];
  if (!format) {
    throw new InputError(
      `${file} has the extension "${ext}", which presscast does not read; give a .txt, .md or .html file.`,
    );
  }
  return format;
}

/** Content sniffing: a saved page starts with a doctype or an <html>/<head>/<body> tag. */
export function sniffFormat(text: string): Document["format"] {
  const head = text.slice(0, 2048).trimStart().toLowerCase();
  if (/^(<!doctype html|<html|<head|<body|<\?xml[^>]*>\s*<html)/.test(head)) return "html";
  if (/^---\n[\s\S]*?\n---\n/.test(text) || /^#{1,6} \S/m.test(text.slice(0, 4096))) return "markdown";
  return "text";
}

/**
 * A .txt file (or a text/plain page) that is really a saved page is read as HTML; otherwise what
 * the name or server promised decides. Markdown sniffing only applies when nothing was promised,
 * since plain text may contain "#".
 */
export function resolveFormat(promised: Document["format"] | undefined, text: string): Document["format"] {
  const sniffed = sniffFormat(text);
  if (promised === undefined) return sniffed;
  if (promised !== "html" && sniffed === "html") return "html";
  return promised;
}
