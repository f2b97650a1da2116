/**
 * The one check every URL a user or a page gives passes before presscast stores it: an absolute
 * http or https address with a host. A page's `<link rel=canonical href="javascript:…">` or a
 * `file:` path would otherwise become a link in the feed.
 */

/** Longest URL kept: browsers and podcast apps cut or refuse far shorter ones. */
const MAX_URL = 2048;

/** `text` as a normalised http(s) URL, or undefined when it is anything else. */
export function httpUrl(text: string | undefined | null): string | undefined {
  const trimmed = text?.trim();
  if (!trimmed || trimmed.length > MAX_URL) return undefined;
  try {
    const url = new URL(trimmed);
    if ((url.protocol !== "http:" && url.protocol !== "https:") || !url.hostname) return undefined;
    return url.href;
  } catch {
    return undefined;
  }
}
