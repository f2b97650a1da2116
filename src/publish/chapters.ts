/**
 * Chapters for apps that read them from the feed rather than from ID3: the Podcasting 2.0
 * chapters file, and the `00:00:00 Title` lines that Apple and others pick out of a description.
 */
import type { EpisodeManifest } from "../types.js";
import { cleanText, clock, roundMs } from "./display-text.js";

/** The media type podcast apps expect for a chapters file. */
export const CHAPTERS_TYPE = "application/json+chapters";

/** A chapter as the Podcasting 2.0 chapters format (version 1.2.0) writes it. */
export interface JsonChapter {
  startTime: number;
  endTime?: number;
  title: string;
}

/** The Podcasting 2.0 chapters file (`application/json+chapters`, version 1.2.0), as file text. */
export function toChaptersJson(m: EpisodeManifest): string {
  const chapters: JsonChapter[] = m.chapters.map((chapter) => ({
    startTime: roundMs(chapter.start),
    endTime: roundMs(chapter.end),
    title: cleanText(chapter.title) || "Untitled",
  }));
  return `${JSON.stringify({ version: "1.2.0", title: cleanText(m.title), chapters }, null, 2)}\n`;
}

/** One `00:00:00 Title` line per chapter, for the episode description. */
export function chapterListText(m: EpisodeManifest): string {
  return m.chapters
    .map((chapter) => `${clock(chapter.start)} ${cleanText(chapter.title) || "Untitled"}`)
    .join("\n");
}
