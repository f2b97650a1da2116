/**
 * Roman numerals after a name: "Henry VIII" → "Henry the eighth", "Louis XIV" → "Louis quatorze",
 * "Ludwig XIV." → "Ludwig der Vierzehnte", "Felipe VI" → "Felipe sexto", "Пётр I" → "Пётр
 * Первый". Engines spell them as letters ("V I I I"). A lone "I", "V" or "X" is a pronoun or a
 * letter far more often than a numeral ("Model X"): "V" and "X" are left alone, "I" is read only after
 * a ruler's name.
 */
import { spellerFor } from "./numbers.js";

const VALUES: Record<string, number> = { I: 1, V: 5, X: 10, L: 50 };

/** The value of a numeral up to 89, or undefined for anything that is not one in canonical form. */
export function romanValue(numeral: string): number | undefined {
  if (!/^L?X{0,3}(?:IX|IV|V?I{0,3})$/.test(numeral) || numeral === "") return undefined;
  let total = 0;
  for (let i = 0; i < numeral.length; i++) {
    const value = VALUES[numeral[i] ?? ""] ?? 0;
    const next = VALUES[numeral[i + 1] ?? ""] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

/**
 * Names that rulers and popes bear with a numeral, and titles that announce one: after them a
 * numeral is a regnal number ("Henry VIII" → "the eighth"); after anything else it counts
 * ("Metroid II", "Tallon IV", "Part III" → "two", "four", "three").
 */
const RULER_NAMES = new Set(
  (
    "Henry Louis Elizabeth George Edward Richard James Charles William John Paul Benedict Pius Gregory Leo " +
    "Peter Catherine Frederick Philip Ferdinand Alexander Nicholas Ivan Mary Victoria Napoleon Innocent " +
    "Clement Urban Boniface Alfonso Carlos Juan Felipe Fernando Isabel Isabella Francis Rudolf Otto Ludwig " +
    "Karl Friedrich Wilhelm Heinrich Johannes Benedikt Franz Maximilian Joseph Josef Leopold Ludwig Elisabeth " +
    "François Henri Philippe Jean Napoléon Pie Benoît Jean-Paul Léon Juana Pedro Enrique Sancho Jaime " +
    "Пётр Петр Екатерина Николай Александр Иван Павел Елизавета Анна Фёдор Федор Василий Михаил Алексей"
  ).split(" "),
);
const TITLE =
  /(?:King|Queen|Pope|Emperor|Empress|Tsar|Czar|Prince|Princess|Duke|Saint|König|Königin|Kaiser|Kaiserin|Papst|roi|reine|pape|empereur|impératrice|rey|reina|papa|emperador|emperatriz|царь|император|императрица|король|королева|папа)\s+$/;

function reading(language: string, value: number, name: string, ruler: boolean): string {
  const s = spellerFor(language);
  const n = String(value);
  if (!ruler) return s.cardinal(n);
  switch (language) {
    case "en":
      return `the ${s.ordinal(n)}`;
    case "de": {
      const ordinal = s.ordinal(n);
      return `der ${ordinal.charAt(0).toUpperCase()}${ordinal.slice(1)}`;
    }
    case "fr":
      return value === 1 ? "premier" : s.cardinal(n);
    case "es":
      return value <= 10 ? s.ordinal(n) : s.cardinal(n);
    case "ru": {
      let ordinal = s.ordinal(n);
      // "Екатерина II" → "Вторая": a name ending in -а/-я takes the feminine.
      if (/[ая]$/.test(name)) {
        ordinal = ordinal.endsWith("третий")
          ? ordinal.replace(/третий$/, "третья")
          : ordinal.replace(/(ый|ой|ий)$/, "ая");
      }
      return ordinal.charAt(0).toUpperCase() + ordinal.slice(1);
    }
    default:
      return s.cardinal(n);
  }
}

const PATTERN =
  /(?<![\p{L}\p{N}])(\p{Lu}\p{Ll}+)\s([IVXL]+)(?:\.(?=\s+[\p{Ll},;]))?(?![\p{L}\p{N}]|\.\p{L})/gu;

/** Numerals after a capitalised word, read as the language reads a ruler's or a part's number. */
export function romanNumerals(text: string, language: string): string {
  const primary = language.toLowerCase().split(/[-_]/)[0] ?? "en";
  return text.replace(PATTERN, (all, name: string, numeral: string, offset: number, whole: string) => {
    const value = romanValue(numeral);
    if (value === undefined) return all;
    if (numeral.length === 1 && numeral !== "I") return all;
    const ruler = RULER_NAMES.has(name) || TITLE.test(whole.slice(0, offset));
    // "Elizabeth I" or "Пётр I", never "when I said".
    if (numeral === "I" && !ruler) return all;
    return `${name} ${reading(primary, value, name, ruler)}`;
  });
}
