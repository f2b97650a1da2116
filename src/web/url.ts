import { InputError } from "../errors.js";

/**
 * True when an input is a URL rather than a file path: `scheme://…`, or a scheme that never
 * names a file (data:, javascript:, …). Only http(s) is fetched; `parseWebUrl` refuses the rest.
 */
export function isWebUrl(input: string): boolean {
  const text = input.trim();
  return (
    /^[a-z][a-z0-9+.-]+:\/\//i.test(text) || /^(data|javascript|vbscript|blob|about|mailto):/i.test(text)
  );
}

/**
 * A URL presscast may fetch: http or https, a host, no user name or password in it. `what`
 * introduces the URL in the message (a redirect names where it came from).
 */
export function parseWebUrl(input: string, what = ""): URL {
  const lead = what ? `${what} ${input}` : input;
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new InputError(`${lead} is not a valid URL; give an address such as https://example.com/article.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InputError(
      `${lead} uses ${url.protocol.slice(0, -1)}:, and presscast fetches only http and https.`,
    );
  }
  if (!url.hostname) throw new InputError(`${lead} has no host name.`);
  if (url.username || url.password) {
    throw new InputError(`${lead} carries a user name or password; pass credentials with --header instead.`);
  }
  url.hash = "";
  return url;
}

/** The URL at fault: the one asked for, and where it redirected when that differs. */
export function at(start: URL, url: URL): string {
  return start.href === url.href ? start.href : `${start.href} (redirected to ${url.href})`;
}

/** `host:port` of a URL with its port spelled out, as `--allow-host` takes it. */
export function hostPortOf(url: URL): string {
  return `${url.hostname}:${url.port || (url.protocol === "https:" ? "443" : "80")}`;
}
