import type { Chapter, Script, Speaker } from "../types.js";

/**
 * Several articles → one Script for an edition: an announced introduction naming the articles,
 * then each article's chapters titled "Article — Section" (its first chapter takes the article's
 * title). Speakers of later articles get their own ids, so a host in one article and a host in
 * another stay two people with the same role voice.
 */
export function editionScript(name: string, scripts: Script[]): Script {
  const titles = scripts.map((s) => s.meta.title);
  const intro: Chapter = {
    title: name,
    segments: [{ speaker: "narrator", text: `In this edition: ${listOf(titles)}.` }],
  };
  const speakers: Speaker[] = [{ id: "narrator", role: "narrator" }];
  const chapters: Chapter[] = [intro];
  scripts.forEach((script, n) => {
    const rename = new Map<string, string>();
    for (const speaker of script.speakers) {
      if (speaker.role === "narrator") {
        rename.set(speaker.id, "narrator");
        continue;
      }
      const id = n === 0 ? speaker.id : `${speaker.id}-${n + 1}`;
      rename.set(speaker.id, id);
      speakers.push({ ...speaker, id });
    }
    script.chapters.forEach((chapter, i) => {
      const title = i === 0 ? script.meta.title : `${script.meta.title} — ${chapter.title}`;
      chapters.push({
        title,
        segments: chapter.segments.map((s) => ({
          speaker: rename.get(s.speaker) ?? "narrator",
          text: s.text,
        })),
      });
    });
  });
  const first = scripts[0]?.meta;
  return {
    meta: {
      title: name,
      language: first?.language ?? "en",
      subtitle: titles.join(" · "),
      source: scripts.map((s) => s.meta.source ?? s.meta.title).join(", "),
    },
    speakers,
    chapters,
    dropped: scripts.flatMap((s) => s.dropped),
  };
}

function listOf(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join("; ")}; and ${items[items.length - 1]}`;
}
