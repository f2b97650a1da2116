/**
 * The player pages: index.html with every episode (newest first), and `episodes/<slug>.html`,
 * one episode a link can point at. All article text goes in through `escapeHtml`; the script is
 * pinned by a CSP hash, so even a slip in escaping could not run injected script. Links are
 * relative, so the pages work from `serve` and opened as files.
 */
import { createHash } from "node:crypto";
import { EPISODES_DIR, episodeFileNames, FEED_FILE, newestFirst, PLAYER_FILE } from "../output/layout.js";
import type { Cue, EpisodeManifest } from "../types.js";
import type { PodcastConfig } from "./config.js";
import { cleanText, clock, speakerLabel } from "./display-text.js";
import { linkTo, outputUrl } from "./links.js";
import { PLAYER_CSS, PLAYER_JS } from "./player-assets.js";

const HTML_ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text made safe for HTML content and double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return cleanText(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

const RATES = [0.75, 1, 1.25, 1.5, 1.75, 2];

/** Where a page sits: the index at the top of the output folder, or an episode's page below it. */
interface Place {
  /** The path from the page to the output folder: "" or "../". */
  root: string;
  /** The page is the episode's own page (deep links stay on it). */
  own: boolean;
}

/** index.html: every episode, newest first. */
export function buildPlayer(manifests: EpisodeManifest[], config: PodcastConfig): string {
  const place: Place = { root: "", own: false };
  const body = manifests.length
    ? newestFirst(manifests)
        .map((m) => episodeHtml(m, config, place))
        .join("\n")
    : "<p>No episodes yet: run <code>presscast build</code>.</p>";
  return page(config, config.title, body, place);
}

/** `episodes/<slug>.html`: one episode, with a link back to the show. */
export function buildEpisodePage(m: EpisodeManifest, config: PodcastConfig): string {
  const place: Place = { root: "../", own: true };
  return page(config, `${m.title} · ${config.title}`, episodeHtml(m, config, place), place);
}

function page(config: PodcastConfig, title: string, body: string, place: Place): string {
  const scriptHash = createHash("sha256").update(PLAYER_JS).digest("base64");
  const csp = [
    "default-src 'none'",
    `script-src 'sha256-${scriptHash}'`,
    "style-src 'unsafe-inline'",
    "media-src *",
    "img-src * data:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  const home = `${place.root}${PLAYER_FILE}`;
  const cover = config.image
    ? `<img src="${escapeHtml(relative(linkTo(config.image, undefined), place))}" alt="Cover art of ${escapeHtml(config.title)}">`
    : "";
  const showTitle = place.own
    ? `<a href="${home}">${escapeHtml(config.title)}</a>`
    : escapeHtml(config.title);
  return `<!doctype html>
<html lang="${escapeHtml(config.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>${escapeHtml(title)}</title>
<link rel="alternate" type="application/rss+xml" title="${escapeHtml(config.title)}" href="${place.root}${FEED_FILE}">
<style>${PLAYER_CSS}</style>
</head>
<body>
<header class="masthead">${cover}<div><${place.own ? 'p class="show"' : "h1"}>${showTitle}</${place.own ? "p" : "h1"}>
<p>${escapeHtml(config.description)} <a href="${place.root}${FEED_FILE}">Podcast feed (RSS)</a></p></div></header>
<main>
${body}
</main>
<script>${PLAYER_JS}</script>
</body>
</html>
`;
}

/** A link made from the output folder, as seen from the page. */
function relative(link: string, place: Place): string {
  return /^[a-z][a-z0-9+.-]*:/i.test(link) ? link : place.root + link;
}

function episodeHtml(m: EpisodeManifest, config: PodcastConfig, place: Place): string {
  const file = (name: string) =>
    escapeHtml(place.own ? outputUrl(name, undefined) : outputUrl(`${EPISODES_DIR}/${name}`, undefined));
  const names = episodeFileNames(m.slug);
  const pageLink = file(names.page);
  const id = escapeHtml(m.slug);
  const date = new Date(m.published);
  const when = Number.isNaN(date.getTime()) ? "" : `${date.toISOString().slice(0, 10)} · `;
  const byline = m.byline ? ` · ${escapeHtml(m.byline)}` : "";
  const title = escapeHtml(m.title);
  const heading = place.own
    ? `<h1 id="${id}-title">${title}</h1>`
    : `<h2 id="${id}-title"><a href="${pageLink}">${title}</a></h2>`;
  const chapters = m.chapters
    .map((c) => {
      const start = c.start.toFixed(3);
      const span = `${clock(c.start)},${clock(c.end)}`;
      const label = `<span class="time">${clock(c.start)}</span><span class="title">${escapeHtml(c.title)}</span>`;
      return `<li data-start="${start}"><button type="button" data-start="${start}">${label}</button><a class="chapter-link" href="${place.own ? "" : pageLink}#t=${span}" aria-label="Link to the chapter ${escapeHtml(c.title)}">#</a></li>`;
    })
    .join("\n");
  // The episode's own art when its article had a lead image, else the show's cover.
  const art = m.image
    ? file(m.image)
    : config.image
      ? escapeHtml(relative(linkTo(config.image, undefined), place))
      : "";
  const cover = art ? `<img class="art" src="${art}" alt="">` : "";
  const rates = RATES.map((r) => `<option value="${r}"${r === 1 ? " selected" : ""}>${r}×</option>`).join("");
  return `<article class="episode" id="${id}" lang="${escapeHtml(m.language)}" aria-labelledby="${id}-title"
 data-guid="${escapeHtml(m.guid)}" data-duration="${m.durationSeconds.toFixed(3)}" data-page="${place.own ? "" : pageLink}">
<div class="head">${cover}<div>${heading}
<p class="meta">${when}${clock(m.durationSeconds)}${byline}</p></div></div>
<audio controls preload="metadata" src="${file(m.audio.file)}"></audio>
<div class="controls" role="group" aria-label="Player: ${title}">
<button type="button" class="play" aria-label="Play"></button>
<button type="button" class="back" aria-label="Back 15 seconds">−15 s</button>
<button type="button" class="forward" aria-label="Forward 30 seconds">+30 s</button>
<select class="speed" aria-label="Playback speed">${rates}</select>
<span class="timeline"><span class="elapsed">0:00</span>
<input class="seek" type="range" min="0" max="${m.durationSeconds.toFixed(3)}" step="any" value="0" aria-label="Seek">
<span class="left">-${clock(m.durationSeconds)}</span></span>
</div>
<p class="now" role="status" aria-live="polite"></p>
<p class="keys">Keys: <kbd>Space</kbd> or <kbd>k</kbd> play/pause · <kbd>←</kbd>/<kbd>→</kbd> 5 s · <kbd>j</kbd> back 15 s · <kbd>l</kbd> forward 30 s · <kbd>&lt;</kbd>/<kbd>&gt;</kbd> speed</p>
<nav aria-label="Chapters"><ol class="chapters">
${chapters}
</ol></nav>
<p><button type="button" class="share">Link to this moment</button><a class="shared" hidden href="#"></a></p>
<details open><summary>Transcript</summary>
<div class="transcript" role="region" aria-label="Transcript" tabindex="0">
${transcriptHtml(m)}
</div>
</details>
<p class="downloads">Download: <a href="${file(m.audio.file)}" download>${m.audio.type === "audio/mpeg" ? "MP3" : "M4A"}</a> ·
<a href="${file(names.vtt)}" download>WebVTT</a> · <a href="${file(names.srt)}" download>SRT</a> ·
<a href="${file(names.transcript)}" download>JSON transcript</a> · <a href="${file(names.chapters)}" download>chapters</a></p>
</article>`;
}

/** Sentences grouped into turns (one speaker in a row) under their chapter's heading. */
function transcriptHtml(m: EpisodeManifest): string {
  const out: string[] = [];
  let chapter = -1;
  let turn: Cue[] = [];
  const flush = () => {
    const first = turn[0];
    if (!first) return;
    const spans = turn.map(
      (cue) =>
        `<span class="cue" data-start="${cue.start.toFixed(3)}" data-end="${cue.end.toFixed(3)}">${escapeHtml(cue.text)}</span>`,
    );
    out.push(
      `<p class="turn"><span class="speaker">${escapeHtml(speakerLabel(m, first.speaker))}:</span>${spans.join(" ")}</p>`,
    );
    turn = [];
  };
  for (const cue of m.cues) {
    if (!cleanText(cue.text)) continue;
    if (cue.chapter !== chapter) {
      flush();
      chapter = cue.chapter;
      const title = m.chapters[chapter]?.title;
      if (title) out.push(`<h3>${escapeHtml(title)}</h3>`);
    }
    if (turn[0] && turn[0].speaker !== cue.speaker) flush();
    turn.push(cue);
  }
  flush();
  return out.join("\n");
}
