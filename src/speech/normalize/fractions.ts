/**
 * Fractions and ratios in each language's words: "1/8" is "one eighth", "ein Achtel", "un
 * huitième", "un octavo", "одна восьмая"; "3:1" is "three to one", "drei zu eins", "три к одному".
 * Dates ("3/4/2024") and clock times ("10:30") are taken by earlier rules, so what is left here
 * with a slash or a colon between two numbers is a fraction or a ratio.
 */
import { spellerFor } from "./numbers.js";
import { vocabularyFor } from "./vocabulary.js";

type FractionWords = (top: number, bottom: number) => string | undefined;

const plural = (top: number, word: string, suffix = "s") => (top === 1 ? word : word + suffix);

const english: FractionWords = (top, bottom) => {
  const s = spellerFor("en");
  if (bottom === 2) return `${s.cardinal(String(top))} ${top === 1 ? "half" : "halves"}`;
  if (bottom === 4) return `${s.cardinal(String(top))} ${plural(top, "quarter")}`;
  return `${s.cardinal(String(top))} ${plural(top, s.ordinal(String(bottom)))}`;
};

const german: FractionWords = (top, bottom) => {
  const s = spellerFor("de");
  if (bottom === 2) return top === 1 ? "ein halb" : `${s.cardinal(String(top))} Halbe`;
  const ordinal = s.ordinal(String(bottom)).replace(/e$/, "");
  const name = (ordinal.charAt(0).toUpperCase() + ordinal.slice(1)).replace(/^Einhundert/, "Hundert");
  return `${s.beforeNoun(String(top))} ${name}el`;
};

const french: FractionWords = (top, bottom) => {
  const s = spellerFor("fr");
  const named: Record<number, string> = { 2: "demi", 3: "tiers", 4: "quart" };
  const word = named[bottom] ?? s.ordinal(String(bottom));
  const noun = top === 1 || word.endsWith("s") ? word : `${word}s`;
  return `${s.beforeNoun(String(top))} ${bottom === 2 && top > 1 ? "demis" : noun}`;
};

const SPANISH_PARTS = ["", "", "medio", "tercio", "cuarto", "quinto", "sexto", "séptimo", "octavo", "noveno"];
const spanish: FractionWords = (top, bottom) => {
  const s = spellerFor("es");
  const word =
    SPANISH_PARTS[bottom] ??
    (bottom === 10 ? "décimo" : `${s.cardinal(String(bottom)).replace(/[eo]$/, "")}avo`);
  return `${s.beforeNoun(String(top))} ${plural(top, word)}`;
};

/** "восьмой" → "восьмая" (one part), "восьмых" (two and more); "третий" → "третья", "третьих". */
const russian: FractionWords = (top, bottom) => {
  const s = spellerFor("ru");
  const one = top % 10 === 1 && top % 100 !== 11;
  const ordinal = s.ordinal(String(bottom));
  const form = ordinal.endsWith("третий")
    ? ordinal.replace(/третий$/, one ? "третья" : "третьих")
    : ordinal.replace(/(ый|ой|ий)$/, one ? "ая" : "ых");
  return `${s.cardinal(String(top), "feminine")} ${form}`;
};

const FRACTIONS: Record<string, FractionWords> = {
  en: english,
  de: german,
  fr: french,
  es: spanish,
  ru: russian,
};

/** Russian "к" takes the dative: "три к одному". */
const RU_DATIVE = [
  "нулю",
  "одному",
  "двум",
  "трём",
  "четырём",
  "пяти",
  "шести",
  "семи",
  "восьми",
  "девяти",
  "десяти",
];

/** The languages' own idioms that look like fractions ("24/7", "9/11"), read as said. */
const IDIOMS: Record<string, Record<string, string>> = {
  en: { "24/7": "twenty-four seven", "9/11": "nine eleven", "50/50": "fifty-fifty" },
};

/** "1/8" and "3/4" as fractions (up to /100), "3:1" as a ratio; "20/20" as two numbers. */
export function fractionsAndRatios(text: string, language: string): string {
  const primary = language.toLowerCase().split(/[-_]/)[0] ?? "en";
  const words = FRACTIONS[primary] ?? english;
  const speller = spellerFor(language);
  const to = vocabularyFor(language).to;
  return text
    .replace(/(?<![\d/.,:])(\d{1,3})\/(\d{1,3})(?![\d/]|[.,]\d)/g, (all, top: string, bottom: string) => {
      const idiom = IDIOMS[primary]?.[all];
      if (idiom) return idiom;
      const t = Number(top);
      const b = Number(bottom);
      if (b < 2 || b > 100 || t === 0) return all;
      // "20/20", "7/4": not a part of a whole; said as the two numbers.
      if (t >= b) return `${speller.cardinal(top)} ${speller.cardinal(bottom)}`;
      return words(t, b) ?? all;
    })
    .replace(/(?<![\d:.,])(\d{1,3}):(\d{1,3})(?![\d:]|[.,]\d)/g, (_all, left: string, right: string) => {
      const second =
        primary === "ru" ? (RU_DATIVE[Number(right)] ?? speller.cardinal(right)) : speller.cardinal(right);
      return `${speller.cardinal(left)} ${to} ${second}`;
    });
}
