/**
 * A BCP 47 tag in its canonical form ("en-us" → "en-US", "pt_br" → "pt-BR"), or undefined for
 * anything that is not one. For what pages and front matter declare, `--language` and profiles.
 */
export function canonicalLanguage(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag.trim().replace(/_/g, "-"))[0];
  } catch {
    return undefined;
  }
}
