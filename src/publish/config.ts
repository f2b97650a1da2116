/**
 * The podcast config (`presscast.yaml`): what the feed says about the show. Checked once here,
 * where it enters; every key is optional, so a first build needs no config at all.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseDocument } from "yaml";
import { InputError } from "../errors.js";
import { readLimitedText } from "../input-file.js";

export interface PodcastConfig {
  /** The file it was read from, for messages; undefined when only defaults apply. */
  file?: string;
  /** default: "presscast" */
  title: string;
  /** default: "Articles read aloud, made with presscast." */
  description: string;
  /** itunes:author; default: the title. */
  author?: string;
  owner: { name?: string; email?: string };
  /** BCP 47; default: "en" */
  language: string;
  /** An Apple Podcasts category; default: "News" */
  category: string;
  subcategory?: string;
  /** default: false */
  explicit: boolean;
  /** Cover art: an absolute URL, or a path relative to the output folder. */
  image?: string;
  /** The public address of the output folder; enclosure and file links are made from it. */
  baseUrl?: string;
  /** Where the feed lives; default: `<baseUrl>/feed.xml`. Seeds podcast:guid. */
  feedUrl?: string;
  /** The show's web page; default: `<baseUrl>/index.html`. */
  link?: string;
  /** podcast:locked: ask other platforms not to import the feed. default: false */
  locked: boolean;
  /** podcast:guid, kept when the feed moves; default: derived from the feed URL. */
  guid?: string;
  /** Only the newest N episodes go into the feed and onto the page; default: all. */
  maxEpisodes?: number;
  /**
   * The narrator's intro and outro in every episode: a template with {title}, {byline}, {source},
   * {speakers}, {kind}, or false for none. default: the voice profile's, else the built-in ones
   */
  intro?: string | false;
  outro?: string | false;
}

export const DEFAULT_CONFIG: PodcastConfig = {
  title: "presscast",
  description: "Articles read aloud, made with presscast.",
  owner: {},
  language: "en",
  category: "News",
  explicit: false,
  locked: false,
};

const STRING_KEYS = [
  "title",
  "description",
  "author",
  "language",
  "category",
  "subcategory",
  "image",
  "baseUrl",
  "feedUrl",
  "link",
  "guid",
] as const;
const BOOLEAN_KEYS = ["explicit", "locked"] as const;
const ANNOUNCE_KEYS = ["intro", "outro"] as const;
const KNOWN = [...STRING_KEYS, ...BOOLEAN_KEYS, ...ANNOUNCE_KEYS, "owner", "maxEpisodes"];
const URL_KEYS = new Set(["baseUrl", "feedUrl", "link"]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export { warnings } from "./links.js";

/**
 * Read the config at `path`, or `presscast.yaml` in `cwd` when no path is given and that file
 * exists, else the defaults; `baseUrl` (default: PRESSCAST_BASE_URL) overrides the file's.
 * Throws InputError naming the file and key for anything wrong.
 */
export async function loadPodcastConfig(
  path?: string,
  cwd = process.cwd(),
  baseUrl: string | undefined = process.env.PRESSCAST_BASE_URL,
): Promise<PodcastConfig> {
  const file = resolve(cwd, path ?? "presscast.yaml");
  const config =
    path === undefined && !existsSync(file)
      ? { ...DEFAULT_CONFIG, owner: {} }
      : parsePodcastConfig(
          await readLimitedText(file, {
            what: `Podcast config ${file}`,
            maxBytes: 1024 * 1024,
            hint: "; check --config",
          }),
          file,
        );
  return baseUrl === undefined ? config : withBaseUrl(config, baseUrl);
}

/**
 * The public address given outside the config file (`--base-url`, else PRESSCAST_BASE_URL) wins
 * over the file's baseUrl: a show can be published with no presscast.yaml at all.
 */
export function withBaseUrl(config: PodcastConfig, baseUrl: string): PodcastConfig {
  const where = "The base URL given by --base-url or PRESSCAST_BASE_URL";
  const text = baseUrl.trim();
  if (!text) throw new InputError(`${where} is empty; give the public address of the output folder.`);
  checkUrl(text, where, "baseUrl");
  return { ...config, baseUrl: text };
}

/** Parse and check config text; `file` names it in messages. */
export function parsePodcastConfig(text: string, file: string): PodcastConfig {
  const doc = parseDocument(text);
  const first = doc.errors[0];
  if (first) {
    const line = first.linePos?.[0]?.line;
    // The code, not the message: the message quotes the line, and the file may not be what it seems.
    const what = first.code.toLowerCase().replace(/_/g, " ");
    throw new InputError(`${file}${line ? `:${line}` : ""}: not valid YAML (${what}).`);
  }
  const data: unknown = doc.toJS() ?? {};
  if (!isRecord(data))
    throw new InputError(`${file}: the podcast config must be a mapping of keys to values.`);
  const config: PodcastConfig = { ...DEFAULT_CONFIG, owner: {}, file };
  for (const [key, value] of Object.entries(data)) {
    if (!KNOWN.includes(key)) {
      throw new InputError(`${file}: unknown key "${key}"; the known keys are ${KNOWN.join(", ")}.`);
    }
    if (value === null || value === undefined) continue;
    if (key === "owner") config.owner = checkOwner(value, file);
    else if (key === "maxEpisodes") {
      if (typeof value !== "number" || !Number.isInteger(value) || value < 1)
        throw wrongType(file, key, "a whole number of at least 1", value);
      config.maxEpisodes = value;
    } else if ((ANNOUNCE_KEYS as readonly string[]).includes(key)) {
      if (value === true) continue;
      config[key as (typeof ANNOUNCE_KEYS)[number]] = value === false ? false : checkString(value, file, key);
    } else if ((BOOLEAN_KEYS as readonly string[]).includes(key)) {
      if (typeof value !== "boolean") throw wrongType(file, key, "true or false", value);
      config[key as (typeof BOOLEAN_KEYS)[number]] = value;
    } else {
      const text = checkString(value, file, key);
      if (URL_KEYS.has(key) || (key === "image" && /^[a-z][a-z0-9+.-]*:/i.test(text)))
        checkUrl(text, file, key);
      if (key === "guid" && !UUID.test(text)) {
        throw new InputError(`${file}: "guid" must be a UUID such as 917393e3-1b1e-5cef-ace4-edaa54e1f810.`);
      }
      config[key as (typeof STRING_KEYS)[number]] = text;
    }
  }
  return config;
}

function checkOwner(value: unknown, file: string): PodcastConfig["owner"] {
  if (!isRecord(value)) throw wrongType(file, "owner", "a mapping with name and email", value);
  const owner: PodcastConfig["owner"] = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key !== "name" && key !== "email") {
      throw new InputError(`${file}: unknown key "owner.${key}"; owner has only name and email.`);
    }
    if (inner === null || inner === undefined) continue;
    owner[key] = checkString(inner, file, `owner.${key}`);
  }
  if (owner.email !== undefined && !/^[^\s@]+@[^\s@]+$/.test(owner.email)) {
    throw new InputError(`${file}: "owner.email" is not an e-mail address: "${owner.email}".`);
  }
  return owner;
}

function checkString(value: unknown, file: string, key: string): string {
  if (typeof value === "number") return String(value);
  if (typeof value !== "string") throw wrongType(file, key, "text", value);
  const text = value.trim();
  if (!text) throw new InputError(`${file}: "${key}" is empty; give it a value or leave the key out.`);
  return text;
}

/** Only http(s) URLs reach the feed: a `javascript:` or `file:` link there is an attack or a mistake. */
function checkUrl(text: string, file: string, key: string): void {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {}
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:") || !url.hostname) {
    throw new InputError(
      `${file}: "${key}" must be an absolute URL (http or https) such as https://example.com/podcast/, not "${text.slice(0, 80)}".`,
    );
  }
}

function wrongType(file: string, key: string, expected: string, value: unknown): InputError {
  const shown = Array.isArray(value) ? "a list" : isRecord(value) ? "a mapping" : JSON.stringify(value);
  return new InputError(`${file}: "${key}" must be ${expected}, not ${shown}.`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
