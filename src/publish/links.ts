/**
 * Where published files are reached from: links in the feed are made from the configured base
 * URL (or the server's own address under `serve`), and `warnings` says when a podcast app on
 * another device could not follow them.
 */
import { v5 as uuidv5 } from "uuid";
import { FEED_FILE } from "../output/layout.js";
import type { PodcastConfig } from "./config.js";

/** The Podcasting 2.0 namespace UUID that podcast:guid values are derived in. */
export const PODCAST_GUID_NAMESPACE = "ead4c236-bf58-58c6-a2c6-a6b28d128cb6";

/** A base URL that always ends in "/", so relative paths resolve inside it. */
export function normalizeBase(base: string): string {
  return base.endsWith("/") ? base : `${base}/`;
}

/**
 * The link to a file under the output folder (`rel` like "episodes/a.mp3"): absolute when a
 * base is known, else the relative path itself. Each path segment is percent-encoded.
 */
export function outputUrl(rel: string, base: string | undefined): string {
  const encoded = rel.split("/").map(encodeURIComponent).join("/");
  return base ? new URL(encoded, normalizeBase(base)).href : encoded;
}

/** A configured link (the cover image): an absolute URL as given, else a path under the output folder. */
export function linkTo(pathOrUrl: string, base: string | undefined): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(pathOrUrl) ? pathOrUrl : outputUrl(pathOrUrl, base);
}

/** The feed's own address: configured, else `feed.xml` under the base, else unknown. */
export function feedUrlOf(config: PodcastConfig, base = config.baseUrl): string | undefined {
  return config.feedUrl ?? (base ? outputUrl(FEED_FILE, base) : undefined);
}

/**
 * podcast:guid as the namespace spec defines it: UUIDv5 of the feed URL with its scheme and
 * trailing slashes removed. Without a configured URL the seed is a fixed name made from the
 * title, so the guid does not change with the port `serve` happens to use.
 */
export function podcastGuid(config: PodcastConfig): string {
  if (config.guid) return config.guid;
  const url = feedUrlOf(config) ?? `presscast.invalid/${encodeURIComponent(config.title)}/${FEED_FILE}`;
  const seed = url.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "").replace(/\/+$/, "");
  return uuidv5(seed, PODCAST_GUID_NAMESPACE);
}

/** Host names that only this machine can reach. */
function isLocalHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    host.startsWith("127.") ||
    host === "::1" ||
    host === "0.0.0.0" ||
    host === "::"
  );
}

/** Why a URL is unfetchable by a podcast app elsewhere, or undefined when it looks fine. */
export function unreachable(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return "is a relative path, which podcast apps cannot resolve";
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return `uses ${parsed.protocol}, which podcast apps cannot fetch`;
  }
  if (isLocalHost(parsed.hostname)) return `points at ${parsed.hostname}, which only this machine can reach`;
  return undefined;
}

/**
 * Warnings for a feed whose links podcast apps could not follow (no base URL, relative,
 * `file:` or loopback addresses) and for missing cover art, one sentence each with a fix.
 */
export function warnings(config: PodcastConfig): string[] {
  const where = config.file ?? "the podcast config (none found; using defaults)";
  const out: string[] = [];
  if (!config.baseUrl) {
    out.push(
      `${where}: no baseUrl, so feed.xml links its audio by relative paths that podcast apps cannot fetch; ` +
        "set baseUrl to the public address of the output folder (presscast serve fills in its own address).",
    );
  }
  for (const key of ["baseUrl", "feedUrl", "link"] as const) {
    const value = config[key];
    const why = value ? unreachable(value) : undefined;
    if (why) out.push(`${where}: ${key} "${value}" ${why}; use an address other devices can reach.`);
  }
  if (!config.image) {
    out.push(`${where}: no image; Apple Podcasts lists only shows with square cover art (1400 to 3000 px).`);
  } else if (/^[a-z][a-z0-9+.-]*:/i.test(config.image)) {
    const why = unreachable(config.image);
    if (why) out.push(`${where}: image "${config.image}" ${why}; use an address other devices can reach.`);
  }
  return out;
}
