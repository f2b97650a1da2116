/**
 * French text for speaking. eSpeak's French voice reads plain French numbers well, so digits stay
 * digits; what it misreads is the typography around them: "13h36", "1 €", "04.05.2015", a decimal
 * comma, a space as thousands separator, "5 %" and abbreviations such as "M." or "Mme".
 */

import { codes } from "./codes.js";
import { fractionsAndRatios } from "./fractions.js";
import { romanNumerals } from "./roman.js";

const MOIS = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
];

const ABBREVIATIONS: Array<[RegExp, string]> = [
  [/\bM\.(?=\s+\p{Lu})/gu, "Monsieur"],
  [/\bMM\.(?=\s+\p{Lu})/gu, "Messieurs"],
  [/\bMme(?=\s+\p{Lu})/gu, "Madame"],
  [/\bMlle(?=\s+\p{Lu})/gu, "Mademoiselle"],
  [/\bDr\.?(?=\s+\p{Lu})/gu, "Docteur"],
  [/\bPr\.?(?=\s+\p{Lu})/gu, "Professeur"],
  [/\betc\.?(?![\p{L}])/gu, "et cetera"],
  [/\bp\.\s?ex\./g, "par exemple"],
  [/\bc\.-à-d\./g, "c'est-à-dire"],
  [/(?:\bn°|№)\s?(?=\d)/g, "numéro "],
];

const UNITS: Array<[string, string, string]> = [
  ["km/h", "kilomètre heure", "kilomètres heure"],
  ["km²", "kilomètre carré", "kilomètres carrés"],
  ["m²", "mètre carré", "mètres carrés"],
  ["km", "kilomètre", "kilomètres"],
  ["kg", "kilogramme", "kilogrammes"],
  ["cm", "centimètre", "centimètres"],
  ["mm", "millimètre", "millimètres"],
  ["°C", "degré Celsius", "degrés Celsius"],
  ["°", "degré", "degrés"],
  ["m", "mètre", "mètres"],
  ["g", "gramme", "grammes"],
  ["t", "tonne", "tonnes"],
];
const UNIT_NAMES = new Map(UNITS.map(([abbr, one, many]) => [abbr, [one, many] as const]));
const UNIT_PATTERN = UNITS.map(([abbr]) => abbr.replace("/", "\\/")).join("|");

const CURRENCIES: Record<string, [string, string]> = {
  "€": ["euro", "euros"],
  EUR: ["euro", "euros"],
  $: ["dollar", "dollars"],
  USD: ["dollar", "dollars"],
  "£": ["livre", "livres"],
  "₽": ["rouble", "roubles"],
};
const SCALES: Record<string, string> = {
  k: "mille",
  M: "millions d'",
  Md: "milliards d'",
  Mds: "milliards d'",
};

/** A French number, written with a decimal comma, in the form eSpeak reads ("2,5" → "2 virgule 5"). */
const NUMBER = String.raw`\d+(?:,\d+)?`;

/** French puts units in the singular below two ("1,5 kilomètre"). */
function isOne(amount: string): boolean {
  return Number(amount.replace(",", ".")) < 2;
}

/** Normalise French text for speaking; numbers are left to the engine once their typography is plain. */
export function normalizeFrench(text: string, language: string): string {
  let out = codes(text, language);
  for (const [pattern, words] of ABBREVIATIONS) out = out.replace(pattern, words);
  out = out.replace(/(?<=\p{Lu}\p{Ll}+\s)I(er|re)\b/gu, (_all, suffix: string) =>
    suffix === "er" ? "premier" : "première",
  );
  out = romanNumerals(out, language);
  out = out
    // Dates: 04.05.2015 and 04/05/2015 → "4 mai 2015" (day first in French).
    .replace(/\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b/g, (all, d: string, m: string, y: string) => {
      const month = MOIS[Number(m) - 1];
      if (!month || Number(d) < 1 || Number(d) > 31) return all;
      return `${Number(d) === 1 ? "1er" : Number(d)} ${month} ${y}`;
    })
    // Times: 13h36, 13 h 36, 13:36, 9h → "13 heures 36".
    .replace(/\b([01]?\d|2[0-3])\s?(?:h|:)\s?([0-5]\d)?\b(?![\p{L}])/gu, (all, h: string, m?: string) => {
      if (all.includes(":") && !m) return all;
      const hours = `${Number(h)} ${Number(h) <= 1 ? "heure" : "heures"}`;
      return m ? `${hours} ${Number(m)}` : hours;
    })
    // Thousands separated by spaces or dots: "1 000 000" → "1000000".
    .replace(/\b\d{1,3}(?:[ .]\d{3})+(?![\d,]|\.\d)/g, (all) => all.replace(/[ .]/g, ""));
  out = out
    .replace(
      new RegExp(String.raw`(${NUMBER})\s?(k|Mds|Md|M)?\s?(€|\$|£|₽|EUR|USD)(?![\p{L}])`, "gu"),
      (_all, amount: string, scale: string | undefined, unit: string) => {
        const [one, many] = CURRENCIES[unit] ?? ["euro", "euros"];
        const scaleWords = scale ? SCALES[scale] : undefined;
        if (scaleWords?.endsWith("d'")) return `${amount} ${scaleWords}${many}`;
        if (scaleWords) return `${amount} ${scaleWords} ${many}`;
        return `${amount} ${isOne(amount) ? one : many}`;
      },
    )
    .replace(new RegExp(String.raw`(${NUMBER})\s?%`, "g"), "$1 pour cent")
    .replace(
      new RegExp(String.raw`(${NUMBER})\s?(${UNIT_PATTERN})(?![\p{L}\p{N}])`, "gu"),
      (all, amount: string, unit: string) => {
        const names = UNIT_NAMES.get(unit);
        return names ? `${amount} ${isOne(amount) ? names[0] : names[1]}` : all;
      },
    );
  out = fractionsAndRatios(out, language)
    .replace(/\b1(er|re)\b/g, (_all, suffix: string) => (suffix === "er" ? "premier" : "première"))
    .replace(/(\d),(\d)/g, "$1 virgule $2")
    .replace(/(\d)\s?[–-]\s?(\d)/g, "$1 à $2")
    .replace(/\s*&\s*/g, " et ")
    .replace(/(?<!\p{L})(€|\$|£)\s?(\d+(?:,\d+)?)/gu, (_all, unit: string, amount: string) => {
      const [one, many] = CURRENCIES[unit] ?? ["euro", "euros"];
      return `${amount} ${isOne(amount) ? one : many}`;
    })
    .replace(/(?<=\p{L})\/(?=\p{L})/gu, " ou ")
    .replace(/€/g, " euros ")
    .replace(/%/g, " pour cent ");
  return out.replace(/ {2,}/g, " ");
}
