/**
 * The one entry for everything presscast reads: a file, or bytes with the name or URL they came
 * from. The bytes are read once, decoded once, and their format chosen in one place
 * (readers/choose.ts): a presscast script comes back as the Script it is, anything else as the
 * article's Document.
 */
import { InputError } from "../errors.js";
import { scriptFromText } from "../script-file/load.js";
import type { Document, Script } from "../types.js";
import { decode } from "./decode.js";
import { documentFromText, MAX_BYTES, readArticle } from "./ingest.js";
import { chooseFormat, decodeAsHtml, type Origin } from "./readers/choose.js";

export type Input = { kind: "script"; script: Script } | { kind: "article"; document: Document };

/** Bytes and where they came from; the name (a file's, or the URL) names them in every message. */
export interface InputBytes extends Origin {
  bytes: Uint8Array;
  /** The charset a server declared, if any. */
  charset?: string | undefined;
  /** The title when the article states none. default: from the file name */
  title?: string | undefined;
}

/** A file (at most 10 MB, a regular file) or bytes → a Script or a Document. */
export async function readInput(source: string | InputBytes): Promise<Input> {
  const input: InputBytes =
    typeof source === "string" ? { name: source, bytes: await readArticle(source) } : source;
  const { name, bytes } = input;
  if (bytes.length > MAX_BYTES)
    throw new InputError(`${name} is more than the 10 MB presscast reads for it; give a smaller file.`);
  const html = decodeAsHtml(bytes, input);
  const text = decode(bytes, name, html ? "html" : "text", input.charset);
  const format = chooseFormat(text, input);
  if (format === "script") return { kind: "script", script: scriptFromText(text, name) };
  return { kind: "article", document: await documentFromText(text, name, format, input.title) };
}

/** An article file → its Document; a presscast script is refused (it is read by readInput). */
export async function ingest(file: string): Promise<Document> {
  const input = await readInput(file);
  if (input.kind === "script") throw new InputError(`${file} is a presscast script, not an article.`);
  return input.document;
}
