/**
 * Which request paths `serve` may answer. `send` already refuses `..` and dotfiles; this check
 * runs first and is stricter, so nothing outside the output folder is reachable by any spelling.
 */

export type PathCheck = { ok: true; path: string } | { ok: false; status: 400 | 403 | 404; reason: string };

/**
 * Check a request target. Accepts only an origin-form path ("/a/b.mp3", query ignored); refuses
 * absolute-form targets, backslashes, NUL and other control characters, encoded slashes, backslashes, dots or NUL, empty
 * segments ("//"), "." and ".." segments (403) and any segment that starts with "." (404, like a
 * file that is not there). Returns the still-encoded path for `send`.
 */
export function checkRequestPath(target: string | undefined): PathCheck {
  if (!target?.startsWith("/")) return { ok: false, status: 400, reason: "not an origin-form path" };
  const raw = target.split("?")[0] ?? "";
  if (/[\\\p{Cc}]|%(2f|5c|00|2e)/iu.test(raw)) {
    return { ok: false, status: 403, reason: "encoded or unsafe characters in the path" };
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return { ok: false, status: 400, reason: "malformed percent-encoding" };
  }
  if (/[\\\p{Cc}]/u.test(decoded)) return { ok: false, status: 403, reason: "unsafe characters in the path" };
  const segments = decoded.slice(1).split("/");
  for (const [i, segment] of segments.entries()) {
    const last = i === segments.length - 1;
    if (segment === "" && !last) return { ok: false, status: 403, reason: "empty path segment" };
    if (segment === "." || segment === "..") return { ok: false, status: 403, reason: "dot segment" };
    if (segment.startsWith(".")) return { ok: false, status: 404, reason: "dotfile" };
  }
  return { ok: true, path: raw };
}
