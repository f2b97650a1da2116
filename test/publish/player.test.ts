import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../src/publish/config.js";
import { buildEpisodePage, buildPlayer } from "../../src/publish/player.js";
import { HOSTILE, sampleManifest } from "./helpers.js";

describe("an episode's own page", () => {
  it("links the audio and the show from the episodes folder and escapes the title", () => {
    const page = buildEpisodePage(sampleManifest({ title: HOSTILE }), {
      ...DEFAULT_CONFIG,
      owner: {},
      image: "cover.jpg",
    });
    expect(page).toContain('src="sample-episode.mp3"');
    expect(page).toContain('<img class="art" src="../cover.jpg" alt="">');
    expect(page).toContain('<a href="../index.html">presscast</a>');
    expect(page.match(/<script/g)).toHaveLength(1);
    expect(page).toContain('<h1 id="sample-episode-title">&lt;script&gt;');
    expect(page).toContain('href="#t=00:00:01,00:00:03"');
  });
});

describe("index.html", () => {
  const hostile = sampleManifest({
    title: HOSTILE,
    byline: HOSTILE,
    chapters: [{ title: HOSTILE, start: 0, end: 3 }],
    speakers: [{ id: "narrator", role: "narrator", name: HOSTILE, engine: "flite", voice: "slt" }],
    cues: [{ start: 0, end: 3, chapter: 0, speaker: "narrator", text: `${HOSTILE} '</p>` }],
  });
  const html = buildPlayer([hostile], { ...DEFAULT_CONFIG, owner: {}, title: HOSTILE, description: HOSTILE });

  it("escapes every piece of article and config text", () => {
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toContain("alert(1)</script>");
    expect(html).not.toContain("]]>");
    const escaped = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Q&amp;A&quot; ]]&gt;";
    expect(html.split(escaped).length - 1).toBeGreaterThanOrEqual(7);
    expect(html).toContain("&#39;&lt;/p&gt;</span>");
  });

  it("links the audio relatively and pins its script with a CSP hash", () => {
    expect(html).toContain('<audio controls preload="metadata" src="episodes/sample-episode.mp3">');
    expect(html).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(html).not.toMatch(/https?:\/\//);
  });

  it("lists chapters and sentences with their start times", () => {
    const page = buildPlayer([sampleManifest()], { ...DEFAULT_CONFIG, owner: {} });
    expect(page).toContain(
      '<button type="button" data-start="1.250"><span class="time">00:00:01</span><span class="title">The interview</span>',
    );
    expect(page).toContain(
      '<span class="speaker">Dr. Sam Okafor:</span><span class="cue" data-start="1.900" data-end="3.000">',
    );
  });
});
