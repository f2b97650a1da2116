import { describe, expect, it } from "vitest";
import { ingestText } from "../../src/ingest/ingest.js";
import { htmlBlocks } from "../../src/ingest/readers/html.js";

const paragraphs = (text: string, format: "markdown" | "html") =>
  ingestText(text, `page.${format === "html" ? "html" : "md"}`, format, htmlBlocks).blocks.filter(
    (b) => b.kind === "paragraph",
  );

describe("emphasis reaches the Document", () => {
  it("Markdown: a wholly bold or italic paragraph, and a leading bold label", () => {
    const md =
      "# A talk\n\nAn introduction in plain words.\n\n**Why now?**\n\n_And then?_\n\n**Ana Ruiz:** We began in May.\n\nA *partly* italic line.\n";
    expect(paragraphs(md, "markdown")).toEqual([
      { kind: "paragraph", text: "An introduction in plain words." },
      { kind: "paragraph", text: "Why now?", emphasis: "strong" },
      { kind: "paragraph", text: "And then?", emphasis: "em" },
      { kind: "paragraph", text: "Ana Ruiz: We began in May.", label: "Ana Ruiz:" },
      { kind: "paragraph", text: "A partly italic line." },
    ]);
  });

  it("HTML: <b>/<strong> and <i>/<em>, through links, with the label outside the colon", () => {
    const html = `<!doctype html><html><body><article><h1>A talk</h1>
      <p>An introduction long enough to be the article's text, with commas, clauses, and more words.</p>
      <p><strong>Why <a href="/x">now</a>?</strong></p>
      <p><em>And then?</em> </p>
      <p><b>SPIEGEL</b>: Herr Ruiz, when did it begin?</p>
      <p>A plain answer that says a good deal, with commas, and a <b>bold</b> word inside it.</p>
      </article></body></html>`;
    expect(paragraphs(html, "html")).toEqual([
      {
        kind: "paragraph",
        text: "An introduction long enough to be the article's text, with commas, clauses, and more words.",
      },
      { kind: "paragraph", text: "Why now?", emphasis: "strong" },
      { kind: "paragraph", text: "And then?", emphasis: "em" },
      { kind: "paragraph", text: "SPIEGEL: Herr Ruiz, when did it begin?", label: "SPIEGEL" },
      {
        kind: "paragraph",
        text: "A plain answer that says a good deal, with commas, and a bold word inside it.",
      },
    ]);
  });
});
