/**
 * English number words: cardinals and ordinals from n2words, and what people say differently from
 * a plain cardinal (years, decades, digits after a point). Every engine gets words, not digits:
 * Flite, eSpeak's English voices and the cloud engines each read years, decimals and large numbers
 * their own way.
 */
import { toCardinal, toOrdinal } from "n2words/en-US";

const ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];

/**
 * Cardinal words for a string of digits ("1500" → "one thousand five hundred"). Works on strings so
 * that numbers beyond 2^53 never lose digits; past the decillions the digits are read one by one.
 */
export function cardinal(digits: string): string {
  const clean = digits.replace(/^0+(?=\d)/, "");
  return clean.length > 36 ? digitByDigit(clean) : toCardinal(clean);
}

/** "314" → "three one four": for the digits after a decimal point. */
export function digitByDigit(digits: string): string {
  return [...digits].map((digit) => ONES[Number(digit)] ?? digit).join(" ");
}

/** "1.5" → "one point five", "-2" → "minus two"; the input uses "." as its decimal point. */
export function decimal(text: string): string {
  const negative = text.startsWith("-") || text.startsWith("−");
  const [whole = "0", fraction] = text.replace(/^[-−]/, "").split(".");
  let words = cardinal(whole || "0");
  if (fraction) words += ` point ${digitByDigit(fraction)}`;
  return negative ? `minus ${words}` : words;
}

/** Ordinal words ("21" → "twenty-first"). */
export function ordinal(digits: string): string {
  const clean = digits.replace(/^0+(?=\d)/, "");
  return clean.length > 36 ? cardinal(clean) : toOrdinal(clean);
}

/**
 * A year as people say it: 1990 → "nineteen ninety", 1905 → "nineteen oh five", 2000 → "two
 * thousand", 2004 → "two thousand four", 2025 → "twenty twenty-five".
 */
export function year(value: number): string {
  if (value < 1000 || value > 9999) return cardinal(String(value));
  const high = Math.floor(value / 100);
  const low = value % 100;
  if (value % 1000 === 0) return cardinal(String(value));
  if (value >= 2000 && value < 2010) return cardinal(String(value));
  if (low === 0) return `${toCardinal(high)} hundred`;
  if (low < 10) return `${toCardinal(high)} oh ${ONES[low]}`;
  return `${toCardinal(high)} ${toCardinal(low)}`;
}

/** The plural of a number's last word, for decades: "nineteen ninety" → "nineteen nineties". */
export function pluralWords(words: string): string {
  if (words.endsWith("y")) return `${words.slice(0, -1)}ies`;
  if (words.endsWith("x")) return `${words}es`;
  return `${words}s`;
}

/** A decade: 1990 → "nineteen nineties", 2000 → "two thousands", 1900 → "nineteen hundreds". */
export function decade(value: number): string {
  return pluralWords(year(value));
}
