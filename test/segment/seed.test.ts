import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ingest } from "../../src/ingest/input.js";
import { segment } from "../../src/segment/segment.js";

const seed = join(import.meta.dirname, "..", "..", "examples", "csto-interview.txt");

describe("the seed interview", async () => {
  const doc = await ingest(seed);
  const script = segment(doc);
  const segments = script.chapters.flatMap((c) => c.segments);
  const role = (id: string) => script.speakers.find((s) => s.id === id)?.role;

  it("has the title and four chapters in order", () => {
    expect(script.meta.title).toBe(
      "The CSTO is monitoring the processes in Europe in connection with the adjustment of the US exchange rate",
    );
    expect(script.chapters.map((c) => c.title).slice(1)).toEqual([
      "Proposals to reduce defense spending are still in the nature of statements",
      "The CSTO is carefully studying the activities of NATO",
      "We maintain working contacts with Yerevan",
    ]);
    expect(script.chapters).toHaveLength(4);
  });

  it("alternates six host turns and six guest turns, the lede read by the narrator", () => {
    const turns: string[] = [];
    for (const s of segments) if (turns[turns.length - 1] !== s.speaker) turns.push(s.speaker);
    expect(turns).toEqual(["narrator", ...Array.from({ length: 6 }, () => ["host", "guest"]).flat()]);
    const lede = segments.find((s) => s.text.startsWith("Sending European military contingents"));
    expect(lede && role(lede.speaker)).toBe("narrator");
    const eu = segments.find((s) => s.text.startsWith("Talking about the EU's"));
    expect(eu && role(eu.speaker)).toBe("guest");
    expect(script.speakers.find((s) => s.role === "guest")?.name).toBe("Imangali Tasmagambetov");
    expect(script.speakers.find((s) => s.role === "host")?.name).toBe("Izvestia");
  });

  it("never speaks a dash or the page chrome", () => {
    for (const s of segments) expect(s.text).not.toMatch(/^[—–-]/);
    const spoken = segments.map((s) => s.text).join("\n");
    for (const chrome of [
      "Skip to main content",
      "Advertisement",
      "Live broadcast",
      "Photo: CSTO",
      "Озвучить",
      "Select important",
      "Переведено",
    ]) {
      expect(spoken).not.toContain(chrome);
    }
    expect(segments.some((s) => s.text === "On" || s.text === "Off" || s.text === "0")).toBe(false);
  });

  it("puts every sentence of the body in exactly one segment", () => {
    const source = readFileSync(seed, "utf8")
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
    const dropped = new Set(script.dropped.map((d) => d.text));
    const headings = new Set([script.meta.title, ...script.chapters.map((c) => c.title)]);
    const body = source.filter((line) => !dropped.has(line) && !headings.has(line.slice(1, -1)));
    expect(body.length).toBe(segments.length);
    for (const line of body) {
      const text = line.replace(/^[—–]\s*/, "");
      expect(segments.filter((s) => s.text === text)).toHaveLength(1);
    }
  });
});
