/**
 * Russian agreement between a number and what it counts: "1 процент", "2 процента", "5 процентов",
 * "2,5 процента"; the genitive after "более", "около", "до"… ("более пяти процентов"); ordinals
 * in the genitive and prepositional for dates and years ("третьего марта", "в 2024 году").
 */

/** A noun's forms: [one (1, 21), few (2–4, and decimals), many (5–20, 0), genitive plural]. */
export type NounForms = readonly [one: string, few: string, many: string];

const pluralRules = new Intl.PluralRules("ru");

/** The noun's form after a number written in digits (a decimal comma allowed). */
export function nounAfter(written: string, forms: NounForms): string {
  const value = Number(written.replace(/\s/g, "").replace(",", "."));
  if (!Number.isInteger(value)) return forms[1];
  switch (pluralRules.select(value)) {
    case "one":
      return forms[0];
    case "few":
      return forms[1];
    default:
      return forms[2];
  }
}

/** After a genitive numeral the noun is genitive singular for one, genitive plural otherwise. */
export function nounAfterGenitive(written: string, forms: NounForms, genitiveSingular: string): string {
  const value = Number(written.replace(/\s/g, "").replace(",", "."));
  if (!Number.isInteger(value)) return forms[1];
  return pluralRules.select(value) === "one" ? genitiveSingular : forms[2];
}

const GENITIVE: Record<string, string> = {
  один: "одного",
  одна: "одной",
  два: "двух",
  две: "двух",
  три: "трёх",
  четыре: "четырёх",
  восемь: "восьми",
  сорок: "сорока",
  пятьдесят: "пятидесяти",
  шестьдесят: "шестидесяти",
  семьдесят: "семидесяти",
  восемьдесят: "восьмидесяти",
  девяносто: "девяноста",
  сто: "ста",
  двести: "двухсот",
  триста: "трёхсот",
  четыреста: "четырёхсот",
  пятьсот: "пятисот",
  шестьсот: "шестисот",
  семьсот: "семисот",
  восемьсот: "восьмисот",
  девятьсот: "девятисот",
  тысяча: "тысячи",
  тысячи: "тысяч",
  миллион: "миллиона",
  миллиона: "миллионов",
  миллиард: "миллиарда",
  миллиарда: "миллиардов",
  целая: "целой",
  десятая: "десятой",
  сотая: "сотой",
  ноль: "ноля",
};

/** Cardinal words in the genitive: "пять" → "пяти", "две целых пять десятых" → "двух целых пяти десятых". */
export function genitiveCardinal(words: string): string {
  return words
    .split(" ")
    .map((word) => GENITIVE[word] ?? (/(?:ь)$/.test(word) ? `${word.slice(0, -1)}и` : word))
    .join(" ");
}

/** An ordinal in a case: "четвёртый" → "четвёртого" (genitive), "четвёртом" (prepositional). */
export function ordinalCase(words: string, kase: "nominative" | "genitive" | "prepositional"): string {
  // Years are said without "одна": "тысяча девятьсот девяностый".
  const said = words.replace(/^одна тысяча /, "тысяча ");
  if (kase === "nominative") return said;
  const soft = kase === "genitive" ? "его" : "ем";
  const hard = kase === "genitive" ? "ого" : "ом";
  return said
    .replace(/третий$/, `треть${soft}`)
    .replace(/(?:ый|ой)$/, hard)
    .replace(/ий$/, soft);
}
