import { analyse } from "chardet";

/**
 * Which encoding a file's bytes are in, when no BOM says so. Browsers trust a page's declaration;
 * saved pages and text files lie often enough (a page declaring UTF-8 written in windows-1252, a
 * Latin-1 declaration over UTF-8 bytes) that the bytes get the last word where they are clear:
 * valid UTF-8 with multi-byte letters is UTF-8 whatever is declared, and bytes that are not
 * UTF-8 are not read as UTF-8 whatever is declared.
 */
export type Decoding =
  | { kind: "encoding"; encoding: string; how: "declared" | "utf-8" | "detected" | "fallback" }
  /** Mostly UTF-8 with a few stray single bytes (an edit in another editor): each read as windows-1252. */
  | { kind: "mixed" };

/** How the UTF-8 reading of the bytes fares: valid multi-byte characters against invalid bytes. */
export interface Utf8Scan {
  multibyte: number;
  invalid: number;
}

export function scanUtf8(bytes: Uint8Array): Utf8Scan {
  let multibyte = 0;
  let invalid = 0;
  for (let i = 0; i < bytes.length; ) {
    const length = sequenceLength(bytes, i);
    if (length === 0) {
      invalid++;
      i++;
    } else {
      if (length > 1) multibyte++;
      i += length;
    }
  }
  return { multibyte, invalid };
}

/** The length of the valid UTF-8 sequence at i, or 0 when the byte there starts none. */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const a = bytes[i] ?? 0;
  if (a < 0x80) return 1;
  const cont = (k: number) => {
    const b = bytes[i + k];
    return b !== undefined && b >= 0x80 && b <= 0xbf;
  };
  const b = bytes[i + 1] ?? 0;
  if (a >= 0xc2 && a <= 0xdf) return cont(1) ? 2 : 0;
  if (a >= 0xe0 && a <= 0xef) {
    if ((a === 0xe0 && b < 0xa0) || (a === 0xed && b > 0x9f)) return 0;
    return cont(1) && cont(2) ? 3 : 0;
  }
  if (a >= 0xf0 && a <= 0xf4) {
    if ((a === 0xf0 && b < 0x90) || (a === 0xf4 && b > 0x8f)) return 0;
    return cont(1) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

/** Single-byte and CJK encodings whose declaration is believed when the bytes are not UTF-8. */
export function chooseDecoding(bytes: Uint8Array, declared: string | undefined): Decoding {
  const scan = scanUtf8(bytes);
  if (scan.invalid === 0 && (scan.multibyte > 0 || !declared || declared === "utf-8"))
    return { kind: "encoding", encoding: "utf-8", how: "utf-8" };
  if (declared && declared !== "utf-8" && supported(declared))
    return { kind: "encoding", encoding: declared, how: "declared" };
  // A handful of stray bytes among many good UTF-8 letters: the file is UTF-8 that was touched
  // by another editor, and reading all of it as a legacy encoding would garble every letter.
  if (scan.multibyte >= 3 && scan.invalid <= scan.multibyte / 2) return { kind: "mixed" };
  const detected = detect(bytes);
  if (detected) return { kind: "encoding", encoding: detected, how: "detected" };
  return { kind: "encoding", encoding: "windows-1252", how: "fallback" };
}

/** chardet's best guess that is not UTF-8 (already ruled out) and that this Node can decode. */
function detect(bytes: Uint8Array): string | undefined {
  const sample = bytes.length > 262144 ? bytes.subarray(0, 262144) : bytes;
  for (const match of analyse(sample)) {
    if (match.confidence < 10) break;
    const name = match.name.toLowerCase();
    if (name === "utf-8" || name.startsWith("utf-16") || name.startsWith("utf-32")) continue;
    // ISO-8859-1 as detected is, in practice, windows-1252 (as every browser treats it).
    const encoding = name === "iso-8859-1" ? "windows-1252" : name;
    if (supported(encoding)) return new TextDecoder(encoding).encoding;
  }
  return undefined;
}

export function supported(encoding: string): boolean {
  try {
    new TextDecoder(encoding);
    return true;
  } catch {
    return false;
  }
}

/** UTF-8 where the bytes are UTF-8; each stray byte alone as windows-1252. */
export function decodeMixed(bytes: Uint8Array): string {
  const utf8 = new TextDecoder("utf-8");
  const single = new TextDecoder("windows-1252");
  let out = "";
  let start = 0;
  for (let i = 0; i < bytes.length; ) {
    const length = sequenceLength(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    out += utf8.decode(bytes.subarray(start, i)) + single.decode(bytes.subarray(i, i + 1));
    i++;
    start = i;
  }
  return out + utf8.decode(bytes.subarray(start));
}
