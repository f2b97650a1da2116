import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ingestText } from "../../src/ingest/ingest.js";
import { ingest } from "../../src/ingest/input.js";
import { htmlBlocks } from "../../src/ingest/readers/html.js";
import { segment } from "../../src/segment/segment.js";
import type { Script } from "../../src/types.js";

/**
 * Pages that look like interviews to a careless reader and are not: every word is the
 * narrator's, and a "Name:" or bold term at the start of a line is read as written.
 */
const dir = join(import.meta.dirname, "..", "fixtures", "interviews");

const cases: Record<string, { file: string; readAsWritten: string[] }> = {
  "en, Markdown: a list of festival speakers, each 'Name: description' in bold": {
    file: "not-en-speaker-list.md",
    readAsWritten: ["Hannah Achterberg: the Dutch architect", "Oliver Brandt: marine engineer"],
  },
  "de, HTML: a glossary box of bold 'Term: definition' lines beside the article": {
    file: "not-de-glossar.html",
    readAsWritten: ["Hoffmann rät, zuerst beim Rathaus nachzufragen"],
  },
  "es, text: a news story with a single 'Name: «quote»' line": {
    file: "not-es-cita-unica.txt",
    readAsWritten: ["Ana Ruiz: «Por fin podremos dormir con la ventana abierta»."],
  },
  "en, HTML: a 'Key questions' box of bold questions answered in the third person": {
    file: "not-en-key-questions.html",
    readAsWritten: ["Water UK, which represents the industry"],
  },
  "fr, HTML: bold subheadings that ask, over reported paragraphs with quotations": {
    file: "not-fr-intertitres.html",
    readAsWritten: ["Pour la troisième année consécutive"],
  },
};

const onlyNarrator = (script: Script) => {
  expect(script.speakers.map((s) => s.role)).toEqual(["narrator"]);
  for (const c of script.chapters) for (const s of c.segments) expect(s.speaker).toBe("narrator");
};

describe.each(Object.entries(cases))("%s", (_, expected) => {
  it("is read by the narrator alone, labels and all", async () => {
    const script = segment(await ingest(join(dir, expected.file)));
    onlyNarrator(script);
    const spoken = script.chapters.flatMap((c) => c.segments.map((s) => s.text)).join("\n");
    for (const line of expected.readAsWritten) expect(spoken).toContain(line);
  });
});

describe("short pages that are not interviews", () => {
  it("bold lead-ins of an explainer ('The background:', 'What's next:') stay the narrator's", () => {
    const html = `<html lang="en"><body><article><h1>The bridge reopens</h1>
      <p>The river bridge reopened on Monday after eighteen months of repairs, three months late and well over budget.</p>
      <p><strong>The background:</strong> Inspectors closed it in 2024 after finding cracks in two of its steel supports.</p>
      <p><strong>Why it matters:</strong> Twenty thousand cars crossed it every day, and the detour added half an hour.</p>
      <p><strong>What's next:</strong> The council will check the supports again every six months for the next five years.</p>
      </article></body></html>`;
    onlyNarrator(segment(ingestText(html, "bridge.html", "html", htmlBlocks)));
  });

  it("section labels repeated over reported text ('Qualifying:', 'Rennen:') are not speakers", () => {
    const text = [
      "Saisonvorschau: Die Fahrer im Vergleich",
      "Vor dem Saisonstart vergleichen wir die Teamkollegen, Samstag für Samstag und Sonntag für Sonntag.",
      "Qualifying: Der Franzose war im vergangenen Jahr im Schnitt zwei Zehntel schneller als sein Teamkollege und stand dreimal in der ersten Startreihe.",
      "Rennen: Im Rennen holte er 110 Punkte, sein Teamkollege nur 32, auch weil dieser zweimal in der ersten Runde ausschied.",
      "Qualifying: Der Japaner brauchte die halbe Saison, um sich an die schnellen Strecken zu gewöhnen, und schied elfmal im ersten Abschnitt aus.",
      "Rennen: Seine besten Ergebnisse fuhr er bei Regen, als die Erfahrung der anderen weniger zählte.",
      "Im Winter haben beide viele Tage im Simulator verbracht.",
    ].join("\n\n");
    const script = segment(ingestText(text, "vorschau.txt", "text"));
    onlyNarrator(script);
    const spoken = script.chapters.flatMap((c) => c.segments.map((s) => s.text)).join("\n");
    expect(spoken).toContain("Qualifying: Der Franzose");
  });

  it("one quoted exchange inside a report is not a transcript", () => {
    const text =
      "Council votes on the new library\n\nThe vote was close, and tempers ran high in the chamber on Tuesday evening.\n\nCouncillor Reyes: Is this really the best use of the money?\n\nMayor Holt: It is the only library we will build this decade.\n\nThe motion passed by eleven votes to nine, and work begins in spring.\n";
    onlyNarrator(segment(ingestText(text, "library.txt", "text")));
  });
});
