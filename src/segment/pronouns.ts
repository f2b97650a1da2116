/**
 * Does a passage speak in the first person? An interview's answers do ("I", "wir", "je",
 * "nos"); an explainer's answers to its own bold questions do not. Known for the languages
 * below; for any other, `speaksAsSelf` answers undefined and the caller decides without it.
 */

const FIRST_PERSON: Record<string, string[]> = {
  en: [
    "i",
    "i'm",
    "i've",
    "i'd",
    "i'll",
    "me",
    "my",
    "mine",
    "myself",
    "we",
    "we're",
    "we've",
    "us",
    "our",
    "ours",
  ],
  de: [
    "ich",
    "mich",
    "mir",
    "mein",
    "meine",
    "meinen",
    "meinem",
    "meiner",
    "wir",
    "uns",
    "unser",
    "unsere",
    "unseren",
  ],
  fr: ["je", "j", "me", "m", "moi", "mon", "ma", "mes", "nous", "notre", "nos"],
  es: [
    "yo",
    "me",
    "mi",
    "mis",
    "mí",
    "conmigo",
    "nosotros",
    "nosotras",
    "nos",
    "nuestro",
    "nuestra",
    "nuestros",
    "nuestras",
  ],
  it: ["io", "mi", "mio", "mia", "miei", "mie", "noi", "ci", "nostro", "nostra", "nostri", "nostre"],
  pt: ["eu", "me", "meu", "minha", "meus", "minhas", "nós", "nosso", "nossa", "nossos", "nossas", "comigo"],
  nl: ["ik", "mij", "me", "mijn", "wij", "we", "ons", "onze"],
};

const SETS = new Map(Object.entries(FIRST_PERSON).map(([lang, list]) => [lang, new Set(list)]));

/** The words of a passage, lower-cased, apostrophes kept ("i'm", "j'ai"). */
function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/’/g, "'")
    .split(/[^\p{L}']+/u)
    .filter(Boolean);
}

/**
 * True when the passage uses a first-person pronoun of `language` (BCP 47), false when it has
 * none, undefined when the language is not one listed above.
 */
export function speaksAsSelf(text: string, language: string): boolean | undefined {
  const set = SETS.get(language.toLowerCase().split("-")[0] ?? "");
  if (!set) return undefined;
  // Words inside quotation marks are someone quoted, not the passage's own voice.
  const own = text.replace(/«[^»]*»|“[^”]*”|„[^“”]*[“”]|"[^"]*"/gu, " ");
  // An elided pronoun counts by what comes before the apostrophe: "j'ai" → "j", "I'm" → "i".
  return wordsOf(own).some((word) => set.has(word) || set.has(word.split("'")[0] ?? ""));
}
