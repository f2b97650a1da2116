/**
 * English text for speaking. Runs between `prepare` and `finish` (common.ts); the order matters:
 * abbreviations and dates first, then amounts with their units, then every number left over.
 */
import { codes } from "./codes.js";
import type { ArticleContext } from "./context.js";
import { currencies, numberWords, percentages, plainNumbers, units } from "./en-amounts.js";
import { fractionsAndRatios } from "./fractions.js";
import { cardinal, decade, ordinal, pluralWords, year } from "./number-words.js";
import { romanNumerals } from "./roman.js";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const MONTH = `(${MONTHS.join("|")}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\\.?)(?![\\p{L}])`;

/** Abbreviation → words; a trailing "." is kept when the abbreviation ends the text. */
const ABBREVIATIONS: Array<[RegExp, string]> = [
  [/\be\.\s?g\.(?=\W|$)/gi, "for example"],
  [/\bi\.\s?e\.(?=\W|$)/gi, "that is"],
  [/\betc\.(?=\W|$)/gi, "et cetera."],
  [/\betc\b/gi, "et cetera"],
  [/\bcf\.(?=\s)/gi, "compare"],
  [/\bapprox\.(?=\s)/gi, "approximately"],
  [/\bvs\.?(?=\s)/gi, "versus"],
  [/\bMr\.?(?=\s)/g, "Mister"],
  [/\bMrs\.?(?=\s)/g, "Missus"],
  [/\bMs\.?(?=\s)/g, "Miz"],
  [/\bDr\.?(?=\s+\p{Lu})/gu, "Doctor"],
  [/\bProf\.?(?=\s+\p{Lu})/gu, "Professor"],
  [/\bSt\.?(?=\s+\p{Lu})/gu, "Saint"],
  [/\bGen\.(?=\s+\p{Lu})/gu, "General"],
  [/\bSen\.(?=\s+\p{Lu})/gu, "Senator"],
  [/\bGov\.(?=\s+\p{Lu})/gu, "Governor"],
  [/\bJr\.(?=\W|$)/g, "Junior"],
  [/\bNo\.\s?(?=\d)/g, "number "],
];

function abbreviations(text: string): string {
  let out = text;
  for (const [pattern, words] of ABBREVIATIONS) {
    out = out.replace(pattern, (_all, ...rest: unknown[]) => {
      const offset = rest.at(-2) as number;
      const atEnd = offset + _all.length >= out.length;
      return words.endsWith(".") && !atEnd ? words.slice(0, -1) : words;
    });
  }
  // Dotted initialisms ("U.S.", "U.K.") are spelled letter by letter.
  return out.replace(/\b((?:\p{Lu}\.){2,})/gu, (all: string, _m, offset: number) => {
    const letters = all.replace(/\./g, " ").trim();
    return offset + all.length >= out.length ? `${letters}.` : letters;
  });
}

function monthName(index: number): string {
  return MONTHS[index - 1] ?? cardinal(String(index));
}

/** 12/03/2025, 04.05.2015 and 2025-03-12: in the article's order (see context.ts) unless the day can't be. */
function dates(text: string, monthFirst: boolean): string {
  const say = (a: number, b: number, y: number, preferMonthFirst: boolean): string | undefined => {
    const monthThenDay = (b > 12 || (preferMonthFirst && a <= 12)) && a <= 12 && b <= 31;
    const [day, month] = monthThenDay ? [b, a] : [a, b];
    if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
    const dayWords = ordinal(String(day));
    return monthThenDay
      ? `${monthName(month)} ${dayWords}, ${year(y)}`
      : `the ${dayWords} of ${monthName(month)}, ${year(y)}`;
  };
  return text
    .replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (all, y: string, m: string, d: string) => {
      return say(Number(d), Number(m), Number(y), false) ?? all;
    })
    .replace(
      /\b(\d{1,2})([/.])(\d{1,2})\2(\d{4})\b/g,
      (all, a: string, sep: string, b: string, y: string) => {
        return say(Number(a), Number(b), Number(y), monthFirst && sep === "/") ?? all;
      },
    );
}

/** "1 March" → "the first of March", "March 1" and "March 1st" → "March first". */
function dayMonth(text: string): string {
  return text
    .replace(
      new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s${MONTH}`, "gu"),
      (_all, day: string, month: string) => {
        return `the ${ordinal(day)} of ${month.replace(/\.$/, "")}`;
      },
    )
    .replace(
      new RegExp(`\\b${MONTH}\\s(\\d{1,2})(?:st|nd|rd|th)?\\b(?![.,]?\\d)`, "gu"),
      (_all, month, day) => {
        return `${month.replace(/\.$/, "")} ${ordinal(day)}`;
      },
    );
}

/** "10:00AM" → "ten A M", "9:30 p.m." → "nine thirty P M", "14:05" → "fourteen oh five", "10am". */
function times(text: string): string {
  const clock = (hours: string, minutes: string | undefined, meridiem: string | undefined): string => {
    const m = Number(minutes ?? 0);
    const suffix = meridiem ? ` ${meridiem.toUpperCase()} M` : "";
    const h = cardinal(hours);
    if (m === 0) return meridiem ? `${h}${suffix}` : `${h} o'clock`;
    const mins = m < 10 ? `oh ${cardinal(String(m))}` : cardinal(String(m));
    return `${h} ${mins}${suffix}`;
  };
  return text
    .replace(
      /\b(\d{1,2})(?::([0-5]\d))?\s?([ap])\.?\s?m\b(\.?)/gi,
      (all, h: string, m: string | undefined, mer: string, dot: string, offset: number, whole: string) =>
        clock(h, m, mer) + (dot && offset + all.length >= whole.length ? "." : ""),
    )
    .replace(/\b([01]?\d|2[0-3]):([0-5]\d)\b(?!:?\d)/g, (_all, h: string, m: string) =>
      clock(h, m, undefined),
    );
}

const RANGE = String.raw`(?<![\d.,-])(\d+(?:\.\d+)?)\s?(?:–|—|-(?=\d+(?:\.\d+)?(?![\d-])))\s?(\d+(?:\.\d+)?)(?![\d-])`;

/** Years, decades and ranges: "1990s", "the '80s", "mid-'80", "'05", "2010–2015", "in 2025". */
function yearsAndDecades(text: string): string {
  return text
    .replace(/\b(1[1-9]|20)(\d)0s\b/g, (_all, century: string, tens: string) =>
      decade(Number(century + tens + 0)),
    )
    .replace(/(?<![\p{L}\d])'?([1-9])0s\b/gu, (_all, tens: string) => pluralWords(cardinal(`${tens}0`)))
    .replace(/\b(mid|early|late)-?\s?'(\d)0\b/gi, (_all, when: string, tens: string) => {
      return `${when} ${pluralWords(cardinal(tens === "0" ? "2000" : `${tens}0`))}`;
    })
    .replace(/(?<![\p{L}\d])'(\d)(\d)\b/gu, (_all, a: string, b: string) => {
      return a === "0" ? `oh ${cardinal(b)}` : cardinal(a + b);
    })
    .replace(/(?<![\d.,$€£¥₽#])\b(1[1-9]\d\d|20\d\d)\b(?![.,]\d|\s?%)/g, (_all, y: string) =>
      year(Number(y)),
    );
}

/** "&", "#1", "/", "+", "=", "@": symbols an engine would skip, misread or read as markup. */
function symbols(text: string): string {
  return text
    .replace(/\b(\p{Lu}{1,3})&(\p{Lu}{1,3})\b/gu, (_all, a: string, b: string) => {
      return `${[...a].join(" ")} and ${[...b].join(" ")}`;
    })
    .replace(/\s*&\s*/g, " and ")
    .replace(/#\s?(\d+)/g, (_all, n: string) => `number ${cardinal(n)}`)
    .replace(/№\s?(\d+)/g, (_all, n: string) => `number ${cardinal(n)}`)
    .replace(/\band\/or\b/gi, "and or")
    .replace(/(?<=\p{L})\s?\/\s?(?=\p{L})/gu, " or ")
    .replace(/\//g, " ")
    .replace(/(?<=\d\s?)\+(?=\s?\d)/g, " plus ")
    .replace(/\s=\s/g, " equals ")
    .replace(/(?<=\s|^)[~≈]\s?(?=\d)/g, "about ")
    .replace(/±\s?/g, "plus or minus ")
    .replace(/(?<=\d\s?)[×x](?=\s?\d)/g, " times ")
    .replace(/\s@\s/g, " at ")
    .replace(/\s[<]\s/g, " less than ")
    .replace(/\s[>]\s/g, " more than ")
    .replace(/[$]/g, " dollars ")
    .replace(/€/g, " euros ")
    .replace(/£/g, " pounds ")
    .replace(/%/g, " percent ");
}

/** Normalise English text for speaking; the context gives the article's date order. */
export function normalizeEnglish(text: string, language: string, context: ArticleContext): string {
  let out = codes(text, language);
  out = abbreviations(out);
  out = romanNumerals(out, language);
  out = times(out);
  out = dates(out, context.monthFirst);
  out = dayMonth(out);
  out = out.replace(new RegExp(RANGE, "g"), (_all, from: string, to: string) => `${from} to ${to}`);
  out = currencies(out);
  out = percentages(out);
  out = units(out);
  out = out.replace(/\b(\d+)(?:st|nd|rd|th)\b/g, (_all, n: string) => ordinal(n));
  out = yearsAndDecades(out);
  out = fractionsAndRatios(out, language);
  out = symbols(out);
  out = plainNumbers(out);
  return out.replace(/ {2,}/g, " ");
}

export { numberWords };
