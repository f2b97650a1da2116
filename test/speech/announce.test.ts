import { describe, expect, it } from "vitest";
import { announcements } from "../../src/speech/announce.js";
import type { Script } from "../../src/types.js";

const base = (over: Partial<Script["meta"]>, speakers: Script["speakers"]): Script => ({
  meta: { title: "The night bus", language: "en", ...over },
  speakers,
  chapters: [{ title: "One", segments: [] }],
  dropped: [],
});

const narrator = { id: "narrator", role: "narrator" as const };

describe("intro and outro", () => {
  it("says the title and who speaks in an interview, and where it came from", () => {
    const script = base({ source: "/home/me/articles/csto.txt" }, [
      narrator,
      { id: "host", role: "host", name: "Izvestia" },
      { id: "guest", role: "guest", name: "Imangali Tasmagambetov" },
    ]);
    const { intro, outro } = announcements(script);
    expect(intro).toBe("The night bus. Imangali Tasmagambetov, interviewed by Izvestia.");
    expect(outro).toBe("That was an interview: The night bus. It came from Izvestia.");
    // A local path is never read out.
    expect(`${intro} ${outro}`).not.toMatch(/home|csto\.txt/);
  });

  it("names every speaker of a transcript, the byline of an article, and the site of a URL", () => {
    const panel = base({}, [
      narrator,
      ...["Maria", "Daniel", "Priya", "Tom"].map((name) => ({
        id: name.toLowerCase(),
        role: "speaker" as const,
        name,
      })),
    ]);
    expect(announcements(panel).intro).toBe("The night bus. With Maria, Daniel, Priya and Tom.");
    expect(announcements(panel).outro).toBe("That was a conversation: The night bus.");
    const article = base({ byline: "Jane Doe", url: "https://www.example.org/a/b" }, [narrator]);
    expect(announcements(article)).toEqual({
      intro: "The night bus. By Jane Doe.",
      outro: "That was an article: The night bus. It came from example.org.",
    });
  });

  it("speaks the article's language", () => {
    const script = base({ language: "de", byline: "Anna Schmidt" }, [narrator]);
    expect(announcements(script)).toEqual({
      intro: "The night bus. Von Anna Schmidt.",
      outro: "Das war ein Artikel: The night bus. Quelle: Anna Schmidt.",
    });
    expect(announcements({ ...script, meta: { ...script.meta, language: "fr" } }).intro).toBe(
      "The night bus. Par Anna Schmidt.",
    );
  });

  it("takes a user's template or false, dropping sentences whose values are empty", () => {
    const script = base({}, [narrator]);
    expect(
      announcements(script, { intro: false, outro: "Thanks for listening to {title}. By {byline}." }),
    ).toEqual({
      outro: "Thanks for listening to The night bus.",
    });
  });
});
