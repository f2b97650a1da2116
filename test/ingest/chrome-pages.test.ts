import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readScript } from "../../src/episode/read-script.js";
import type { Script } from "../../src/types.js";

/**
 * News pages written for these tests, in four languages, each with the chrome a real page carries
 * around and inside its article: section links, a standfirst and byline, photo and agency
 * credits, "read also" lines, related and "you may also like" boxes, a key-questions or glossary
 * box beside the text, an author bio, a print-edition note, a newsletter prompt.
 */
const pages = join(import.meta.dirname, "..", "fixtures", "pages");

interface Case {
  file: string;
  title: string;
  chapters: string[];
  mustRead: string[];
  mustNotRead: string[];
}

const cases: Case[] = [
  {
    file: "en-harbour.html",
    title: "The harbour that learned to flood on purpose",
    chapters: ["A square that drains in six hours", "What the shopkeepers say now"],
    mustRead: [
      "Instead of building the sea wall higher again",
      "most of the shopkeepers around it signed a petition",
      "We were choosing where to lose",
      "the town is still arguing over compensation.",
    ],
    mustNotRead: [
      "Key questions",
      "How much did it cost?",
      "Related stories",
      "Why sea walls keep getting taller",
      "Amelia Hart is a climate reporter",
      "About the author",
      "Sign up now for our free newsletter",
      "Photo: Tom Becker/Reuters",
      "12 March 2024",
      "Climate",
      "All rights reserved",
    ],
  },
  {
    file: "de-strassenbahn.html",
    title: "Warum die Straßenbahn zurückkehrt",
    chapters: ["Was die Studie empfiehlt", "Widerstand in der Hauptstraße"],
    mustRead: [
      "Sechzig Jahre nach der letzten Fahrt plant die Stadt",
      "Als im Herbst 1962 die letzte Straßenbahn",
      "bis zu drei Viertel der Summe übernehmen",
      "ob die Planung fortgesetzt wird.",
    ],
    mustNotRead: [
      "Lesen Sie auch",
      "Neue Radwege sollen",
      "Foto: dpa",
      "gedruckten Ausgabe",
      "ist Redakteur im Lokalressort",
      "Das könnte Sie auch interessieren",
      "Parkgebühren steigen",
      "Die Stadt erhöht die Gebühren",
      "Startseite",
      "Impressum",
    ],
  },
  {
    file: "es-agua.html",
    title: "La ciudad que recicla el agua de lluvia",
    chapters: ["Cómo funciona el sistema", "Críticas de los vecinos"],
    mustRead: [
      "Un sistema de depósitos bajo las plazas",
      "el agua ya no corre calle abajo hacia el río",
      "según explicó la ingeniera responsable del proyecto.",
      "promete plantarlos antes del otoño.",
    ],
    mustNotRead: [
      "Te puede interesar",
      "Las diez playas",
      "Foto: EFE",
      "Glosario",
      "Depósito pluvial",
      "También te puede interesar",
      "Sequía en el norte",
      "Política",
      "Aviso legal",
    ],
  },
  {
    file: "fr-velo.html",
    title: "À Lyon, les livreurs à vélo s'organisent",
    chapters: ["Des restaurants partenaires", "Une fragilité financière"],
    mustRead: [
      "plusieurs centaines de livreurs ont créé une coopérative",
      "une vingtaine de livreurs attendent devant un restaurant",
      "les livreurs connaissent le quartier.",
      "faute de réserves.",
    ],
    mustNotRead: [
      "Crédit photo",
      "À lire aussi",
      "ce que change la nouvelle loi européenne",
      "Lire aussi",
      "Publié le 3 mai",
      "est journaliste au service Société",
      "édition imprimée",
      "Abonnez-vous",
      "Mentions légales",
    ],
  },
];

const spoken = (script: Script) =>
  [script.meta.title, ...script.chapters.flatMap((c) => [c.title, ...c.segments.map((s) => s.text)])].join(
    "\n",
  );

describe.each(cases)("page $file", (page) => {
  let script: Script;

  it("is read, with its own title", async () => {
    script = await readScript(join(pages, page.file));
    expect(script.meta.title).toBe(page.title);
  });

  it("takes chapters only from the article's own section headings", () => {
    expect(script.chapters.map((c) => c.title).filter((t) => t !== page.title)).toEqual(page.chapters);
  });

  it("reads the standfirst and the whole body", () => {
    const text = spoken(script);
    for (const passage of page.mustRead) expect(text, passage).toContain(passage);
  });

  it("reads none of the chrome around or inside the article", () => {
    const text = spoken(script);
    for (const passage of page.mustNotRead) expect(text, passage).not.toContain(passage);
  });
});

describe("a page with no article of its own", () => {
  it("is refused when it holds only teasers for other articles", async () => {
    const file = join(pages, "en-teasers-only.html");
    await expect(readScript(file)).rejects.toThrow(new RegExp(`^${file} has no article text to read`));
  });
});
