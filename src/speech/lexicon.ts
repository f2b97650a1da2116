/**
 * The pronunciation lexicon: words and abbreviations every engine gets wrong, per language
 * ("CSTO" → "C S T O", "NATO" → "Nato"). Kept in YAML beside the voice profiles so a listener's fix
 * needs no code. Entries apply to whole words; an all-capitals entry (an acronym) matches only in
 * capitals, so "US" becomes "U S" while "us" stays a word.
 */
import { parse } from "yaml";
import { InputError } from "../errors.js";
import { readLimitedText } from "../input-file.js";
import { isMapping } from "../schema.js";
import { yamlReason } from "./profile.js";

/** Language tag (lower case, e.g. "en", "fr-ca") → written form → spoken form. */
export type Lexicon = Record<string, Record<string, string>>;

/** A lexicon of tens of thousands of entries is still under a few MB. */
const MAX_LEXICON_BYTES = 8 * 1024 * 1024;

/** Reads and merges lexicon files in order; a later file's entry replaces an earlier one. */
export async function loadLexicon(files: readonly string[]): Promise<Lexicon> {
  const merged: Lexicon = {};
  for (const file of files) {
    const text = await readLimitedText(file, {
      what: `Lexicon ${file}`,
      maxBytes: MAX_LEXICON_BYTES,
      hint: `; check the path in the voice profile's "lexicons" list`,
    });
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
    throw new InputError(`Lexicon ${file} is not valid YAML: ${yamlReason(error)}.`);
  }
  if (data === null || data === undefined) return {};
  if (!isMapping(data)) {
    throw new InputError(`Lexicon ${file} must map language codes to entries, e.g. "en: { NATO: Nato }".`);
  }
  const lexicon: Lexicon = {};
  // Messages name keys by position, never by their text: a file named here by mistake may be private.
  for (const [index, [language, entries]] of Object.entries(data).entries()) {
    if (!/^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$/i.test(language)) {
      throw new InputError(
        `Lexicon ${file}: top-level key number ${index + 1} is not a language code; use one such as en, fr or en-GB.`,
      );
    }
    if (entries === null) continue;
    if (!isMapping(entries)) {
      throw new InputError(
        `Lexicon ${file}: ${language} must map words to how to say them, e.g. "NATO: Nato".`,
      );
    }
    const checked: Record<string, string> = {};
    for (const [number, [written, spoken]] of Object.entries(entries).entries()) {
      if (typeof spoken !== "string" && typeof spoken !== "number") {
        throw new InputError(
          `Lexicon ${file}: entry number ${number + 1} under ${language} must be a text saying how to read its word.`,
        );
      }
      checked[written] = String(spoken);
    }
    lexicon[language.toLowerCase().replace("_", "-")] = checked;
  }
  return lexicon;
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
