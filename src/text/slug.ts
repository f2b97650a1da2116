/**
 * Lower-case ASCII letters, digits and dashes, at most `max` characters: safe as a file name on
 * every file system and in a URL, and as a speaker id. "../../etc/passwd" → "etc-passwd";
 * "Håvard Skrödahl" → "havard-skrodahl". Empty when nothing of the text survives.
 */
export function asciiSlug(text: string, max = 60): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, max)
    .replace(/-+$/, "");
}
