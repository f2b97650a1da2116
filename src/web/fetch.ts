import { fetch, type Response } from "undici";
import { InputError, WorkError } from "../errors.js";
import type { AddressPolicy } from "./address.js";
import { guardedAgent } from "./agent.js";
import { describeFailure } from "./failure.js";
import { at, parseWebUrl } from "./url.js";

/** How a page or feed is fetched; every limit has a default fit for an unattended server. */
export interface FetchOptions {
  policy: AddressPolicy;
  /** Extra request headers (a cookie, a token): sent to one origin only, never elsewhere. */
  headers?: Record<string, string>;
  /** The origin `headers` belong to. default: the origin of the URL fetched first */
  headerOrigin?: string;
  /** Largest body after decompression. default: 10 MB */
  maxBytes?: number;
  /** default: 10 s */
  connectTimeoutMs?: number;
  /** For the whole fetch, redirects and body included. default: 30 s */
  timeoutMs?: number;
  /** default: 5 */
  maxRedirects?: number;
  /** What the caller can read: an article page, or a feed. */
  accept: "page" | "feed";
  signal?: AbortSignal;
}

export interface Fetched {
  /** The URL as asked for (normalised). */
  url: string;
  /** Where the body came from, after redirects. */
  finalUrl: string;
  bytes: Uint8Array;
  /** The media type without parameters, lower case; "" when the server sent none. */
  mediaType: string;
  /** The charset the Content-Type header names, if any. */
  charset?: string;
}

export const USER_AGENT = "presscast/0.1 (+article-to-podcast; fetches one page per article)";
const MB = 1024 * 1024;

const PAGE_TYPES = ["text/html", "application/xhtml+xml", "text/plain", "text/markdown", "text/x-markdown"];
const FEED_TYPES = [
  "application/rss+xml",
  "application/atom+xml",
  "application/rdf+xml",
  "application/xml",
  "text/xml",
  ...PAGE_TYPES,
];

/**
 * Fetches one page or feed: http(s) only, at most `maxRedirects` redirects (each checked like
 * the first URL), gzip/deflate/br decoded and counted after decoding, a connect and a total
 * deadline. Nothing the page links to (images, scripts, styles) is ever requested.
 */
export async function fetchResource(input: string, opts: FetchOptions): Promise<Fetched> {
  const start = parseWebUrl(input);
  const maxBytes = opts.maxBytes ?? 10 * MB;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const maxRedirects = opts.maxRedirects ?? 5;
  const agent = guardedAgent(opts.policy, opts.connectTimeoutMs ?? 10_000);
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = opts.signal ? AbortSignal.any([deadline, opts.signal]) : deadline;
  const limits = { timeoutMs, connectTimeoutMs: opts.connectTimeoutMs ?? 10_000, maxBytes };
  let url = start;
  try {
    for (let hop = 0; ; hop++) {
      const response = await request(url, start, opts, agent, signal, limits);
      const location = response.status >= 300 && response.status < 400 && response.headers.get("location");
      if (location) {
        await response.body?.cancel();
        if (hop === maxRedirects) {
          throw new WorkError(
            `${start.href} redirects more than ${maxRedirects} times; giving up at ${url.href}.`,
          );
        }
        url = parseWebUrl(new URL(location, url).href, `${start.href} redirects to`);
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw statusError(start, url, response.status, response.statusText);
      }
      const { mediaType, charset } = contentType(response.headers.get("content-type"));
      const allowed = opts.accept === "page" ? PAGE_TYPES : FEED_TYPES;
      if (mediaType && !allowed.includes(mediaType)) {
        await response.body?.cancel();
        const wanted = opts.accept === "page" ? "an HTML, XHTML or text page" : "an RSS or Atom feed";
        throw new InputError(`${at(start, url)} is ${mediaType}, not ${wanted}; presscast reads only those.`);
      }
      const bytes = await readBody(response, maxBytes, start, url);
      return { url: start.href, finalUrl: url.href, bytes, mediaType, ...(charset ? { charset } : {}) };
    }
  } catch (error) {
    if (error instanceof InputError || error instanceof WorkError) throw error;
    throw describeFailure(error, start, url, limits, opts.signal);
  } finally {
    await agent.close().catch(() => {});
  }
}

async function request(
  url: URL,
  start: URL,
  opts: FetchOptions,
  agent: ReturnType<typeof guardedAgent>,
  signal: AbortSignal,
  limits: { maxBytes: number },
): Promise<Response> {
  const headers: Record<string, string> = {
    "user-agent": USER_AGENT,
    accept:
      opts.accept === "page"
        ? "text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9"
        : "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9",
    // A cookie or token belongs to the site it was given for, never to where it redirects.
    ...(url.origin === (opts.headerOrigin ?? start.origin) ? opts.headers : {}),
  };
  const response = await fetch(url, { headers, redirect: "manual", dispatcher: agent, signal });
  const declared = Number(response.headers.get("content-length"));
  // A declared length counts the encoded body: if even that is too large, don't read it.
  if (response.ok && declared > limits.maxBytes) {
    await response.body?.cancel();
    throw tooLarge(start, url, limits.maxBytes);
  }
  return response;
}

/** Reads the decoded body, stopping as soon as it passes the limit. */
async function readBody(response: Response, maxBytes: number, start: URL, url: URL): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body) {
    total += chunk.byteLength;
    if (total > maxBytes) {
      await response.body.cancel().catch(() => {});
      throw tooLarge(start, url, maxBytes);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
}

function contentType(header: string | null): { mediaType: string; charset?: string } {
  if (!header) return { mediaType: "" };
  const [type = "", ...params] = header.split(";");
  const charset = params
    .map((p) => /^\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(p)?.[1])
    .find((c) => c !== undefined);
  return { mediaType: type.trim().toLowerCase(), ...(charset ? { charset: charset.toLowerCase() } : {}) };
}

function statusError(start: URL, url: URL, status: number, text: string): Error {
  const what = `${at(start, url)} answered HTTP ${status}${text ? ` ${text}` : ""}`;
  // A missing or forbidden page is a bad URL; a server error may pass, so it is a failure while working.
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
    return new InputError(
      `${what}; check the URL${status === 401 || status === 403 ? " or pass --header" : ""}.`,
    );
  }
  return new WorkError(`${what}; try again later.`);
}

function tooLarge(start: URL, url: URL, maxBytes: number): InputError {
  return new InputError(
    `${at(start, url)} is larger than ${Math.round(maxBytes / MB)} MB once decompressed, too large for an article.`,
  );
}
