/**
 * English number words. Hand-written because no engine reads digits the same way: Flite says
 * "1.5" as "one point five" but eSpeak's English voices and the cloud engines differ on years,
 * decimals and large numbers, so presscast hands every engine words instead of digits.
 */

const ONES = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];
const SCALES = ["", "thousand", "million", "billion", "trillion", "quadrillion"];

function belowHundred(n: number): string {
  if (n < 20) return ONES[n] ?? "";
  const ten = TENS[Math.floor(n / 10)] ?? "";
  return n % 10 === 0 ? ten : `${ten}-${ONES[n % 10]}`;
}

function belowThousand(n: number): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const parts: string[] = [];
  if (hundreds > 0) parts.push(`${ONES[hundreds]} hundred`);
  if (rest > 0 || hundreds === 0) parts.push(belowHundred(rest));
  return parts.join(" ");
}

/**
 * Cardinal words for a string of digits ("1500" → "one thousand five hundred"). Works on strings so
 * that numbers beyond 2^53 never lose digits; past the quadrillions the digits are read one by one.
 */
export function cardinal(digits: string): string {
  const clean = digits.replace(/^0+(?=\d)/, "");
  if (clean.length > SCALES.length * 3) return digitByDigit(clean);
  const groups: number[] = [];
  for (let end = clean.length; end > 0; end -= 3)
    groups.unshift(Number(clean.slice(Math.max(0, end - 3), end)));
  if (groups.every((group) => group === 0)) return "zero";
  const words: string[] = [];
  groups.forEach((group, index) => {
    if (group === 0) return;
    const scale = SCALES[groups.length - 1 - index] ?? "";
    words.push(scale ? `${belowThousand(group)} ${scale}` : belowThousand(group));
  });
  return words.join(" ");
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

const IRREGULAR_ORDINALS: Record<string, string> = {
  one: "first",
  two: "second",
  three: "third",
  five: "fifth",
  eight: "eighth",
  nine: "ninth",
  twelve: "twelfth",
};

/** Ordinal words ("21" → "twenty-first"): the last word of the cardinal changes. */
export function ordinal(digits: string): string {
  const words = cardinal(digits);
  const match = /^(.*?)([a-z]+)$/.exec(words);
  if (!match) return words;
  const [, head = "", last = ""] = match;
  const irregular = IRREGULAR_ORDINALS[last];
  if (irregular) return head + irregular;
  if (last.endsWith("y")) return `${head}${last.slice(0, -1)}ieth`;
  return `${head}${last}th`;
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
  if (low === 0) return `${belowHundred(high)} hundred`;
  if (low < 10) return `${belowHundred(high)} oh ${ONES[low]}`;
  return `${belowHundred(high)} ${belowHundred(low)}`;
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
