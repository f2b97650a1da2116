/**
 * Numbers in words for every language with rules, from n2words (cardinals and ordinals with gender
 * where the language has it). What n2words leaves out is added here: decimals as each language
 * says them ("zwei Komma fünf", "две целых пять десятых"), Spanish "un" before a noun, German
 * "ein" before a noun, and digits one by one for phone numbers.
 */
import * as de from "n2words/de-DE";
import * as es from "n2words/es-ES";
import * as fr from "n2words/fr-FR";
import * as ru from "n2words/ru-RU";
import { cardinal as enCardinal, ordinal as enOrdinal } from "./number-words.js";

export type Gender = "masculine" | "feminine";

/** The number words of one language. Digits come as strings so long numbers keep every digit. */
export interface Speller {
  /** "21" → "twenty-one"; in Russian and Spanish `gender` picks "одна"/"una". */
  cardinal(digits: string, gender?: Gender): string;
  /** The cardinal as it stands before a noun: Spanish "veintiún", German "ein". */
  beforeNoun(digits: string, gender?: Gender): string;
  /** "3" → "third", "dritte", "troisième", "tercero", "третий" (masculine, nominative). */
  ordinal(digits: string, gender?: Gender): string;
  /** A number with a decimal part, e.g. ("2", "5") → "two point five". */
  decimal(whole: string, fraction: string, gender?: Gender): string;
  /** Digits read one by one: "0143" → "zero one four three". */
  digits(digits: string): string;
}

const clean = (digits: string): string => digits.replace(/^0+(?=\d)/, "");
const oneByOne = (speller: (digit: string) => string) => (digits: string) =>
  [...digits].map(speller).join(" ");

const english: Speller = {
  cardinal: enCardinal,
  beforeNoun: enCardinal,
  ordinal: enOrdinal,
  decimal: (whole, fraction) => `${enCardinal(whole)} point ${oneByOne(enCardinal)(fraction)}`,
  digits: oneByOne(enCardinal),
};

const german: Speller = {
  cardinal: (digits) => de.toCardinal(clean(digits)),
  // "eins" is said alone; before a noun it is "ein" ("ein Euro", "hunderteins" → "hundertein").
  beforeNoun: (digits, gender) =>
    de.toCardinal(clean(digits)).replace(/eins$/, gender === "feminine" ? "eine" : "ein"),
  ordinal: (digits) => de.toOrdinal(clean(digits)),
  decimal: (whole, fraction) => `${de.toCardinal(clean(whole))} Komma ${oneByOne(de.toCardinal)(fraction)}`,
  digits: oneByOne((digit) => de.toCardinal(digit)),
};

/** French and Spanish read the part after the comma as a number, its leading zeros one by one. */
function afterComma(fraction: string, say: (digits: string) => string, zero: string): string {
  const zeros = /^0*/.exec(fraction)?.[0].length ?? 0;
  const rest = fraction.slice(zeros);
  return [...Array(zeros).fill(zero), ...(rest ? [say(rest)] : [])].join(" ");
}

const french: Speller = {
  cardinal: (digits) => fr.toCardinal(clean(digits)),
  beforeNoun: (digits, gender) =>
    fr.toCardinal(clean(digits)).replace(/\bun$/, gender === "feminine" ? "une" : "un"),
  ordinal: (digits) => (clean(digits) === "1" ? "premier" : fr.toOrdinal(clean(digits))),
  decimal: (whole, fraction) =>
    `${fr.toCardinal(clean(whole))} virgule ${afterComma(fraction, (d) => fr.toCardinal(d), "zéro")}`,
  digits: oneByOne((digit) => fr.toCardinal(digit)),
};

/** Spanish "uno" shortens before a masculine noun and before "mil": "veintiún euros", "veintiún mil". */
function apocope(words: string, beforeNoun = false): string {
  const pattern = beforeNoun
    ? /(veinti)?uno(?= mil\b| millones\b|$)/g
    : /(veinti)?uno(?= mil\b| millones\b)/g;
  return words.replace(pattern, (_all, veinti?: string) => (veinti ? "veintiún" : "un"));
}

const spanish: Speller = {
  cardinal: (digits, gender) => apocope(es.toCardinal(clean(digits), { gender: gender ?? "masculine" })),
  beforeNoun: (digits, gender) =>
    apocope(es.toCardinal(clean(digits), { gender: gender ?? "masculine" }), true),
  ordinal: (digits, gender) => es.toOrdinal(clean(digits), { gender: gender ?? "masculine" }),
  decimal: (whole, fraction, gender) =>
    `${spanish.cardinal(whole, gender)} coma ${afterComma(fraction, (d) => spanish.cardinal(d), "cero")}`,
  digits: oneByOne((digit) => es.toCardinal(digit)),
};

/** Russian says a decimal as a fraction: "2,5" → "две целых пять десятых" (feminine throughout). */
const RU_PARTS = ["десят", "сот", "тысячн", "десятитысячн"];

function russianDecimal(whole: string, fraction: string): string {
  const part = RU_PARTS[fraction.length - 1];
  const w = ru.toCardinal(clean(whole), { gender: "feminine" });
  if (!part) return `${w} запятая ${oneByOne((d) => ru.toCardinal(d))(fraction)}`;
  const singular = (n: number) => n % 10 === 1 && n % 100 !== 11;
  const f = Number(fraction);
  const wholeWord = singular(Number(whole)) ? "целая" : "целых";
  const partWord = `${part}${singular(f) ? "ая" : "ых"}`;
  return `${w} ${wholeWord} ${ru.toCardinal(String(f), { gender: "feminine" })} ${partWord}`;
}

const russian: Speller = {
  cardinal: (digits, gender) => ru.toCardinal(clean(digits), { gender: gender ?? "masculine" }),
  beforeNoun: (digits, gender) => ru.toCardinal(clean(digits), { gender: gender ?? "masculine" }),
  ordinal: (digits) => ru.toOrdinal(clean(digits)),
  decimal: russianDecimal,
  digits: oneByOne((digit) => ru.toCardinal(digit)),
};

const SPELLERS: Record<string, Speller> = { en: english, de: german, fr: french, es: spanish, ru: russian };

/** The number words of a language tag's primary subtag; English for a language without its own. */
export function spellerFor(language: string): Speller {
  return SPELLERS[language.toLowerCase().split(/[-_]/)[0] ?? ""] ?? english;
}

/** Whether this module has number words of the language's own. */
export function hasSpeller(language: string): boolean {
  return (language.toLowerCase().split(/[-_]/)[0] ?? "") in SPELLERS;
}

/** A number as written in a language with a decimal comma: "1.500", "1 500", "2,5", "-3". */
export const COMMA_NUMBER = String.raw`\d{1,3}(?:[.\u00a0\u202f ]\d{3})+(?:,\d+)?(?!\d)|\d+(?:,\d+)?`;

/** "1.500,5" → ["1500", "5"]: the whole part's digits and the decimal digits (a comma language). */
export function commaParts(written: string): [whole: string, fraction: string] {
  const [whole = "0", fraction = ""] = written.replace(/[.\u00a0\u202f ]/g, "").split(",");
  return [whole, fraction];
}

/** A written number (comma language) in words: "2,5" → "zwei Komma fünf", "1.500" → "eintausendfünfhundert". */
export function sayCommaNumber(written: string, language: string, gender?: Gender): string {
  const speller = spellerFor(language);
  const [whole, fraction] = commaParts(written);
  return fraction ? speller.decimal(whole, fraction, gender) : speller.cardinal(whole, gender);
}
