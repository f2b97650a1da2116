/**
 * Russian text for speaking. eSpeak's Russian voice reads plain integers but not agreement ("пять
 * процент"), spells "млрд" and "руб." letter by letter, reads "3 марта" as a cardinal and breaks a
 * number at a space ("1 500"). Amounts, dates and abbreviations become words here, each noun in
 * the form its number asks for (see ru-grammar.ts).
 */
import { codes } from "./codes.js";
import { expandAbbreviations } from "./common.js";
import { fractionsAndRatios } from "./fractions.js";
import { COMMA_NUMBER, type Gender, sayCommaNumber, spellerFor } from "./numbers.js";
import { romanNumerals } from "./roman.js";
import { genitiveCardinal, type NounForms, nounAfter, nounAfterGenitive, ordinalCase } from "./ru-grammar.js";

const ru = spellerFor("ru");
const MONTHS = "января февраля марта апреля мая июня июля августа сентября октября ноября декабря".split(" ");

interface Noun {
  forms: NounForms;
  genitiveSingular: string;
  gender: Gender;
}
const noun = (one: string, few: string, many: string, gender: Gender = "masculine"): Noun => ({
  forms: [one, few, many],
  genitiveSingular: few,
  gender,
});

const PERCENT = noun("процент", "процента", "процентов");
/** Scale words, written as abbreviations or in full. */
const SCALES: Record<string, Noun> = {
  тыс: noun("тысяча", "тысячи", "тысяч", "feminine"),
  млн: noun("миллион", "миллиона", "миллионов"),
  млрд: noun("миллиард", "миллиарда", "миллиардов"),
  трлн: noun("триллион", "триллиона", "триллионов"),
};
const CURRENCIES: Record<string, Noun> = {
  руб: noun("рубль", "рубля", "рублей"),
  "₽": noun("рубль", "рубля", "рублей"),
  коп: noun("копейка", "копейки", "копеек", "feminine"),
  долл: noun("доллар", "доллара", "долларов"),
  $: noun("доллар", "доллара", "долларов"),
  "€": noun("евро", "евро", "евро"),
  евро: noun("евро", "евро", "евро"),
  "£": noun("фунт", "фунта", "фунтов"),
};
const UNITS: Record<string, Noun> = {
  км: noun("километр", "километра", "километров"),
  м: noun("метр", "метра", "метров"),
  см: noun("сантиметр", "сантиметра", "сантиметров"),
  мм: noun("миллиметр", "миллиметра", "миллиметров"),
  кг: noun("килограмм", "килограмма", "килограммов"),
  г: noun("грамм", "грамма", "граммов"),
  т: noun("тонна", "тонны", "тонн", "feminine"),
  л: noun("литр", "литра", "литров"),
  ч: noun("час", "часа", "часов"),
  мин: noun("минута", "минуты", "минут", "feminine"),
  "°C": noun("градус Цельсия", "градуса Цельсия", "градусов Цельсия"),
  "°": noun("градус", "градуса", "градусов"),
  "%": PERCENT,
};

/** Prepositions after which a number and its noun are genitive: "более пяти процентов". */
const GENITIVE_CUE =
  /(?:^|[\s(])(?:более|менее|около|свыше|до|от|из|без|для|после|кроме|порядка|больше|меньше|с)\s$/i;

/** A number and its noun (and scale) in agreement; genitive after a cue word in `before`. */
function counted(written: string, nouns: Noun[], before: string): string {
  const genitive = GENITIVE_CUE.test(before);
  const [first, ...rest] = nouns;
  if (!first) return written;
  let words = sayCommaNumber(written, "ru", first.gender);
  let head: string;
  if (genitive) {
    words = genitiveCardinal(words);
    head = nounAfterGenitive(written, first.forms, first.genitiveSingular);
  } else {
    head = nounAfter(written, first.forms);
  }
  // After a scale word the rest is genitive plural: "пять миллиардов рублей".
  return [words, head, ...rest.map((n) => n.forms[2])].join(" ");
}

function amounts(text: string): string {
  const scale = String.raw`(?:\s?(тыс|млн|млрд|трлн)\.?)?`;
  const currency = String.raw`(руб|коп|долл)\.?|([₽$€£])|(евро)`;
  const unit = Object.keys(UNITS)
    .sort((a, b) => b.length - a.length)
    .map((u) => u.replace(/[$]/g, "\\$&"))
    .join("|");
  const withCurrency = new RegExp(
    String.raw`(?<![\d.,])(${COMMA_NUMBER})${scale}\s?(?:${currency})(?![\p{L}])`,
    "gu",
  );
  const currencyFirst = new RegExp(String.raw`([$€£])\s?(${COMMA_NUMBER})${scale}`, "gu");
  const withUnit = new RegExp(String.raw`(?<![\d.,])(${COMMA_NUMBER})\s?(${unit})(?![\p{L}\p{N}])`, "gu");
  const scaleOnly = new RegExp(
    String.raw`(?<![\d.,])(${COMMA_NUMBER})\s?(тыс|млн|млрд|трлн)\.?(?![\p{L}])`,
    "gu",
  );
  const upTo = (whole: string, offset: number) => whole.slice(0, offset);
  // "Цена 100 руб." ends a sentence with the abbreviation's dot: the full stop stays.
  const end = (all: string, offset: number, whole: string) =>
    all.endsWith(".") && /^\s*$/.test(whole.slice(offset + all.length)) ? "." : "";
  return text
    .replace(
      withCurrency,
      (
        _all,
        n: string,
        s: string | undefined,
        c1?: string,
        c2?: string,
        c3?: string,
        offset = 0,
        whole = "",
      ) => {
        const cur = CURRENCIES[c1 ?? c2 ?? c3 ?? "руб"] ?? (CURRENCIES.руб as Noun);
        return (
          counted(n, s ? [SCALES[s] as Noun, cur] : [cur], upTo(whole, offset)) + end(_all, offset, whole)
        );
      },
    )
    .replace(
      currencyFirst,
      (all, c: string, n: string, s: string | undefined, offset: number, whole: string) => {
        const cur = CURRENCIES[c] as Noun;
        return (
          counted(n, s ? [SCALES[s] as Noun, cur] : [cur], upTo(whole, offset)) + end(all, offset, whole)
        );
      },
    )
    .replace(withUnit, (all, n: string, u: string, offset: number, whole: string) => {
      const found = UNITS[u];
      return found ? counted(n, [found], upTo(whole, offset)) : all;
    })
    .replace(scaleOnly, (all, n: string, s: string, offset: number, whole: string) => {
      return counted(n, [SCALES[s] as Noun], upTo(whole, offset)) + end(all, offset, whole);
    });
}

/** "3 марта 2024 г." → "третьего марта две тысячи двадцать четвёртого года"; "в 2024 г." → "в … году". */
function dates(text: string): string {
  const year = (y: string, kase: "genitive" | "prepositional") => ordinalCase(ru.ordinal(y), kase);
  return (
    text
      .replace(/\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/g, (all, d: string, m: string, y: string) => {
        const month = MONTHS[Number(m) - 1];
        if (!month || Number(d) < 1 || Number(d) > 31) return all;
        return `${ordinalCase(ru.ordinal(d), "genitive")} ${month} ${year(y, "genitive")} года`;
      })
      .replace(
        new RegExp(
          String.raw`\b(\d{1,2})\s(${MONTHS.join("|")})(?:\s(\d{4})(?:\s?(?:г\.|года(?![\p{L}])))?)?`,
          "gu",
        ),
        (_all, d: string, month: string, y?: string) => {
          return `${ordinalCase(ru.ordinal(d), "genitive")} ${month}${y ? ` ${year(y, "genitive")} года` : ""}`;
        },
      )
      .replace(
        /(?<![\p{L}])([вВ]о?\s)(\d{3,4})\s?(?:г\.|году(?![\p{L}]))/gu,
        (_all, prep: string, y: string) => `${prep}${year(y, "prepositional")} году`,
      )
      .replace(/\b(\d{3,4})\s?(?:г\.|года(?![\p{L}]))/gu, (_all, y: string) => `${year(y, "genitive")} года`)
      .replace(
        /\b(\d{3,4})\s(год)(?![\p{L}])/gu,
        (_all, y: string, word: string) => `${ordinalCase(ru.ordinal(y), "nominative")} ${word}`,
      )
      // Decades: "в 1990-х" → "в тысяча девятьсот девяностых", "1990-е" → "… девяностые".
      .replace(/\b(\d{3}0)-(х|е)(?![\p{L}])/gu, (_all, y: string, ending: string) => {
        return ordinalCase(ru.ordinal(y), "nominative").replace(/(?:ый|ой)$/, ending === "х" ? "ых" : "ые");
      })
      .replace(/\b([01]?\d|2[0-3]):([0-5]\d)\b/g, (_all, h: string, m: string) => {
        return m === "00" ? `${ru.cardinal(h)} ноль ноль` : `${ru.cardinal(h)} ${ru.cardinal(m, "feminine")}`;
      })
  );
}

const ABBREVIATIONS: Array<[RegExp, string]> = [
  [/(?<![\p{L}])т\.\s?е\./gu, "то есть"],
  [/(?<![\p{L}])т\.\s?д\./gu, "так далее"],
  [/(?<![\p{L}])т\.\s?п\./gu, "тому подобное"],
  [/(?<![\p{L}])т\.\s?к\./gu, "так как"],
  [/(?<![\p{L}])т\.\s?н\./gu, "так называемый"],
  [/(?<![\p{L}])и\sдр\./gu, "и другие"],
  [/(?<![\p{L}])напр\./gu, "например"],
  [/(?<![\p{L}])им\.(?=\s)/gu, "имени"],
  [/(?<![\p{L}])ул\.(?=\s)/gu, "улица"],
  [/(?<![\p{L}])№\s?(?=\d)/gu, "номер "],
];

/** Normalise Russian text for speaking. */
export function normalizeRussian(text: string, language: string): string {
  let out = codes(text, language);
  out = dates(out);
  out = expandAbbreviations(out, ABBREVIATIONS);
  out = romanNumerals(out, language);
  out = amounts(out);
  out = fractionsAndRatios(out, language);
  out = out
    .replace(/(?<![\d.,])(\d+)\s?[–-]\s?(\d+)(?![\d.,])/g, (_all, a: string, b: string) => {
      return `от ${genitiveCardinal(ru.cardinal(a))} до ${genitiveCardinal(ru.cardinal(b))}`;
    })
    .replace(/\s*&\s*/g, " и ")
    .replace(
      new RegExp(String.raw`(?<![\p{L}\d.,])(-(?=\d))?(${COMMA_NUMBER})`, "gu"),
      (_all, sign: string | undefined, n: string) => {
        return `${sign ? "минус " : ""}${sayCommaNumber(n, "ru")}`;
      },
    );
  return out.replace(/ {2,}/g, " ");
}
