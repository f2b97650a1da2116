/**
 * The podcast config (`presscast.yaml`): what the feed says about the show. Checked once here,
 * where it enters; every key is optional, so a first build needs no config at all.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { parseDocument } from "yaml";
import { z } from "zod";
import { InputError } from "../errors.js";
import { readLimitedText } from "../input-file.js";
import { checkData, expected, isMapping } from "../schema.js";
import { httpUrl } from "../url.js";

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const URL_RULE = "must be an absolute URL (http or https) such as https://example.com/podcast/";

/** Text: a number is taken as written (a year as a title), white space trimmed, never empty. */
const text = z
  .preprocess(
    (value) => (typeof value === "number" ? String(value) : value),
    z.string({ error: expected("text") }),
  )
  .transform((value) => value.trim())
  .refine((value) => value !== "", "is empty; give it a value or leave the key out");
/** Only http(s) URLs reach the feed: a `javascript:` or `file:` link there is an attack or a mistake. */
const url = text.refine((value) => httpUrl(value) !== undefined, URL_RULE);
const flag = z.boolean({ error: expected("true or false") });
/** An intro or outro: a template, false for none; true (the default) is the same as leaving it out. */
const announce = z.preprocess(
  (value) => (value === true ? undefined : value),
  z.union([z.literal(false), text], { error: expected("text") }).optional(),
);

/** `key:` with nothing after it counts as left out. */
const withoutNulls = (value: unknown) =>
  isMapping(value)
    ? Object.fromEntries(Object.entries(value).filter(([, inner]) => inner !== null && inner !== undefined))
    : value;

const configSchema = z.preprocess(
  withoutNulls,
  z.strictObject(
    {
      title: text.optional(),
      description: text.optional(),
      author: text.optional(),
      owner: z
        .preprocess(
          withoutNulls,
          z.strictObject(
            {
              name: text.optional(),
              email: text
                .refine((value) => /^[^\s@]+@[^\s@]+$/.test(value), "is not an e-mail address")
                .optional(),
            },
            { error: expected("a mapping with name and email") },
          ),
        )
        .optional(),
      language: text.optional(),
      category: text.optional(),
      subcategory: text.optional(),
      explicit: flag.optional(),
      // A path relative to the output folder, or an http(s) URL.
      image: text
        .refine((value) => !/^[a-z][a-z0-9+.-]*:/i.test(value) || httpUrl(value) !== undefined, URL_RULE)
        .optional(),
      baseUrl: url.optional(),
      feedUrl: url.optional(),
      link: url.optional(),
      locked: flag.optional(),
      guid: text
        .refine((value) => UUID.test(value), "must be a UUID such as 917393e3-1b1e-5cef-ace4-edaa54e1f810")
        .optional(),
      maxEpisodes: z
        .number({ error: expected("a whole number of at least 1") })
        .int("must be a whole number of at least 1")
        .min(1, "must be a whole number of at least 1")
        .optional(),
      intro: announce,
      outro: announce,
    },
    { error: "the podcast config must be a mapping of keys to values" },
  ),
);

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
  return { ...config, baseUrl: checkData(url, text, where) };
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
  const given = Object.entries(checkData(configSchema, data, file)).filter(
    ([, value]) => value !== undefined,
  );
  return { ...DEFAULT_CONFIG, owner: {}, file, ...Object.fromEntries(given) };
}
