import { InputError } from "../errors.js";
import { canonicalLanguage } from "../text/language-tag.js";

/** `--language <bcp47>`, checked and tidied ("de-de" → "de-DE"); undefined when the flag is absent. */
export function languageFlag(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const tag = canonicalLanguage(value);
  if (!tag || !/^[a-z]{2,3}(?:-|$)/i.test(tag)) {
    throw new InputError(
      `--language "${value}" is not a language tag; use one such as en, de, fr-CA or pt-BR.`,
    );
  }
  return tag;
}
