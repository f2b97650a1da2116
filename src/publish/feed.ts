/**
 * feed.xml: RSS 2.0 with Apple's itunes namespace and the Podcasting 2.0 namespace, made from
 * the episode manifests alone, so it can always be rebuilt without losing an episode.
 */
import { create } from "xmlbuilder2";
import type { XMLBuilder } from "xmlbuilder2/lib/interfaces.js";
import { EPISODES_DIR, episodeFileNames, newestFirst, PLAYER_FILE } from "../output/layout.js";
import type { EpisodeManifest, Role } from "../types.js";
import { CHAPTERS_TYPE, chapterListText } from "./chapters.js";
import type { PodcastConfig } from "./config.js";
import { cleanText, speakerLabel } from "./display-text.js";
import { feedUrlOf, linkTo, outputUrl, podcastGuid } from "./links.js";

const NAMESPACES = {
  "xmlns:itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
  "xmlns:podcast": "https://podcastindex.org/namespace/1.0",
  "xmlns:atom": "http://www.w3.org/2005/Atom",
};

/** Podcast Taxonomy Project roles (group "cast") for presscast's speaker roles. */
const PERSON_ROLE: Record<Role, string> = {
  narrator: "Narrator",
  host: "Host",
  guest: "Guest",
  speaker: "Guest",
};

export interface FeedOptions {
  /** lastBuildDate; passed in so snapshots are stable. */
  now: Date;
  /** Overrides config.baseUrl for links (serve uses its own address); the guid never changes with it. */
  baseUrl?: string;
}

/**
 * The feed as XML text. Items are newest first (by `published`, then slug); enclosure lengths
 * are taken from `manifest.audio.bytes`, which the caller sets from the file on disk.
 */
export function buildFeed(manifests: EpisodeManifest[], config: PodcastConfig, opts: FeedOptions): string {
  const base = opts.baseUrl ?? config.baseUrl;
  const feedUrl = config.feedUrl ?? feedUrlOf(config, base);
  const root = create({ version: "1.0", encoding: "UTF-8" }).ele("rss", { version: "2.0", ...NAMESPACES });
  const channel = root.ele("channel");
  const author = config.author ?? config.title;
  text(channel, "title", config.title);
  text(channel, "link", config.link ?? outputUrl(PLAYER_FILE, base));
  text(channel, "description", config.description);
  text(channel, "language", config.language);
  text(channel, "generator", "presscast");
  text(channel, "lastBuildDate", opts.now.toUTCString());
  if (feedUrl) channel.ele("atom:link", { href: feedUrl, rel: "self", type: "application/rss+xml" });
  if (config.image) {
    const href = linkTo(config.image, base);
    channel.ele("itunes:image", { href });
    const rssImage = channel.ele("image");
    text(rssImage, "url", href);
    text(rssImage, "title", config.title);
    text(rssImage, "link", config.link ?? outputUrl(PLAYER_FILE, base));
  }
  const category = channel.ele("itunes:category", { text: config.category });
  if (config.subcategory) category.ele("itunes:category", { text: config.subcategory });
  text(channel, "itunes:explicit", config.explicit ? "true" : "false");
  text(channel, "itunes:author", author);
  const owner = channel.ele("itunes:owner");
  text(owner, "itunes:name", config.owner.name ?? author);
  if (config.owner.email) text(owner, "itunes:email", config.owner.email);
  text(channel, "itunes:type", "episodic");
  text(channel, "podcast:guid", podcastGuid(config));
  const lockedAttrs = config.owner.email ? { owner: config.owner.email } : {};
  channel.ele("podcast:locked", lockedAttrs).txt(config.locked ? "yes" : "no");

  for (const manifest of newestFirst(manifests)) addItem(channel, manifest, base);
  return root.end({ prettyPrint: true, wellFormed: true });
}

function addItem(channel: XMLBuilder, m: EpisodeManifest, base: string | undefined): void {
  const names = episodeFileNames(m.slug);
  const url = (name: string) => outputUrl(`${EPISODES_DIR}/${name}`, base);
  const item = channel.ele("item");
  text(item, "title", m.title);
  text(item, "description", describe(m));
  if (m.url) text(item, "link", m.url);
  item.ele("guid", { isPermaLink: "false" }).txt(m.guid);
  text(item, "pubDate", new Date(m.published).toUTCString());
  item.ele("enclosure", { url: url(m.audio.file), length: String(m.audio.bytes), type: m.audio.type });
  text(item, "itunes:title", m.title);
  if (m.image) item.ele("itunes:image", { href: url(m.image) });
  text(item, "itunes:duration", String(Math.round(m.durationSeconds)));
  text(item, "itunes:episodeType", "full");
  item.ele("podcast:chapters", { url: url(names.chapters), type: CHAPTERS_TYPE });
  const language = m.language;
  item.ele("podcast:transcript", { url: url(names.vtt), type: "text/vtt", language, rel: "captions" });
  item.ele("podcast:transcript", {
    url: url(names.srt),
    type: "application/x-subrip",
    language,
    rel: "captions",
  });
  item.ele("podcast:transcript", { url: url(names.transcript), type: "application/json", language });
  const seen = new Set<string>();
  for (const speaker of m.speakers) {
    const name = speakerLabel(m, speaker.id).slice(0, 128);
    const role = PERSON_ROLE[speaker.role];
    if (seen.has(`${role}\n${name}`)) continue;
    seen.add(`${role}\n${name}`);
    item.ele("podcast:person", { role, group: "Cast" }).txt(name);
  }
}

/** The item description: the episode's summary, byline and source, then its chapter list. */
function describe(m: EpisodeManifest): string {
  const lines = [m.description, m.byline ? `By ${m.byline}` : undefined, m.url]
    .map((line) => (line ? cleanText(line) : ""))
    .filter(Boolean);
  const chapters = chapterListText(m);
  const parts = [lines.join("\n") || cleanText(m.title), chapters ? `Chapters:\n${chapters}` : ""];
  return parts.filter(Boolean).join("\n\n");
}

/** An element with cleaned text (no control characters, which XML cannot carry). */
function text(parent: XMLBuilder, name: string, value: string): void {
  const clean = value
    .split("\n")
    .map((line) => cleanText(line))
    .join("\n");
  parent.ele(name).txt(clean);
}
