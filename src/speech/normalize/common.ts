/**
 * Language-independent clean-up around the per-language rules. Engines read stray symbols aloud
 * ("quote", "dash") or drop them silently (Flite and non-ASCII), and none pauses at an em dash, so
 * typography is turned into plain punctuation the engines do pause at.
 */

/** Before the language rules: invisible characters, odd spaces and apostrophes made uniform. */
export function prepare(text: string): string {
  return (
    text
      .normalize("NFC")
      .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, "")
      .replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\r\n]/g, " ")
      // A curly apostrophe inside or before a word is an apostrophe ("don’t", "’80s"), not a quote.
      .replace(/(?<=\p{L})[’‘ʼ`](?=\p{L})/gu, "'")
      .replace(/(?<![\p{L}\p{N}])[’‘](?=\d\d)/gu, "'")
      .replace(/…/g, "...")
      .replace(/[‐‑]/g, "-")
      .replace(/ {2,}/g, " ")
  );
}

/** Quote marks of every script; an apostrophe inside a word survives (see `prepare`). */
const QUOTES =
  /["“”„‟«»‹›〈〉「」『』]|(?<![\p{L}\p{N}])'(?!\d\d)|(?<=[\p{L}\p{N}.,!?])'(?![\p{L}])|[‘’‚‛]/gu;

/**
 * After the language rules: quotes stripped, dashes and brackets turned into commas (which every
 * engine pauses at), leftover symbols removed, and the punctuation tidied so that no engine says
 * "comma" or stumbles over ", ,".
 */
export function finish(text: string): string {
  return (
    text
      .replace(QUOTES, "")
      // A dash opening a turn ("— Against the background...") is typography, not a pause.
      .replace(/^\s*[—–-]+\s*/, "")
      .replace(/\s*[—―]\s*|\s+[–-]+\s+|\s*--+\s*/g, ", ")
      .replace(/–/g, "-")
      .replace(/\s*[([{]\s*/g, ", ")
      .replace(/\s*[)\]}]\s*/g, ", ")
      .replace(/[*_~|•·¶§^\\<>]/g, " ")
      .replace(/(?<!\p{L})#(?=\p{L})/gu, "")
      .replace(/#/g, " ")
      .replace(/ {2,}/g, " ")
      .replace(/\s+([,.;:!?])/g, "$1")
      .replace(/([,;:])(?:\s*[,;:])+/g, "$1")
      .replace(/[,;:]+\s*([.!?])/g, "$1")
      .replace(/^[\s,;:.]+/, "")
      .replace(/[\s,;:]+$/, "")
      .trim()
  );
}

const SPECIAL_LATIN: Record<string, string> = {
  ß: "ss",
  ẞ: "SS",
  æ: "ae",
  Æ: "AE",
  œ: "oe",
  Œ: "OE",
  ø: "o",
  Ø: "O",
  ł: "l",
  Ł: "L",
  đ: "d",
  Đ: "D",
  ð: "d",
  Ð: "D",
  þ: "th",
  Þ: "Th",
  ı: "i",
};

const CYRILLIC =
  "а:a б:b в:v г:g д:d е:e ё:yo ж:zh з:z и:i й:y к:k л:l м:m н:n о:o п:p р:r с:s т:t у:u ф:f х:kh ц:ts ч:ch ш:sh щ:shch ъ: ы:y ь: э:e ю:yu я:ya і:i ї:yi є:ye ґ:g";
const CYRILLIC_MAP = new Map<string, string>();
for (const pair of CYRILLIC.split(" ")) {
  const [from = "", to = ""] = pair.split(":");
  CYRILLIC_MAP.set(from, to);
  CYRILLIC_MAP.set(from.toUpperCase(), to.charAt(0).toUpperCase() + to.slice(1));
}

/**
 * ASCII-only text for engines that silently drop other bytes (Flite): accents stripped (å → a,
 * é → e), a few letters spelled out (ß → ss), Cyrillic romanised, anything else left out.
 */
export function toAscii(text: string): string {
  const folded = [...text]
    .map((char) => SPECIAL_LATIN[char] ?? CYRILLIC_MAP.get(char) ?? char)
    .join("")
    .normalize("NFKD")
    .replace(/\p{M}/gu, "");
  return folded
    .replace(/[^\x20-\x7e]/g, " ")
    .replace(/ {2,}/g, " ")
    .trim();
}

/**
 * Abbreviations replaced by their words. An abbreviation's dot that also ends the text ("… и т.
 * д.") is kept as the sentence's full stop.
 */
export function expandAbbreviations(text: string, list: ReadonlyArray<[RegExp, string]>): string {
  let out = text;
  for (const [pattern, words] of list) {
    out = out.replace(pattern, (all: string, ...rest: unknown[]) => {
      const at = rest.findIndex((value) => typeof value === "number");
      const offset = rest[at] as number;
      const whole = rest[at + 1] as string;
      return all.endsWith(".") && /^\s*$/.test(whole.slice(offset + all.length)) ? `${words}.` : words;
    });
  }
  return out;
}
