/**
 * Spanish text for speaking. eSpeak's Spanish voice reads plain integers, but says "veintiuno
 * euros" for "21 €", "dos punto cinco" for an English decimal and "Sr." letter by letter; dates,
 * times, amounts and abbreviations are put into words here, numbers with the noun's gender where
 * the noun is known (units, currencies).
 */
import { codes } from "./codes.js";
import { expandAbbreviations } from "./common.js";
import { fractionsAndRatios } from "./fractions.js";
import { COMMA_NUMBER, commaParts, type Gender, sayCommaNumber, spellerFor } from "./numbers.js";
import { romanNumerals } from "./roman.js";

const es = spellerFor("es");
const MESES =
  "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split(" ");

const ABBREVIATIONS: Array<[RegExp, string]> = [
  [/\bSr\.(?=\s)/g, "señor"],
  [/\bSra\.(?=\s)/g, "señora"],
  [/\bSrta\.(?=\s)/g, "señorita"],
  [/\bSres\.(?=\s)/g, "señores"],
  [/\bDr\.(?=\s)/g, "doctor"],
  [/\bDra\.(?=\s)/g, "doctora"],
  [/\bLic\.(?=\s)/g, "licenciado"],
  [/\bIng\.(?=\s)/g, "ingeniero"],
  [/\bDña\.(?=\s)/g, "doña"],
  [/\bUd\.(?=\s)/g, "usted"],
  [/\bUds\.(?=\s)/g, "ustedes"],
  [/\bEE\.\s?UU\./g, "Estados Unidos"],
  [/\bp\.\s?ej\./g, "por ejemplo"],
  [/\betc\./g, "etcétera"],
  [/\baprox\./g, "aproximadamente"],
  [/\bpág\.\s?(?=\d)/g, "página "],
  [/(?:\bn\.º|\bnúm\.|№)\s?(?=\d)/g, "número "],
  [/\bAvda?\.(?=\s)/g, "avenida"],
];

const CURRENCIES: Record<string, [string, string]> = {
  "€": ["euro", "euros"],
  EUR: ["euro", "euros"],
  $: ["dólar", "dólares"],
  US$: ["dólar estadounidense", "dólares estadounidenses"],
  USD: ["dólar estadounidense", "dólares estadounidenses"],
  "£": ["libra", "libras"],
  "₽": ["rublo", "rublos"],
};
const FEMININE = new Set(["libra", "tonelada", "hora"]);

const UNITS: Array<[string, string, string]> = [
  ["km/h", "kilómetro por hora", "kilómetros por hora"],
  ["km²", "kilómetro cuadrado", "kilómetros cuadrados"],
  ["m²", "metro cuadrado", "metros cuadrados"],
  ["°C", "grado Celsius", "grados Celsius"],
  ["km", "kilómetro", "kilómetros"],
  ["kg", "kilo", "kilos"],
  ["cm", "centímetro", "centímetros"],
  ["mm", "milímetro", "milímetros"],
  ["°", "grado", "grados"],
  ["m", "metro", "metros"],
  ["g", "gramo", "gramos"],
  ["t", "tonelada", "toneladas"],
  ["l", "litro", "litros"],
  ["h", "hora", "horas"],
];

const isOne = (written: string) => /^1(?:,0+)?$/.test(written);
const amount = (written: string, gender: Gender) => {
  const [whole, fraction] = commaParts(written);
  return fraction ? sayCommaNumber(written, "es", gender) : es.beforeNoun(whole, gender);
};
const SCALES: Record<string, [string, string]> = {
  mil: ["mil", "mil"],
  millón: ["millón", "millones"],
  millones: ["millón", "millones"],
  "mil millones": ["mil millones", "mil millones"],
};

function money(written: string, scale: string | undefined, symbol: string): string {
  const [one, many] = CURRENCIES[symbol] ?? ["euro", "euros"];
  const gender = FEMININE.has(one) ? "feminine" : "masculine";
  if (scale) {
    const [s1, sMany] = SCALES[scale] ?? [scale, scale];
    const scaled = isOne(written) ? s1 : sMany;
    // "dos millones de euros", but "dos mil euros".
    return `${amount(written, scaled === "mil" ? gender : "masculine")} ${scaled}${scaled === "mil" ? "" : " de"} ${many}`;
  }
  const [whole, cents] = commaParts(written);
  if (cents.length === 2 && Number(cents) > 0) {
    return `${es.beforeNoun(whole, gender)} ${isOne(whole) ? one : many} con ${es.beforeNoun(cents)} céntimos`;
  }
  return `${amount(written, gender)} ${isOne(written) ? one : many}`;
}

function datesAndTimes(text: string): string {
  return text
    .replace(/\b(\d{1,2}):(\d{2})\b(?:\s?h\b)?/g, (all, h: string, m: string) => {
      const hours = Number(h);
      const minutes = Number(m);
      if (hours > 24 || minutes > 59) return all;
      const hourWords = es.cardinal(h, "feminine");
      if (minutes === 0) return hourWords;
      if (minutes === 15) return `${hourWords} y cuarto`;
      if (minutes === 30) return `${hourWords} y media`;
      return `${hourWords} y ${es.cardinal(m)}`;
    })
    .replace(/\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b/g, (all, d: string, m: string, y: string) => {
      const month = MESES[Number(m) - 1];
      if (!month || Number(d) < 1 || Number(d) > 31) return all;
      return `${es.cardinal(d)} de ${month} de ${es.cardinal(y)}`;
    })
    .replace(/\b(\d{1,2})\.?\s?º(?=\s|$|[,.;])/g, (_all, n: string) => es.ordinal(n))
    .replace(/\b(\d{1,2})\.?\s?ª/g, (_all, n: string) => es.ordinal(n, "feminine"));
}

function amounts(text: string): string {
  const currency = String.raw`US\$|[€$£₽]|\b(?:EUR|USD)\b`;
  const scale = String.raw`(?:\s(mil millones|millones|millón|mil)(?:\sde)?)?`;
  const after = new RegExp(String.raw`(?<![\d.,])(${COMMA_NUMBER})${scale}\s?(${currency})`, "gu");
  const before = new RegExp(String.raw`(US\$|[€$£])\s?(${COMMA_NUMBER})${scale}`, "gu");
  const names = new Map(UNITS.map(([abbr, one, many]) => [abbr, [one, many] as const]));
  const unitPattern = UNITS.map(([abbr]) => abbr.replace("/", "\\/")).join("|");
  return text
    .replace(after, (_all, n: string, s: string | undefined, symbol: string) => money(n, s, symbol))
    .replace(before, (_all, symbol: string, n: string, s: string | undefined) => money(n, s, symbol))
    .replace(new RegExp(String.raw`(?<![\d.,])(${COMMA_NUMBER})\s?%`, "g"), (_all, n: string) => {
      return `${sayCommaNumber(n, "es")} por ciento`;
    })
    .replace(
      new RegExp(String.raw`(?<![\d.,])(${COMMA_NUMBER})\s?(${unitPattern})(?![\p{L}\p{N}])`, "gu"),
      (all, n: string, unit: string) => {
        const [one, many] = names.get(unit) ?? [];
        if (!one || !many) return all;
        return `${amount(n, FEMININE.has(one) ? "feminine" : "masculine")} ${isOne(n) ? one : many}`;
      },
    );
}

/** Normalise Spanish text for speaking. */
export function normalizeSpanish(text: string, language: string): string {
  let out = codes(text, language);
  out = romanNumerals(expandAbbreviations(out, ABBREVIATIONS), language);
  out = fractionsAndRatios(amounts(datesAndTimes(out)), language);
  out = out
    .replace(/(?<![\d.,])(\d+)\s?[–-]\s?(\d+)(?![\d.,])/g, "$1 a $2")
    .replace(/\s*&\s*/g, " y ")
    .replace(/(?<=\p{L})\/(?=\p{L})/gu, " o ")
    .replace(
      new RegExp(String.raw`(?<![\p{L}\d.,])(-(?=\d))?(${COMMA_NUMBER})`, "gu"),
      (_all, sign: string | undefined, n: string) => {
        return `${sign ? "menos " : ""}${sayCommaNumber(n, "es")}`;
      },
    );
  return out.replace(/ {2,}/g, " ");
}
