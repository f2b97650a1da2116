/**
 * English amounts: money, percentages, measures and plain numbers. Engines disagree on all of
 * them ("$3.2 billion" → "dollar three point two billion" in eSpeak, "km" → "K M" in Flite), so
 * they become words here, in the order a listener expects: number, scale, unit. Units use US
 * spellings ("kilometers") because Flite's dictionary has them; "kilometres" goes through its
 * letter-to-sound rules and comes out wrong.
 */
import { cardinal, decimal } from "./number-words.js";

/** A number as written in English text: "1,500", "3.2", "-4". */
const NUMBER = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?`;
const SCALE_WORDS: Record<string, string> = {
  thousand: "thousand",
  k: "thousand",
  million: "million",
  m: "million",
  mn: "million",
  mln: "million",
  billion: "billion",
  bn: "billion",
  b: "billion",
  trillion: "trillion",
  tn: "trillion",
  trn: "trillion",
};
const SCALE = String.raw`(?:\s?(thousand|million|billion|trillion|bn|mn|mln|tn|trn|k|m|b)(?![\p{L}\p{N}]))?`;

/** Words for a written number, its thousands separators dropped. */
export function numberWords(written: string): string {
  return decimal(written.replace(/,/g, ""));
}

interface Currency {
  one: string;
  many: string;
  cent: [string, string];
}
const CURRENCIES: Record<string, Currency> = {
  $: { one: "dollar", many: "dollars", cent: ["cent", "cents"] },
  US$: { one: "U S dollar", many: "U S dollars", cent: ["cent", "cents"] },
  C$: { one: "Canadian dollar", many: "Canadian dollars", cent: ["cent", "cents"] },
  CA$: { one: "Canadian dollar", many: "Canadian dollars", cent: ["cent", "cents"] },
  A$: { one: "Australian dollar", many: "Australian dollars", cent: ["cent", "cents"] },
  NZ$: { one: "New Zealand dollar", many: "New Zealand dollars", cent: ["cent", "cents"] },
  HK$: { one: "Hong Kong dollar", many: "Hong Kong dollars", cent: ["cent", "cents"] },
  USD: { one: "U S dollar", many: "U S dollars", cent: ["cent", "cents"] },
  "€": { one: "euro", many: "euros", cent: ["cent", "cents"] },
  EUR: { one: "euro", many: "euros", cent: ["cent", "cents"] },
  "£": { one: "pound", many: "pounds", cent: ["penny", "pence"] },
  GBP: { one: "pound", many: "pounds", cent: ["penny", "pence"] },
  "¥": { one: "yen", many: "yen", cent: ["sen", "sen"] },
  "₽": { one: "ruble", many: "rubles", cent: ["kopeck", "kopecks"] },
  RUB: { one: "ruble", many: "rubles", cent: ["kopeck", "kopecks"] },
  "₹": { one: "rupee", many: "rupees", cent: ["paisa", "paise"] },
};
const SYMBOL = String.raw`(?<!\p{L})(?:US|CA|C|A|NZ|HK)\$|[$€£¥₽₹]`;
const CODE = "USD|EUR|GBP|RUB";

function money(written: string, scaleWord: string | undefined, unit: string): string {
  const currency = CURRENCIES[unit] ?? CURRENCIES.$;
  if (!currency) return written;
  const plain = written.replace(/,/g, "");
  const scale = scaleWord ? SCALE_WORDS[scaleWord.toLowerCase()] : undefined;
  if (scale) return `${decimal(plain)} ${scale} ${currency.many}`;
  const [whole = "0", cents] = plain.split(".");
  if (cents?.length === 2) {
    const centWords = Number(cents) === 1 ? currency.cent[0] : currency.cent[1];
    const centPart = `${cardinal(cents)} ${centWords}`;
    if (Number(whole) === 0) return centPart;
    const wholePart = `${cardinal(whole)} ${Number(whole) === 1 ? currency.one : currency.many}`;
    return Number(cents) === 0 ? wholePart : `${wholePart} and ${centPart}`;
  }
  return `${decimal(plain)} ${plain === "1" ? currency.one : currency.many}`;
}

/** "$3.2 billion" → "three point two billion dollars"; "1 €" → "one euro"; "€2.9 bn", "5 EUR". */
export function currencies(text: string): string {
  const before = new RegExp(String.raw`(${SYMBOL})\s?(${NUMBER})${SCALE}`, "gu");
  const after = new RegExp(
    String.raw`(?<![\d.,])(${NUMBER})${SCALE}\s?(${SYMBOL}|(?:${CODE})(?![\p{L}]))`,
    "gu",
  );
  const codeFirst = new RegExp(String.raw`\b(${CODE})\s?(${NUMBER})${SCALE}`, "gu");
  return text
    .replace(before, (_all, unit: string, amount: string, scale?: string) => money(amount, scale, unit))
    .replace(codeFirst, (_all, unit: string, amount: string, scale?: string) => money(amount, scale, unit))
    .replace(after, (_all, amount: string, scale: string | undefined, unit: string) =>
      money(amount, scale, unit),
    );
}

/** "5%" and "5 %" → "five percent". */
export function percentages(text: string): string {
  return text.replace(
    new RegExp(String.raw`(?<![\d.,])(-?)(${NUMBER})\s?%`, "g"),
    (_all, sign: string, amount: string) => `${sign ? "minus " : ""}${numberWords(amount)} percent`,
  );
}

/** Unit abbreviation → [singular, plural]. Longest first so "km/h" wins over "km". */
const UNITS: Array<[string, string, string]> = [
  ["km/h", "kilometer per hour", "kilometers per hour"],
  ["km²", "square kilometer", "square kilometers"],
  ["m²", "square meter", "square meters"],
  ["kWh", "kilowatt hour", "kilowatt hours"],
  ["MWh", "megawatt hour", "megawatt hours"],
  ["GWh", "gigawatt hour", "gigawatt hours"],
  ["kph", "kilometer per hour", "kilometers per hour"],
  ["mph", "mile per hour", "miles per hour"],
  ["km", "kilometer", "kilometers"],
  ["kg", "kilogram", "kilograms"],
  ["mg", "milligram", "milligrams"],
  ["cm", "centimeter", "centimeters"],
  ["mm", "millimeter", "millimeters"],
  ["ml", "milliliter", "milliliters"],
  ["kW", "kilowatt", "kilowatts"],
  ["MW", "megawatt", "megawatts"],
  ["GW", "gigawatt", "gigawatts"],
  ["lbs", "pound", "pounds"],
  ["lb", "pound", "pounds"],
  ["ft", "foot", "feet"],
  ["mi", "mile", "miles"],
  ["min", "minute", "minutes"],
  ["°C", "degree Celsius", "degrees Celsius"],
  ["°F", "degree Fahrenheit", "degrees Fahrenheit"],
  ["°", "degree", "degrees"],
  ["m", "meter", "meters"],
  ["g", "gram", "grams"],
  ["t", "tonne", "tonnes"],
  ["l", "liter", "liters"],
  ["h", "hour", "hours"],
];
const UNIT_NAMES = new Map(UNITS.map(([abbr, one, many]) => [abbr, [one, many] as const]));
const UNIT_PATTERN = UNITS.map(([abbr]) => abbr.replace(/[/]/g, "\\/")).join("|");

/** "1.5 thousand km" → "one point five thousand kilometers"; "1 kg" → "one kilogram". */
export function units(text: string): string {
  const pattern = new RegExp(
    String.raw`(?<![\d.,])(-?)(${NUMBER})(?:\s?(thousand|million|billion))?\s?(${UNIT_PATTERN})(?![\p{L}\p{N}])`,
    "gu",
  );
  return text.replace(
    pattern,
    (_all, sign: string, amount: string, scale: string | undefined, unit: string) => {
      const names = UNIT_NAMES.get(unit);
      if (!names) return _all;
      const name = amount === "1" && !scale ? names[0] : names[1];
      return `${sign ? "minus " : ""}${numberWords(amount)}${scale ? ` ${scale}` : ""} ${name}`;
    },
  );
}

/** Every number still in digits: "1,500" → "one thousand five hundred", "-4.5" → "minus four point five". */
export function plainNumbers(text: string): string {
  return text.replace(
    new RegExp(String.raw`(?<![\p{L}\d])(-(?=\d))?(${NUMBER})`, "gu"),
    (_all, sign: string | undefined, amount: string) => `${sign ? "minus " : ""}${numberWords(amount)}`,
  );
}
