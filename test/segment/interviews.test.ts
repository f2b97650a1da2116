import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ingest } from "../../src/ingest/input.js";
import { segment } from "../../src/segment/segment.js";
import type { Script } from "../../src/types.js";

/**
 * Every interview form a newspaper prints, each from a page written for this test, read through
 * the real ingest and segment: who the host and guest are, the order of the turns, and that no
 * label is ever spoken.
 */
const dir = join(import.meta.dirname, "..", "fixtures", "interviews");

interface Case {
  file: string;
  /** The host's and guest's names; undefined when the page gives none. */
  host?: RegExp;
  guest?: RegExp;
  /** How many question-and-answer exchanges follow the introduction. */
  exchanges: number;
  /** The interviewer has the last word ("Thank you for your time."). */
  hostCloses?: boolean;
  /** The labels as printed; none may open a spoken segment. */
  labels: string[];
  /** A few turns: the start of the spoken text and who says it. */
  says: Array<[role: "narrator" | "host" | "guest", starts: string]>;
}

const cases: Record<string, Case> = {
  "en, HTML: bold labels, the publication asks, the guest's label shortens to the surname": {
    file: "en-outlet-bold-labels.html",
    host: /^The Ledger$/,
    guest: /Amara Okafor$/,
    exchanges: 5,
    labels: ["The Ledger", "Dr. Amara Okafor", "Okafor"],
    says: [
      ["narrator", "Amara Okafor has spent eleven years"],
      ["guest", "By accident, honestly."],
      ["guest", "So I borrowed a mask"],
      ["host", "Is the reef going to survive?"],
    ],
  },
  "en, Markdown: questions only in bold, an italic editor's note at the end": {
    file: "en-bold-questions.md",
    host: /^Colm Duggan$/,
    guest: /^Priya Raman$/,
    exchanges: 5,
    labels: [],
    says: [
      ["host", "Why do buses arrive in pairs?"],
      ["guest", "The fun part is when a pattern"],
      ["narrator", "This interview has been edited"],
    ],
  },
  "en, text: a radio transcript in capitals, 'DR SOFIA BRANDT' then 'DR BRANDT' then 'BRANDT'": {
    file: "en-radio-transcript.txt",
    host: /^Rob Quinlan$/,
    guest: /Sofia Brandt$/,
    exchanges: 5,
    labels: ["ROB QUINLAN", "QUINLAN", "DR SOFIA BRANDT", "DR BRANDT", "BRANDT"],
    says: [
      ["host", "Good evening and welcome"],
      ["guest", "The trouble is that employers"],
      ["guest", "Thank you. Now go to bed"],
    ],
  },
  "en, Markdown: bold full names, then initials": {
    file: "en-initials.md",
    host: /^Felix Harper$/,
    guest: /^Tessa Morgan$/,
    exchanges: 4,
    labels: ["Felix Harper", "Tessa Morgan", "FH", "TM"],
    says: [
      ["host", "Why stay so small?"],
      ["guest", "We build slowly on purpose."],
    ],
  },
  "en, text: 'Name – text' labels with a dash, then the surname alone": {
    file: "en-dash-labels.txt",
    host: /^Grace Lin$/,
    guest: /^Martin Hale$/,
    exchanges: 3,
    labels: ["Grace Lin", "Martin Hale", "Lin", "Hale"],
    says: [
      ["host", "Should roses be pruned"],
      ["guest", "And one more tip"],
    ],
  },
  "en, HTML: only the questions are labelled (the publication, in bold), the answers follow plain": {
    file: "en-only-questions-labelled.html",
    host: /^Coastal Weekly$/,
    guest: /^Agnes Munro$/,
    exchanges: 4,
    labels: ["Coastal Weekly"],
    says: [
      ["guest", "Everything the machine could not."],
      ["guest", "Then they ask if there is a ghost."],
      ["host", "Is there?"],
      ["guest", "Only me."],
    ],
  },
  "de, HTML: the publication asks in bold, 'Prof. Katrin Weiß' then 'Weiß' and 'Frau Weiß'": {
    file: "de-outlet-labels.html",
    host: /^Rheinblick$/,
    guest: /Katrin Weiß$/,
    exchanges: 4,
    hostCloses: true,
    labels: ["Rheinblick", "Prof. Katrin Weiß", "Weiß", "Frau Weiß"],
    says: [
      ["guest", "Den zweiten findet er immer seltener."],
      ["guest", "Ein Baum kostet weniger"],
      ["host", "Frau Weiß, wir danken Ihnen"],
    ],
  },
  "de, text: 'Frage:' and 'Antwort:'": {
    file: "de-frage-antwort.txt",
    guest: /^Jonas Berger$/,
    exchanges: 4,
    labels: ["Frage", "Antwort"],
    says: [
      ["host", "Herr Berger, wie war das Bienenjahr?"],
      ["guest", "Dazu kommen neue Schädlinge"],
    ],
  },
  "de, text: 'F:' and 'A:'": {
    file: "de-f-a-kurz.txt",
    exchanges: 4,
    labels: ["F", "A"],
    says: [
      ["host", "Frau Vogt, was hat Sie"],
      ["guest", "Ich gehe wandern"],
    ],
  },
  "de, Markdown: questions only in italics, the first answer opening with the guest's surname": {
    file: "de-kursive-fragen.md",
    host: /^Miriam Koch$/,
    exchanges: 5,
    labels: ["Lang"],
    says: [
      ["guest", "Ehrlich gesagt aus Geiz."],
      ["host", "Herr Lang, warum haben Sie"],
      ["guest", "Sofort. Ich vermisse nur den Kofferraum."],
    ],
  },
  "fr, HTML: questions only in bold, the interviewer in 'Propos recueillis par'": {
    file: "fr-questions-en-gras.html",
    host: /^Lucas Perrin$/,
    guest: /^Hélène Marchand$/,
    exchanges: 4,
    labels: [],
    says: [
      ["narrator", "Propos recueillis par Lucas Perrin"],
      ["host", "Faut-il irriguer les vignes ?"],
      ["guest", "Le vin devient plus lourd"],
    ],
  },
  "fr, Markdown: bold 'Q :' and 'R :' with the French space before the colon": {
    file: "fr-q-r.md",
    exchanges: 3,
    labels: ["Q", "R"],
    says: [
      ["host", "Comment se porte une librairie"],
      ["guest", "Le problème, c'est le loyer."],
    ],
  },
  "fr, text: a radio transcript, 'Claire Vasseur' then 'Mme Vasseur', 'Julien Roche' then 'Roche'": {
    file: "fr-debat-radio.txt",
    host: /^Julien Roche$/,
    guest: /^Claire Vasseur$/,
    exchanges: 3,
    hostCloses: true,
    labels: ["Julien Roche", "Roche", "Claire Vasseur", "Mme Vasseur"],
    says: [
      ["host", "Une taxe ne les dissuaderait pas"],
      ["guest", "Alors il faut que la taxe"],
    ],
  },
  "es, HTML: bold 'Pregunta.' and 'Respuesta.', then 'P.' and 'R.'": {
    file: "es-pregunta-respuesta.html",
    guest: /^Marta Iglesias$/,
    exchanges: 4,
    labels: ["Pregunta", "Respuesta", "P", "R"],
    says: [
      ["host", "¿Es sostenible seguir ampliando"],
      ["guest", "Creo que tenemos que volver"],
      ["guest", "Soy realista."],
    ],
  },
  "es, Markdown: questions only in italics": {
    file: "es-entrevista-cursiva.md",
    host: /^Elena Campos$/,
    guest: /^Daniel Ortega Ruiz$/,
    exchanges: 4,
    labels: [],
    says: [
      ["host", "¿Hay más chicas que antes?"],
      ["guest", "Cuando lo entienden, cambia"],
    ],
  },
  "es, text: full names, then 'Sra. Ferrer' and initials 'A. M.' and 'L. F.'": {
    file: "es-iniciales.txt",
    host: /^Andrés Molina$/,
    guest: /^Lucía Ferrer$/,
    exchanges: 5,
    labels: ["Andrés Molina", "Lucía Ferrer", "A. M.", "Sra. Ferrer", "L. F."],
    says: [
      ["host", "Bienvenidos a un nuevo episodio."],
      ["guest", "Hicimos los carriles demasiado estrechos"],
      ["guest", "Gracias a vosotros."],
    ],
  },
  "es, text: dash turns (raya) with no space after the dash": {
    file: "es-raya.txt",
    exchanges: 3,
    labels: [],
    says: [
      ["host", "¿Por qué cierra ahora?"],
      ["guest", "A la gente."],
    ],
  },
};

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe.each(Object.entries(cases))("%s", (_, expected) => {
  let script: Script;
  const segments = () => script.chapters.flatMap((c) => c.segments);
  const roleOf = (id: string) => script.speakers.find((s) => s.id === id)?.role;

  it("reads the page", async () => {
    script = segment(await ingest(join(dir, expected.file)));
    expect(segments().length).toBeGreaterThan(0);
  });

  it("has one host and one guest, named from the labels or the introduction", () => {
    const others = script.speakers.filter((s) => s.role !== "narrator");
    expect(others.map((s) => s.role).sort()).toEqual(["guest", "host"]);
    const host = others.find((s) => s.role === "host");
    const guest = others.find((s) => s.role === "guest");
    if (expected.host) expect(host?.name ?? "").toMatch(expected.host);
    if (expected.guest) expect(guest?.name ?? "").toMatch(expected.guest);
  });

  it("takes turns in order: the introduction, then each question and its answer", () => {
    const runs: string[] = [];
    for (const s of segments()) {
      const role = roleOf(s.speaker) ?? "?";
      if (runs[runs.length - 1] !== role) runs.push(role);
    }
    const body = runs.filter((r, i) => !(r === "narrator" && (i === 0 || i === runs.length - 1)));
    const exchanges = Array.from({ length: expected.exchanges }, () => ["host", "guest"]).flat();
    expect(body).toEqual(expected.hostCloses ? [...exchanges, "host"] : exchanges);
    for (const [role, starts] of expected.says) {
      const found = segments().find((s) => s.text.startsWith(starts));
      expect(found, `no segment starts "${starts}"`).toBeDefined();
      expect(roleOf(found?.speaker ?? ""), starts).toBe(role);
    }
  });

  it("never speaks a label or a turn dash", () => {
    for (const s of segments()) {
      expect(s.text).not.toMatch(/^[—–-]/);
      for (const label of expected.labels) {
        expect(s.text).not.toMatch(new RegExp(`^${literal(label)}\\s*[:.–—-]`, "u"));
      }
    }
  });
});
