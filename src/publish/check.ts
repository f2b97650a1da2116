/**
 * `presscast feed --check`: what podcast directories (Apple Podcasts' requirements, the
 * Podcasting 2.0 namespace) look for in a feed, each said as ok or missing with what to do.
 * Made from the same data as feed.xml: the config, the published cover and the manifests.
 */
import { readFile } from "node:fs/promises";
import { EPISODES_DIR } from "../output/layout.js";
import type { EpisodeManifest } from "../types.js";
import type { PodcastConfig } from "./config.js";
import { imageFacts, MAX_BYTES, MAX_SIDE, MIN_SIDE, type ShowCover } from "./cover.js";
import { outputUrl, unreachable } from "./links.js";

export interface Requirement {
  name: string;
  ok: boolean;
  /** True when a directory refuses the feed without it; false for what is only recommended. */
  needed: boolean;
  detail: string;
}

/** Apple Podcasts' top-level categories. */
const APPLE_CATEGORIES = new Set([
  "Arts",
  "Business",
  "Comedy",
  "Education",
  "Fiction",
  "Government",
  "Health & Fitness",
  "History",
  "Kids & Family",
  "Leisure",
  "Music",
  "News",
  "Religion & Spirituality",
  "Science",
  "Society & Culture",
  "Sports",
  "Technology",
  "True Crime",
  "TV & Film",
]);

/** Every requirement, in the order a reader fixes them. */
export async function checkFeed(
  episodes: EpisodeManifest[],
  config: PodcastConfig,
  cover: ShowCover,
): Promise<Requirement[]> {
  const where = config.file ?? "presscast.yaml";
  const out: Requirement[] = [];
  const add = (name: string, ok: boolean, needed: boolean, detail: string) =>
    out.push({ name, ok, needed, detail });

  const baseProblem = config.baseUrl ? unreachable(config.baseUrl) : "is not set";
  add(
    "baseUrl",
    !baseProblem,
    true,
    baseProblem
      ? `${baseProblem}: set baseUrl in ${where} (or pass --base-url, or set PRESSCAST_BASE_URL) to the public address of the output folder, so enclosure links are absolute`
      : (config.baseUrl ?? ""),
  );
  add("cover art", ...(await coverState(cover)));
  add("title", config.title.trim().length > 0, true, config.title);
  add("description", config.description.trim().length > 0, true, config.description);
  add(
    "language",
    /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(config.language),
    true,
    /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(config.language)
      ? config.language
      : `"${config.language}" is not a language code such as en or fr-CA`,
  );
  add(
    "category",
    APPLE_CATEGORIES.has(config.category),
    true,
    APPLE_CATEGORIES.has(config.category)
      ? [config.category, config.subcategory].filter(Boolean).join(" › ")
      : `"${config.category}" is not an Apple Podcasts category (${[...APPLE_CATEGORIES].join(", ")})`,
  );
  add("explicit", true, true, config.explicit ? "true" : "false");
  add(
    "owner email",
    Boolean(config.owner.email),
    false,
    config.owner.email ??
      `not set; Apple Podcasts sends its verification mail there (owner.email in ${where})`,
  );
  add("episodes", episodes.length > 0, true, `${episodes.length} in the feed`);

  const guids = episodes.map((m) => m.guid);
  const repeated = guids.filter((g, i) => guids.indexOf(g) !== i);
  add(
    "unique GUIDs",
    repeated.length === 0,
    true,
    repeated.length ? `repeated: ${[...new Set(repeated)].join(", ")}` : `${guids.length} distinct`,
  );
  const badEnclosure = episodes.filter(
    (m) => !(m.audio.bytes > 0) || !["audio/mpeg", "audio/x-m4a"].includes(m.audio.type),
  );
  add(
    "enclosure length and type",
    badEnclosure.length === 0,
    true,
    badEnclosure.length
      ? `wrong for ${badEnclosure.map((m) => m.slug).join(", ")}`
      : "byte sizes from the files",
  );
  const sample = episodes[0] ? outputUrl(`${EPISODES_DIR}/${episodes[0].audio.file}`, config.baseUrl) : "";
  add(
    "absolute enclosure URLs",
    Boolean(config.baseUrl) && !baseProblem,
    true,
    config.baseUrl && !baseProblem ? sample || "from baseUrl" : "need baseUrl",
  );

  add("podcast:guid", true, false, config.guid ? "set in the config" : "derived from the feed URL");
  add("podcast:locked", true, false, config.locked ? "yes" : "no (set locked: true to refuse imports)");
  const every = (test: (m: EpisodeManifest) => boolean) => episodes.length > 0 && episodes.every(test);
  add(
    "podcast:person",
    every((m) => m.speakers.length > 0),
    false,
    "the speakers of each episode",
  );
  add(
    "podcast:chapters",
    every((m) => m.chapters.length > 0),
    false,
    "a chapters file for each episode",
  );
  add(
    "podcast:transcript",
    every((m) => m.cues.length > 0),
    false,
    "WebVTT, SRT and JSON for each episode",
  );
  return out;
}

async function coverState(cover: ShowCover): Promise<[boolean, boolean, string]> {
  if (!cover.file) {
    const problem = unreachable(cover.href);
    return [
      !problem,
      true,
      problem ? `image "${cover.href}" ${problem}` : `${cover.href} (remote; not checked)`,
    ];
  }
  const facts = imageFacts(await readFile(cover.file));
  const side = facts.width === facts.height && facts.width >= MIN_SIDE && facts.width <= MAX_SIDE;
  const ok = side && facts.type !== "other" && facts.rgb && facts.bytes <= MAX_BYTES;
  const kind = facts.type === "other" ? "not JPEG or PNG" : facts.type.slice(6).toUpperCase();
  const detail = `${cover.href}, ${facts.width}×${facts.height} ${kind}${facts.rgb ? "" : " (not RGB)"}, ${Math.round(facts.bytes / 1024)} KB`;
  return [
    ok,
    true,
    ok ? detail : `${detail}: needs a square ${MIN_SIDE}-${MAX_SIDE} px RGB JPEG or PNG under 512 KB`,
  ];
}

/** The report as lines: `ok`, `missing` (a directory needs it) or `advice` (recommended). */
export function formatCheck(requirements: Requirement[]): string {
  return requirements
    .map((r) => `${(r.ok ? "ok" : r.needed ? "missing" : "advice").padEnd(8)}${r.name}: ${r.detail}`)
    .join("\n");
}
