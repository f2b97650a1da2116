/**
 * index.html: every episode with its audio, chapter list and transcript, as one self-contained
 * page. All article text goes in through `escapeHtml`; the script is pinned by a CSP hash, so
 * even a slip in escaping could not run injected script.
 */
import { createHash } from "node:crypto";
import { EPISODES_DIR, episodeFileNames } from "../output/layout.js";
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

/** The player page. Links are relative, so it works from `serve` and opened as a file. */
export function buildPlayer(manifests: EpisodeManifest[], config: PodcastConfig): string {
  const episodes = [...manifests].sort(
    (a, b) => (Date.parse(b.published) || 0) - (Date.parse(a.published) || 0) || a.slug.localeCompare(b.slug),
  );
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
  const cover = config.image ? `<img src="${escapeHtml(linkTo(config.image, undefined))}" alt="">` : "";
  const body = episodes.length
    ? episodes.map(episodeHtml).join("\n")
    : "<p>No episodes yet: run <code>presscast build</code>.</p>";
  return `<!doctype html>
<html lang="${escapeHtml(config.language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<title>${escapeHtml(config.title)}</title>
<link rel="alternate" type="application/rss+xml" title="${escapeHtml(config.title)}" href="feed.xml">
<style>${PLAYER_CSS}</style>
</head>
<body>
<header>${cover}<div><h1>${escapeHtml(config.title)}</h1>
<p>${escapeHtml(config.description)} <a href="feed.xml">Podcast feed (RSS)</a></p></div></header>
<main>
${body}
</main>
<script>${PLAYER_JS}</script>
</body>
</html>
`;
}

function episodeHtml(m: EpisodeManifest): string {
  const file = (name: string) => escapeHtml(outputUrl(`${EPISODES_DIR}/${name}`, undefined));
  const names = episodeFileNames(m.slug);
  const date = new Date(m.published);
  const when = Number.isNaN(date.getTime()) ? "" : `${date.toISOString().slice(0, 10)} · `;
  const byline = m.byline ? ` · ${escapeHtml(m.byline)}` : "";
  const chapters = m.chapters
    .map((c) => {
      const start = c.start.toFixed(3);
      const label = `<span class="time">${clock(c.start)}</span>${escapeHtml(c.title)}`;
      return `<li data-start="${start}"><button type="button" data-start="${start}">${label}</button></li>`;
    })
    .join("\n");
  return `<article class="episode" id="${escapeHtml(m.slug)}" lang="${escapeHtml(m.language)}">
<h2>${escapeHtml(m.title)}</h2>
<p class="meta">${when}${clock(m.durationSeconds)}${byline}</p>
<audio controls preload="metadata" src="${file(m.audio.file)}"></audio>
<ol class="chapters">
${chapters}
</ol>
<details open><summary>Transcript</summary>
<div class="transcript">
${transcriptHtml(m)}
</div>
<p class="meta"><a href="${file(names.vtt)}">WebVTT</a> · <a href="${file(names.srt)}">SRT</a> ·
<a href="${file(names.transcript)}">JSON</a> · <a href="${file(names.chapters)}">chapters</a></p>
</details>
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
      (cue) => `<span class="cue" data-start="${cue.start.toFixed(3)}">${escapeHtml(cue.text)}</span>`,
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
