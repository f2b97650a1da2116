/**
 * The pronunciation lexicon: words and abbreviations every engine gets wrong, per language
 * ("CSTO" → "C S T O", "NATO" → "Nato"). Kept in YAML beside the voice profiles so a listener's fix
 * needs no code. Entries apply to whole words; an all-capitals entry (an acronym) matches only in
 * capitals, so "US" becomes "U S" while "us" stays a word.
 */
import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { InputError } from "../errors.js";

/** Language tag (lower case, e.g. "en", "fr-ca") → written form → spoken form. */
export type Lexicon = Record<string, Record<string, string>>;

/** Reads and merges lexicon files in order; a later file's entry replaces an earlier one. */
export async function loadLexicon(files: readonly string[]): Promise<Lexicon> {
  const merged: Lexicon = {};
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "does not exist" : "cannot be read";
      throw new InputError(
        `Lexicon ${file} ${reason}; check the path in the voice profile's "lexicons" list.`,
      );
    }
    for (const [language, entries] of Object.entries(parseLexicon(file, text))) {
      merged[language] = { ...merged[language], ...entries };
    }
  }
  return merged;
}

/** Checks one lexicon file's data: `{ <language>: { <written>: <spoken> } }`, strings only. */
export function parseLexicon(file: string, text: string): Lexicon {
  let data: unknown;
  try {
    data = parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new InputError(`Lexicon ${file} is not valid YAML: ${reason}.`);
  }
  if (data === null || data === undefined) return {};
  if (!isRecord(data)) {
    throw new InputError(`Lexicon ${file} must map language codes to entries, e.g. "en: { NATO: Nato }".`);
  }
  const lexicon: Lexicon = {};
  for (const [language, entries] of Object.entries(data)) {
    if (!/^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$/i.test(language)) {
      throw new InputError(
        `Lexicon ${file}: "${language}" is not a language code; use one such as en, fr or en-GB.`,
      );
    }
    if (entries === null) continue;
    if (!isRecord(entries)) {
      throw new InputError(
        `Lexicon ${file}: ${language} must map words to how to say them, e.g. "NATO: Nato".`,
      );
    }
    const checked: Record<string, string> = {};
    for (const [written, spoken] of Object.entries(entries)) {
      if (typeof spoken !== "string" && typeof spoken !== "number") {
        throw new InputError(`Lexicon ${file}: ${language}.${written} must be a text saying how to read it.`);
      }
      checked[written] = String(spoken);
    }
    lexicon[language.toLowerCase().replace("_", "-")] = checked;
  }
  return lexicon;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const isAcronym = (word: string): boolean => /\p{Lu}.*\p{Lu}/u.test(word) && !/\p{Ll}/u.test(word);

interface Compiled {
  pattern: RegExp;
  lookup: Map<string, string>;
}
const compiled = new WeakMap<Lexicon, Map<string, Compiled>>();

function compile(lexicon: Lexicon, language: string): Compiled {
  const byLanguage = compiled.get(lexicon) ?? new Map<string, Compiled>();
  compiled.set(lexicon, byLanguage);
  const cached = byLanguage.get(language);
  if (cached) return cached;
  const entries = entriesFor(lexicon, language);
  const lookup = new Map<string, string>();
  const words = Object.keys(entries).sort((a, b) => b.length - a.length);
  const alternatives = words.map((word) => {
    lookup.set(isAcronym(word) ? word : word.toLowerCase(), entries[word] ?? word);
    // Acronyms must match exactly; other words in any case, so "(?i:...)" is emulated per letter.
    return isAcronym(word) ? escapeRegExp(word) : caseless(word);
  });
  const body = alternatives.length ? alternatives.join("|") : "(?!)";
  // Not inside an address or an amount: "US$5", "press@eu.int", "nato.int" keep their letters.
  const pattern = new RegExp(
    `(?<![\\p{L}\\p{N}@]|[\\p{L}\\p{N}]\\.)(?:${body})(?![\\p{L}\\p{N}$@]|\\.[\\p{L}\\p{N}])`,
    "gu",
  );
  const result = { pattern, lookup };
  byLanguage.set(language, result);
  return result;
}

function caseless(word: string): string {
  return [...word]
    .map((char) => {
      const lower = char.toLowerCase();
      const upper = char.toUpperCase();
      return lower === upper ? escapeRegExp(char) : `[${lower}${upper}]`;
    })
    .join("");
}

/** The entries for a language tag: its primary subtag's, overridden by the full tag's. */
export function entriesFor(lexicon: Lexicon, language: string): Record<string, string> {
  const tag = language.toLowerCase().replace("_", "-");
  const primary = tag.split("-")[0] ?? tag;
  if (tag === primary) return lexicon[primary] ?? {};
  return { ...lexicon[primary], ...lexicon[tag] };
}

/** `text` with every whole-word lexicon entry of `language` replaced by its spoken form. */
export function applyLexicon(text: string, lexicon: Lexicon, language: string): string {
  const { pattern, lookup } = compile(lexicon, language);
  if (lookup.size === 0) return text;
  return text.replace(pattern, (word) => lookup.get(word) ?? lookup.get(word.toLowerCase()) ?? word);
}
