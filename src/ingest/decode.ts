import { TextDecoder } from "node:util";
import { InputError } from "../errors.js";
import { chooseDecoding, decodeMixed } from "./charset.js";

/**
 * Bytes → text, as a browser would read them, but never into mojibake: a BOM decides; then the
 * charset the server declared (`served`, when the caller has one) or by the page
 * itself, unless the bytes plainly contradict it; then UTF-8 if the bytes are UTF-8; then
 * detection; then windows-1252. Plain text and Markdown go the same way without a declaration.
 * Nothing is refused for its encoding: every byte sequence decodes to something readable.
 */
export function decode(
  bytes: Uint8Array,
  file: string,
  format: "text" | "markdown" | "html",
  served?: string,
): string {
  if (bytes.length === 0) throw new InputError(`${file} is empty (0 bytes); give presscast an article.`);
  const bom = bomEncoding(bytes);
  if (bom) return finish(new TextDecoder(bom.encoding).decode(bytes.subarray(bom.length)), file);
  if (looksBinary(bytes)) {
    throw new InputError(`${file} is a binary file, not an article; give a .txt, .md or .html file.`);
  }
  const page = format === "html" ? declaredCharset(bytes) : undefined;
  const server = canonical(served);
  // A server that calls every page UTF-8 is common; the page's own declaration may be right.
  const declared = server && !(server === "utf-8" && page && page !== "utf-8") ? server : page;
  const choice = chooseDecoding(bytes, declared);
  if (choice.kind === "mixed") return finish(decodeMixed(bytes), file);
  return finish(new TextDecoder(choice.encoding).decode(bytes), file);
}

function finish(text: string, file: string): string {
  if (text.includes("\u0000")) {
    throw new InputError(`${file} contains NUL bytes, so it is not a text article; save it as plain UTF-8.`);
  }
  const normal = normalizeSpaces(text.normalize("NFC"));
  if (normal.trim() === "")
    throw new InputError(`${file} contains only whitespace; there is nothing to read.`);
  return normal;
}

/** No-break spaces become spaces; zero-width characters and soft hyphens disappear. */
export function normalizeSpaces(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\u00a0\u2007\u202f\u2000-\u200a\u3000]/g, " ")
    .replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, "");
}

function bomEncoding(bytes: Uint8Array): { encoding: string; length: number } | undefined {
  const [a, b, c] = bytes;
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: "utf-8", length: 3 };
  if (a === 0xff && b === 0xfe) return { encoding: "utf-16le", length: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: "utf-16be", length: 2 };
  return undefined;
}

const MAGIC: number[][] = [
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x25, 0x50, 0x44, 0x46], // PDF
  [0x50, 0x4b, 0x03, 0x04], // ZIP, DOCX, EPUB
  [0x49, 0x44, 0x33], // MP3 with ID3
  [0x1f, 0x8b], // gzip
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x52, 0x49, 0x46, 0x46], // RIFF (WAV, WebP)
  [0x7f, 0x45, 0x4c, 0x46], // ELF
];

/** Known magic numbers, or control bytes that no text file has, in the first 8 KB. */
export function looksBinary(bytes: Uint8Array): boolean {
  if (MAGIC.some((magic) => magic.every((byte, i) => bytes[i] === byte))) return true;
  const head = bytes.subarray(0, 8192);
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return true;
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1b)) control++;
  }
  return control > head.length * 0.01;
}

/** The charset an HTML page declares in its first 8 KB (`<meta charset>`, http-equiv or `<?xml encoding>`). */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 8192));
  const match =
    /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head) ??
    /^\s*<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i.exec(head);
  return canonical(match?.[1]);
}

/** A charset label as the Encoding standard names it ("latin1" → "windows-1252"); unknown → undefined. */
function canonical(label: string | undefined): string | undefined {
  if (!label) return undefined;
  try {
    // UTF-16 declared in a page that has no BOM is the page lying (it was saved as bytes).
    const encoding = new TextDecoder(label.trim().toLowerCase()).encoding;
    return encoding.startsWith("utf-16") ? "utf-8" : encoding;
  } catch {
    return undefined;
  }
}
