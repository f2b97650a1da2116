/**
 * The words each language uses for the symbols in addresses, phone numbers and versions, and for
 * ratios. Kept apart from the rules so that adding a language is one table entry.
 */
export interface Vocabulary {
  /** "@" in an e-mail address. */
  at: string;
  /** "." in a domain or e-mail address. */
  dot: string;
  slash: string;
  /** "-" inside a domain or e-mail address. */
  dash: string;
  underscore: string;
  /** "+" before a country code. */
  plus: string;
  version: string;
  /** "." between the parts of a version number. */
  point: string;
  /** Between the two sides of a ratio: "three to one". */
  to: string;
}

const VOCABULARY: Record<string, Vocabulary> = {
  en: {
    at: "at",
    dot: "dot",
    slash: "slash",
    dash: "dash",
    underscore: "underscore",
    plus: "plus",
    version: "version",
    point: "point",
    to: "to",
  },
  de: {
    at: "ät",
    dot: "Punkt",
    slash: "Schrägstrich",
    dash: "Bindestrich",
    underscore: "Unterstrich",
    plus: "plus",
    version: "Version",
    point: "Punkt",
    to: "zu",
  },
  fr: {
    at: "arobase",
    dot: "point",
    slash: "slash",
    dash: "tiret",
    underscore: "tiret bas",
    plus: "plus",
    version: "version",
    point: "point",
    to: "à",
  },
  es: {
    at: "arroba",
    dot: "punto",
    slash: "barra",
    dash: "guion",
    underscore: "guion bajo",
    plus: "más",
    version: "versión",
    point: "punto",
    to: "a",
  },
  ru: {
    at: "собака",
    dot: "точка",
    slash: "слэш",
    dash: "дефис",
    underscore: "подчёркивание",
    plus: "плюс",
    version: "версия",
    point: "точка",
    to: "к",
  },
};

/** The vocabulary of a language tag's primary subtag; English for a language without its own. */
export function vocabularyFor(language: string): Vocabulary {
  const primary = language.toLowerCase().split(/[-_]/)[0] ?? "";
  return VOCABULARY[primary] ?? (VOCABULARY.en as Vocabulary);
}
