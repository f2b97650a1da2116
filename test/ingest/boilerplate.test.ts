import { describe, expect, it } from "vitest";
import { reasonToDrop, removeBoilerplate, stripAnnotations } from "../../src/ingest/boilerplate.js";
import { htmlBlocks, withoutSiteName } from "../../src/ingest/readers/html.js";
import { markdownBlocks } from "../../src/ingest/readers/markdown.js";
import type { Block, Dropped } from "../../src/types.js";

describe("boilerplate rules", () => {
  it.each([
    ["Advertisement", "UI label"],
    ["Skip to main content", "UI label"],
    ["Select important", "UI label"],
    ["On", "UI label"],
    ["Share this story", "UI label"],
    ["158", "bare counter"],
    ["1,204", "bare counter"],
    ["Photo: CSTO press service", "credit"],
    ["(Artist: 3ihard)", "credit"],
    ["Lire aussi : Les critiques de la CNIL", "read-also"],
    ["Read also: Ten things about X", "read-also"],
    ["Translated by Jane Doe", "translation credit"],
    ["Переведено сервисом «Яндекс Переводчик»", "translation credit"],
    ["There may be small errors in this transcript.", "transcript disclaimer"],
    ["View comments (27)", "comment section"],
    ["Click here for the second half of this epic story.", "link prompt"],
    ["https://example.com/article", "bare URL"],
  ])("drops %j", (line, reason) => {
    expect(reasonToDrop(line, "Latin")).toContain(reason);
  });

  it("drops UI lines in another script than the article", () => {
    expect(reasonToDrop("Озвучить текст", "Latin")).toBe("UI label");
    expect(reasonToDrop("Слушать статью целиком", "Latin")).toMatch(/another script \(Cyrillic\)/);
    expect(reasonToDrop("本文由 LCTT 原创编译", "Latin")).toBeDefined();
    expect(reasonToDrop("Слушать статью целиком", "Cyrillic")).toBeUndefined();
  });

  it.each([
    "The CSTO is closely monitoring the processes in Europe.",
    "On Monday the council met again.",
    "Advertisement revenue fell by half last year, the company said.",
    "He said the book was translated by his daughter over many years, and that the work changed them both.",
  ])("keeps body text %j", (line) => {
    expect(reasonToDrop(line, "Latin")).toBeUndefined();
  });

  it("strips bracketed source annotations and footnote markers, recording them", () => {
    const dropped: Dropped[] = [];
    expect(stripAnnotations("Samus stormed Zebes. [MPH SP / MP2 SP / MP3 SP]", dropped)).toBe(
      "Samus stormed Zebes.",
    );
    expect(stripAnnotations("A claim[12] with a note.", dropped)).toBe("A claim with a note.");
    expect(stripAnnotations("Read [the report] today.", dropped)).toBe("Read [the report] today.");
    expect(dropped.map((d) => d.reason)).toEqual(["bracketed source annotation", "footnote marker"]);
  });

  it("drops the caption after an image but not a long paragraph", () => {
    const blocks: Block[] = [
      { kind: "image" },
      { kind: "paragraph", text: "Top of the phono stage board" },
      { kind: "image" },
      {
        kind: "paragraph",
        text: "This paragraph is the body. It goes on for two sentences after the picture.",
      },
    ];
    const dropped: Dropped[] = [];
    expect(removeBoilerplate(blocks, dropped)).toEqual([blocks[3]]);
    expect(dropped[0]?.reason).toMatch(/caption/);
  });
});

describe("HTML extraction", () => {
  it("never reads scripts, JSON-LD, hidden elements, captions or alt text", () => {
    const body = "A long body paragraph that is clearly the article and goes on for a while. ".repeat(5);
    const html = `<html lang="en"><head><title>T</title><script type="application/ld+json">{"headline":"LD"}</script></head><body>
      <article><h1>T</h1><p>${body}</p><div hidden>Hidden promo text</div><p style="display:none">Invisible</p>
      <figure><img alt="Alt text of a photo" src="x.jpg"><figcaption>Caption of the photo</figcaption></figure>
      <h2>Second part</h2><p>${body}</p><blockquote><p>A quoted statement that is part of the story.</p></blockquote>
      <ul><li>First point of a list in the body.</li><li>Second point of a list.</li></ul>
      <p><a href="/other">Read the related story about something else</a></p><script>alert(1)</script></article></body></html>`;
    const { blocks, dropped } = htmlBlocks(html, "page.html");
    const text = blocks.map((b) => ("text" in b ? b.text : "")).join("\n");
    for (const never of [
      "LD",
      "Hidden promo",
      "Invisible",
      "Alt text",
      "Caption of the photo",
      "alert",
      "related story",
    ]) {
      expect(text).not.toContain(never);
    }
    expect(blocks.map((b) => b.kind)).toEqual([
      "paragraph",
      "heading",
      "paragraph",
      "quote",
      "list-item",
      "list-item",
    ]);
    expect(dropped.map((d) => d.reason)).toContain("link-only paragraph (related-article box)");
  });
});

describe("Markdown", () => {
  it("reads front matter as metadata and never image references or link definitions", () => {
    const md =
      "---\ntitle: From front matter\nlang: fr\nauthor: Jane Doe\n---\n\n# From front matter\n\nText with a [link][1] and ![an image][2] inside.\n\n[1]: https://example.com\n[2]: https://example.com/x.png (Image title)\n";
    const { meta, blocks, dropped } = markdownBlocks(md, "a.md");
    expect(meta).toMatchObject({ title: "From front matter", language: "fr", byline: "Jane Doe" });
    expect(blocks[1]).toEqual({ kind: "paragraph", text: "Text with a link and inside." });
    expect(dropped.map((d) => d.reason).sort()).toEqual([
      "image reference",
      "link reference definition",
      "link reference definition",
    ]);
  });
});

describe("the record of dropped lines", () => {
  it("keeps every page line left outside the article, with its reason", () => {
    const body = "A long body paragraph that is clearly the article and goes on for a while. ".repeat(5);
    const html = `<html><body><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li></ul></nav>
      <article><h1>T</h1><p>${body}</p><p>${body}</p></article><div class="hidden" hidden>Secret offer</div>
      <footer><p>© 2024 Example Corp</p></footer></body></html>`;
    const { dropped } = htmlBlocks(html, "page.html");
    const reasons = new Map(dropped.map((d) => [d.text, d.reason]));
    expect(reasons.get("Home")).toBe("outside the article's main content");
    expect(reasons.get("© 2024 Example Corp")).toBe("page chrome (footer)");
    expect(reasons.get("Secret offer")).toBe("hidden element");
  });
});

describe("comment sections and near misses", () => {
  it("drops a text page's comment section from its '3 Comments' line on", () => {
    const blocks: Block[] = [
      { kind: "paragraph", text: "The new tram line opens on Monday, the city said." },
      { kind: "paragraph", text: "Translation services will be offered at the public hearing." },
      { kind: "paragraph", text: "Tickets cost the same as the bus." },
      { kind: "paragraph", text: "3 Comments" },
      { kind: "paragraph", text: "John Smith" },
      { kind: "paragraph", text: "Great news for commuters, finally!" },
    ];
    const dropped: Dropped[] = [];
    const kept = removeBoilerplate(blocks, dropped);
    expect(kept).toEqual(blocks.slice(0, 3));
    expect(dropped.map((d) => d.reason)).toEqual(["comment section", "comment section", "comment section"]);
  });
});

describe("page titles", () => {
  it("lose the site's name, recognised from the headline or a short name after ' | '", () => {
    expect(withoutSiteName("Why cities need trees | The Daily", ["Why cities need trees"])).toBe(
      "Why cities need trees",
    );
    expect(withoutSiteName("Why cities need trees - The Daily Planet", ["Why cities need trees"])).toBe(
      "Why cities need trees",
    );
    expect(withoutSiteName("Why cities need trees | The Daily", [])).toBe("Why cities need trees");
    expect(withoutSiteName("Q&A: the mayor on trees", ["Q&A"])).toBe("Q&A: the mayor on trees");
    expect(withoutSiteName("Cats - a history", [])).toBe("Cats - a history");
  });
});
