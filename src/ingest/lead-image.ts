/**
 * An article's lead image, when a saved page has it as a local file (a browser's "save page"
 * puts images in a folder beside the page): it may become the episode's own art. Only files
 * on this machine count; nothing is fetched.
 */
import { existsSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Image files presscast can turn into episode art, by extension. */
const IMAGE_FILE = /\.(jpe?g|png|webp|gif|avif)$/i;

/**
 * The first of `sources` (image `src` values in order of preference) that names an existing
 * image file relative to the article `file`, as an absolute path; undefined when none does.
 */
export function localLeadImage(sources: Array<string | null | undefined>, file: string): string | undefined {
  for (const source of sources) {
    const path = localPath(source?.trim() ?? "", file);
    if (path && IMAGE_FILE.test(path) && existsSync(path) && statSync(path).isFile()) return path;
  }
  return undefined;
}

function localPath(source: string, file: string): string | undefined {
  if (!source) return undefined;
  if (/^file:/i.test(source)) {
    try {
      return fileURLToPath(source);
    } catch {
      return undefined;
    }
  }
  // http(s), data: and protocol-relative links are not on this machine.
  if (/^[a-z][a-z0-9+.-]*:/i.test(source) || source.startsWith("//")) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(source.split(/[?#]/)[0] ?? "");
  } catch {
    return undefined;
  }
  return resolve(dirname(file), decoded);
}
