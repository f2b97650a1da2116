/**
 * Text normalisation for speaking, by language. Each language adds its own rules between the shared
 * clean-up steps; a language without rules still gets the shared ones, and its numbers are left to
 * the engine, which knows the language's number words better than a fallback would.
 */
import { finish, prepare, toAscii } from "./common.js";
import { type ArticleContext, articleContext } from "./context.js";
import { normalizeGerman } from "./de.js";
import { normalizeEnglish } from "./en.js";
import { normalizeSpanish } from "./es.js";
import { normalizeFrench } from "./fr.js";
import { normalizeRussian } from "./ru.js";

/** Rules for one language: text in, text out; `language` is the full BCP 47 tag (e.g. "en-US"). */
export type LanguageRules = (text: string, language: string, context: ArticleContext) => string;

/** Language rules by primary subtag. */
export const languageRules: Readonly<Record<string, LanguageRules>> = {
  de: normalizeGerman,
  en: normalizeEnglish,
  es: normalizeSpanish,
  fr: normalizeFrench,
  ru: normalizeRussian,
};

/** Engines that drop every non-ASCII byte, so their text must be transliterated (ENGINES.md). */
export const asciiOnlyEngines: ReadonlySet<string> = new Set(["flite"]);

/** The rules for a language tag: exact tag, then its primary subtag, then none (shared steps only). */
export function rulesFor(language: string): LanguageRules | undefined {
  const tag = language.toLowerCase();
  return languageRules[tag] ?? languageRules[tag.split(/[-_]/)[0] ?? ""];
}

/**
 * The text an engine should say for `text` written in `language`. For an ASCII-only engine the
 * result is transliterated last, so rules can still match accented words before that. `context`
 * comes from the whole article (see `articleContext`); by default from `text` alone.
 */
export function normalize(
  text: string,
  language: string,
  engine: string,
  context: ArticleContext = articleContext(text, language),
): string {
  const rules = rulesFor(language);
  let out = prepare(text);
  if (rules) out = rules(out, language, context);
  out = finish(out);
  return asciiOnlyEngines.has(engine) ? toAscii(out) : out;
}

export { type ArticleContext, articleContext };
