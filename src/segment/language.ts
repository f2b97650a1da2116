import { franc } from "franc-min";
import { writingSystemOf } from "../text/writing-systems.js";

/** The likeliest language of a short text, from its writing system alone. */
const BY_SCRIPT: Record<string, string> = {
  Latin: "en",
  Cyrillic: "ru",
  Greek: "el",
  Han: "zh",
  Hangul: "ko",
  Arabic: "ar",
  Hebrew: "he",
  Devanagari: "hi",
  Thai: "th",
};

/** ISO 639-3 codes franc returns → the two-letter BCP 47 subtag where one exists. */
const TWO_LETTER: Record<string, string> = {
  eng: "en",
  fra: "fr",
  deu: "de",
  spa: "es",
  por: "pt",
  ita: "it",
  nld: "nl",
  rus: "ru",
  ukr: "uk",
  pol: "pl",
  ces: "cs",
  slk: "sk",
  swe: "sv",
  dan: "da",
  nob: "nb",
  fin: "fi",
  hun: "hu",
  ron: "ro",
  bul: "bg",
  hrv: "hr",
  srp: "sr",
  ell: "el",
  tur: "tr",
  arb: "ar",
  heb: "he",
  pes: "fa",
  hin: "hi",
  ben: "bn",
  cmn: "zh",
  jpn: "ja",
  kor: "ko",
  vie: "vi",
  ind: "id",
  zlm: "ms",
  tha: "th",
  kaz: "kk",
  uzn: "uz",
  azj: "az",
  cat: "ca",
  lit: "lt",
  lav: "lv",
  est: "et",
  slv: "sl",
};

/**
 * The article's language as BCP 47: what the page or front matter declares (tidied: "en-us" →
 * "en-US"), else detected from the body text, else English.
 */
export function articleLanguage(declared: string | undefined, body: string): string {
  if (declared) {
    try {
      const [tag] = Intl.getCanonicalLocales(declared.trim().replace(/_/g, "-"));
      if (tag) return tag;
    } catch {
      // An unparseable declaration is ignored in favour of detection.
    }
  }
  // franc guesses wildly on a few sentences; below ~300 letters the writing system decides.
  const code = body.length >= 300 ? franc(body.slice(0, 20_000), { minLength: 20 }) : "und";
  if (code === "und") return BY_SCRIPT[writingSystemOf(body) ?? "Latin"] ?? "en";
  return TWO_LETTER[code] ?? code;
}
