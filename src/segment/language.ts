import { franc } from "franc-min";
import { canonicalLanguage } from "../text/language-tag.js";
import { writingSystemOf } from "../text/writing-systems.js";
import { guessFromFunctionWords } from "./function-words.js";

/** The likeliest language of a short text in a writing system other than Latin. */
const BY_SCRIPT: Record<string, string> = {
  Cyrillic: "ru",
  Greek: "el",
  Han: "cmn",
  Hangul: "ko",
  Arabic: "ar",
  Hebrew: "he",
  Devanagari: "hi",
  Thai: "th",
};

/**
 * The languages detection may return: ISO 639-3 codes franc returns → their BCP 47 subtag, each one
 * eSpeak NG has a voice for (a test checks). A guess outside this list is not trusted: the text is
 * judged as if short, and at worst the profile's language is used, so a build never fails on a
 * detector's guess of a language nothing here can speak.
 */
const TWO_LETTER: Readonly<Record<string, string>> = {
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
  cmn: "cmn",
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

/** Every language detection can return, for checking each against the engines' voices. */
export const DETECTABLE_LANGUAGES: readonly string[] = [
  ...new Set([...Object.values(TWO_LETTER), ...Object.values(BY_SCRIPT)]),
];

/** Below this many letters a statistical guess is unreliable: function words and the script decide. */
const MIN_LETTERS_FOR_STATISTICS = 400;

/**
 * The article's language as BCP 47: what the page or front matter declares, else detected from
 * the body, else `fallback` (the voice profile's language). The statistical detector decides
 * on a long text, and a language it names that presscast cannot speak (see TWO_LETTER) gives
 * `fallback`; a short text is judged by its function words, then its writing system.
 */
export function articleLanguage(declared: string | undefined, body: string, fallback = "en"): string {
  const tag = declared ? canonicalLanguage(declared) : undefined;
  if (tag) return tag;
  const letters = body.match(/\p{L}/gu)?.length ?? 0;
  if (letters >= MIN_LETTERS_FOR_STATISTICS) {
    const code = franc(body.slice(0, 20_000), { minLength: 20 });
    // A confident guess of a language without a voice: read it with the profile's voices.
    if (code !== "und") return TWO_LETTER[code] ?? fallback;
  }
  const system = writingSystemOf(body);
  if (system === undefined || system === "Latin") return guessFromFunctionWords(body) ?? fallback;
  return BY_SCRIPT[system] ?? fallback;
}
