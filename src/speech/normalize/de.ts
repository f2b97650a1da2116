/**
 * German text for speaking. eSpeak's German voice reads plain integers well, but not what German
 * typography puts around them: "3." is an ordinal ("am dritten März"), "10:30 Uhr" is "zehn Uhr
 * dreißig", "2,5 Mio. €" is "zwei Komma fünf Millionen Euro", and abbreviations such as "z. B."
 * are words. Every number becomes words here, so the reading does not depend on the engine.
 */
import { codes } from "./codes.js";
import { expandAbbreviations } from "./common.js";
import { fractionsAndRatios } from "./fractions.js";
import { COMMA_NUMBER, commaParts, sayCommaNumber, spellerFor } from "./numbers.js";
import { romanNumerals } from "./roman.js";

const de = spellerFor("de");
const MONATE = [
  "Januar",
  "Februar",
  "März",
  "April",
  "Mai",
  "Juni",
  "Juli",
  "August",
  "September",
  "Oktober",
  "November",
  "Dezember",
];
const MONTH = `(?:${MONATE.join("|")}|Jan|Feb|Mär|Apr|Jun|Jul|Aug|Sept?|Okt|Nov|Dez)\\.?(?![\\p{L}])`;

const ABBREVIATIONS: Array<[RegExp, string]> = [
  [/\bz\.\s?B\./g, "zum Beispiel"],
  [/\bd\.\s?h\./g, "das heißt"],
  [/\bu\.\s?a\./g, "unter anderem"],
  [/\bv\.\s?a\./g, "vor allem"],
  [/\bo\.\s?ä\./g, "oder ähnlich"],
  [/\bu\.\s?Ä\./g, "und Ähnliches"],
  [/\busw\./g, "und so weiter"],
  [/\betc\./g, "et cetera"],
  [/\bbzw\./g, "beziehungsweise"],
  [/\bvgl\./g, "vergleiche"],
  [/\bevtl\./g, "eventuell"],
  [/\bggf\./g, "gegebenenfalls"],
  [/\binkl\./g, "inklusive"],
  [/\bbspw\./g, "beispielsweise"],
  [/\bsog\./g, "sogenannte"],
  [/\bca\.(?=\s)/g, "circa"],
  [/\bNr\.\s?(?=\d)/g, "Nummer "],
  [/\bS\.\s?(?=\d)/g, "Seite "],
  [/\bDr\.(?=\s)/g, "Doktor"],
  [/\bProf\.(?=\s)/g, "Professor"],
  [/\bHr\.(?=\s)/g, "Herr"],
  [/\bFr\.(?=\s+\p{Lu})/gu, "Frau"],
  [/\bSt\.(?=\s+\p{Lu})/gu, "Sankt"],
  [/\bStr\.(?=\s|$)/g, "Straße"],
  [/\bJh\.(?=\s|$)/g, "Jahrhundert"],
];

/** Scale words after a number: the singular goes with exactly one ("eine Million"). */
const SCALES: Record<string, [string, string]> = {
  Tsd: ["tausend", "tausend"],
  Mio: ["Million", "Millionen"],
  Million: ["Million", "Millionen"],
  Millionen: ["Million", "Millionen"],
  Mrd: ["Milliarde", "Milliarden"],
  Milliarde: ["Milliarde", "Milliarden"],
  Milliarden: ["Milliarde", "Milliarden"],
  Bio: ["Billion", "Billionen"],
};
const SCALE = String.raw`(?:\s?(Tsd|Mio|Mrd|Bio)\.|\s(Millionen|Million|Milliarden|Milliarde))?`;

const CURRENCIES: Record<string, string> = {
  "€": "Euro",
  EUR: "Euro",
  Euro: "Euro",
  $: "Dollar",
  US$: "US-Dollar",
  USD: "US-Dollar",
  "£": "Pfund",
  GBP: "Pfund",
  CHF: "Franken",
  "₽": "Rubel",
  "¥": "Yen",
};
const CURRENCY = String.raw`US\$|[€$£₽¥]|\b(?:EUR|USD|GBP|CHF)\b|Euro\b`;

/** Units: [abbreviation, one, many]; masculine and neuter measures do not change ("fünf Meter"). */
const UNITS: Array<[string, string, string]> = [
  ["km/h", "Kilometer pro Stunde", "Kilometer pro Stunde"],
  ["km²", "Quadratkilometer", "Quadratkilometer"],
  ["m²", "Quadratmeter", "Quadratmeter"],
  ["°C", "Grad Celsius", "Grad Celsius"],
  ["km", "Kilometer", "Kilometer"],
  ["kg", "Kilogramm", "Kilogramm"],
  ["cm", "Zentimeter", "Zentimeter"],
  ["mm", "Millimeter", "Millimeter"],
  ["ml", "Milliliter", "Milliliter"],
  ["kWh", "Kilowattstunde", "Kilowattstunden"],
  ["Std", "Stunde", "Stunden"],
  ["Min", "Minute", "Minuten"],
  ["°", "Grad", "Grad"],
  ["%", "Prozent", "Prozent"],
  ["m", "Meter", "Meter"],
  ["g", "Gramm", "Gramm"],
  ["t", "Tonne", "Tonnen"],
  ["l", "Liter", "Liter"],
  ["h", "Stunde", "Stunden"],
];
const FEMININE_UNITS = new Set(["Tonne", "Stunde", "Minute", "Kilowattstunde"]);

const isOne = (written: string) => /^1(?:,0+)?$/.test(written);
/** A number before a noun: "ein Euro", "eine Tonne", "zwei Komma fünf Millionen". */
const amount = (written: string, feminine = false) => {
  const [whole, fraction] = commaParts(written);
  return fraction ? sayCommaNumber(written, "de") : de.beforeNoun(whole, feminine ? "feminine" : "masculine");
};

function money(written: string, scaleWord: string | undefined, symbol: string): string {
  const currency = CURRENCIES[symbol] ?? "Euro";
  const scale = scaleWord ? SCALES[scaleWord] : undefined;
  if (scale) return `${amount(written, true)} ${isOne(written) ? scale[0] : scale[1]} ${currency}`;
  const [whole, cents] = commaParts(written);
  // "3,50 €" is "drei Euro fünfzig", not "drei Komma fünf null Euro".
  if (cents.length === 2) {
    const euros = `${de.beforeNoun(whole)} ${currency}`;
    return Number(cents) === 0 ? euros : `${euros} ${de.cardinal(cents)}`;
  }
  return `${amount(written)} ${currency}`;
}

/** "dritte" → "dritten" after "am", "im", "zum"…; "dritte" after "der"; "dritter" before a bare month. */
function germanOrdinal(digits: string, before: string): string {
  const word = de.ordinal(digits);
  if (/\b(?:der|die|das)\s*$/i.test(before)) return word;
  if (/\b(?:am|im|vom|zum|beim|dem|den|des|bis|ab|seit|vor|nach|jeden|für|um)\s*$/i.test(before))
    return `${word}n`;
  return `${word}r`;
}

/** A year as Germans say it: 1990 → "neunzehnhundertneunzig", 2024 → "zweitausendvierundzwanzig". */
function jahr(value: number): string {
  if (value >= 1100 && value < 2000) {
    const rest = value % 100;
    return `${de.cardinal(String(Math.floor(value / 100)))}hundert${rest ? de.cardinal(String(rest)) : ""}`;
  }
  return de.cardinal(String(value));
}

function datesAndTimes(text: string): string {
  return (
    text
      .replace(
        /\b(\d{1,2}):(\d{2})(?:\s?Uhr\b)?|\b(\d{1,2})(?:\.(\d{2}))?\s?Uhr\b/g,
        (all, ...g: string[]) => {
          const [h1, m1, h2, m2] = g as Array<string | undefined>;
          const hours = Number(h1 ?? h2);
          const minutes = Number(m1 ?? m2 ?? 0);
          if (hours > 24 || minutes > 59) return all;
          const hourWords = hours === 1 ? "ein" : de.cardinal(String(hours));
          return minutes ? `${hourWords} Uhr ${de.cardinal(String(minutes))}` : `${hourWords} Uhr`;
        },
      )
      .replace(
        /\b(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})\b/g,
        (all, d: string, m: string, y: string, offset: number, whole: string) => {
          const month = MONATE[Number(m) - 1];
          if (!month || Number(d) < 1 || Number(d) > 31) return all;
          const year = y.length === 4 ? jahr(Number(y)) : de.cardinal(y);
          return `${germanOrdinal(d, whole.slice(0, offset))} ${month} ${year}`;
        },
      )
      .replace(
        new RegExp(String.raw`\b(\d{1,2})\.\s?(${MONTH})(?:\s(\d{4}))?`, "gu"),
        (_all, d: string, month: string, y: string | undefined, offset: number, whole: string) => {
          const name = MONATE.find((full) => full.startsWith(month.replace(/\.$/, ""))) ?? month;
          return `${germanOrdinal(d, whole.slice(0, offset))} ${name}${y ? ` ${jahr(Number(y))}` : ""}`;
        },
      )
      // "im 19. Jahrhundert", "der 3. Platz": an ordinal after an article or preposition.
      .replace(
        /\b((?:am|im|vom|zum|beim|der|die|das|dem|den|des|jeden)\s+)(\d{1,3})\.(?=\s+\p{L})/giu,
        (_all, cue: string, n: string) => `${cue}${germanOrdinal(n, cue)}`,
      )
  );
}

function amounts(text: string): string {
  const after = new RegExp(String.raw`(?<![\d.,])(${COMMA_NUMBER})${SCALE}\s?(${CURRENCY})`, "gu");
  const before = new RegExp(String.raw`(US\$|[€$£])\s?(${COMMA_NUMBER})${SCALE}`, "gu");
  const unitNames = new Map(UNITS.map(([abbr, one, many]) => [abbr, [one, many] as const]));
  const unitPattern = UNITS.map(([abbr]) => abbr.replace("/", "\\/")).join("|");
  return text
    .replace(after, (_all, n: string, s1?: string, s2?: string, symbol = "€") => money(n, s1 ?? s2, symbol))
    .replace(before, (_all, symbol: string, n: string, s1?: string, s2?: string) =>
      money(n, s1 ?? s2, symbol),
    )
    .replace(
      new RegExp(String.raw`(?<![\d.,])(${COMMA_NUMBER})\s?(Tsd|Mio|Mrd|Bio)\.`, "gu"),
      (_all, n: string, s: string) => {
        const scale = SCALES[s] ?? ["", ""];
        return s === "Tsd"
          ? `${sayCommaNumber(n, "de")}tausend`
          : `${amount(n, true)} ${isOne(n) ? scale[0] : scale[1]}`;
      },
    )
    .replace(
      new RegExp(String.raw`(?<![\d.,])(${COMMA_NUMBER})\s?(${unitPattern})(?![\p{L}\p{N}])`, "gu"),
      (all, n: string, unit: string) => {
        const [one, many] = unitNames.get(unit) ?? [];
        if (!one || !many) return all;
        return `${amount(n, FEMININE_UNITS.has(one))} ${isOne(n) ? one : many}`;
      },
    );
}

/** Normalise German text for speaking. */
export function normalizeGerman(text: string, language: string): string {
  let out = codes(text, language);
  out = romanNumerals(expandAbbreviations(out, ABBREVIATIONS), language);
  out = fractionsAndRatios(amounts(datesAndTimes(out)), language);
  out = out
    .replace(/(?<![\d.,])(\d+)(?:\s?[–-]\s?|\s?bis\s?)(\d+)(?![\d.,])/g, "$1 bis $2")
    .replace(/\s*&\s*/g, " und ")
    .replace(/(?<=\p{L})\/(?=\p{L})/gu, " oder ")
    // "1 Jahr" is "ein Jahr", "1 Woche" "eine Woche": typical feminine endings pick "eine".
    .replace(/(?<![\d.,])1\s(?=(\p{Lu}\p{L}*))/gu, (_all, noun: string) =>
      /(?:e|ung|heit|keit|schaft|ion|tät|ik|ei|in)$/.test(noun) ? "eine " : "ein ",
    )
    .replace(
      /(?<![\d.,])(-?)(1[1-9]\d\d)(?![\d.,]\d)/g,
      (_all, sign: string, y: string) => (sign ? "minus " : "") + jahr(Number(y)),
    )
    .replace(
      new RegExp(String.raw`(?<![\p{L}\d.,])(-(?=\d))?(${COMMA_NUMBER})`, "gu"),
      (_all, sign: string | undefined, n: string) => {
        return `${sign ? "minus " : ""}${sayCommaNumber(n, "de")}`;
      },
    );
  return out.replace(/ {2,}/g, " ");
}
