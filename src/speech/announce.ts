/**
 * The intro and outro the narrator reads: made from the Script's metadata (title, byline, source,
 * who speaks), in the article's language, never stored in the Script itself. Both are on by
 * default; presscast.yaml or the voice profile may give a template of their own or `false`.
 */
import type { Script } from "../types.js";

/** `false` turns it off; a text is a template with {title}, {byline}, {source}, {speakers}, {kind}. */
export interface AnnounceSettings {
  intro?: string | false;
  outro?: string | false;
}

interface Phrases {
  kind: { article: string; interview: string; conversation: string };
  /** "{guest}, interviewed by {host}." */
  interviewedBy: string;
  /** "An interview with {guest}." */
  interviewWith: string;
  /** "With {speakers}." */
  with: string;
  by: string;
  /** "You heard {kind}: {title}." */
  heard: string;
  /** "It came from {source}." */
  from: string;
  and: string;
}

const PHRASES: Record<string, Phrases> = {
  en: {
    kind: { article: "an article", interview: "an interview", conversation: "a conversation" },
    interviewedBy: "{guest}, interviewed by {host}.",
    interviewWith: "An interview with {guest}.",
    with: "With {speakers}.",
    by: "By {byline}.",
    heard: "That was {kind}: {title}.",
    from: "It came from {source}.",
    and: "and",
  },
  de: {
    kind: { article: "ein Artikel", interview: "ein Interview", conversation: "ein Gespräch" },
    interviewedBy: "{guest}, im Gespräch mit {host}.",
    interviewWith: "Ein Interview mit {guest}.",
    with: "Mit {speakers}.",
    by: "Von {byline}.",
    heard: "Das war {kind}: {title}.",
    from: "Quelle: {source}.",
    and: "und",
  },
  fr: {
    kind: { article: "un article", interview: "un entretien", conversation: "une conversation" },
    interviewedBy: "{guest}, interrogé par {host}.",
    interviewWith: "Un entretien avec {guest}.",
    with: "Avec {speakers}.",
    by: "Par {byline}.",
    heard: "C'était {kind} : {title}.",
    from: "Source : {source}.",
    and: "et",
  },
  es: {
    kind: { article: "un artículo", interview: "una entrevista", conversation: "una conversación" },
    interviewedBy: "{guest}, entrevistado por {host}.",
    interviewWith: "Una entrevista con {guest}.",
    with: "Con {speakers}.",
    by: "Por {byline}.",
    heard: "Eso fue {kind}: {title}.",
    from: "Fuente: {source}.",
    and: "y",
  },
  ru: {
    kind: { article: "статья", interview: "интервью", conversation: "беседа" },
    interviewedBy: "{guest}. Интервью: {host}.",
    interviewWith: "Интервью с участием: {guest}.",
    with: "Участники: {speakers}.",
    by: "Автор: {byline}.",
    heard: "Это была {kind}: {title}.",
    from: "Источник: {source}.",
    and: "и",
  },
};

const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);

/** Where the article came from, as a listener can hear it: the site's name, else its author. */
function sourceOf(script: Script, host: string | undefined): string {
  if (script.meta.url) {
    try {
      return new URL(script.meta.url).hostname.replace(/^www\./, "");
    } catch {
      // not a URL after all: fall through
    }
  }
  return script.meta.byline ?? host ?? "";
}

/** A user's template with empty values leaves no dangling words: a sentence with an empty value goes. */
function render(template: string, values: Record<string, string>): string {
  const sentences = template.split(/(?<=[.!?])\s+/);
  const kept = sentences.filter((sentence) =>
    [...sentence.matchAll(/\{(\w+)\}/g)].every((match) => (values[match[1] ?? ""] ?? "x") !== ""),
  );
  return fill(kept.join(" "), values).replace(/\s+/g, " ").trim();
}

/** The intro and outro texts for `script` (absent when off or empty). */
export function announcements(
  script: Script,
  settings: AnnounceSettings = {},
): { intro?: string; outro?: string } {
  const language = (script.meta.language || "en").toLowerCase().split("-")[0] ?? "en";
  const phrases = PHRASES[language] ?? (PHRASES.en as Phrases);
  // Two voices, one asking and one answering, are an interview; more are a conversation.
  const voices = script.speakers.filter((s) => s.role !== "narrator");
  const named = (role: string) =>
    voices.length <= 2 ? voices.find((s) => s.role === role)?.name : undefined;
  const host = named("host");
  const guest = named("guest");
  const speakers = guest ? [] : voices.filter((s) => s.name).map((s) => s.name as string);
  const list =
    speakers.length > 1
      ? `${speakers.slice(0, -1).join(", ")} ${phrases.and} ${speakers[speakers.length - 1]}`
      : (speakers[0] ?? "");
  const kind = guest ? "interview" : speakers.length > 1 ? "conversation" : "article";
  const values: Record<string, string> = {
    title: script.meta.title.trim().replace(/[.!?:;,]+$/, ""),
    byline: script.meta.byline ?? "",
    source: sourceOf(script, host),
    speakers: list,
    guest: guest ?? "",
    host: host ?? "",
    kind: phrases.kind[kind],
  };
  const who =
    kind === "interview"
      ? host
        ? phrases.interviewedBy
        : phrases.interviewWith
      : kind === "conversation"
        ? phrases.with
        : phrases.by;
  // The byline is said once: after who speaks in an interview only when it is not the interviewer.
  const byline = kind !== "article" && values.byline && values.byline !== host ? ` ${phrases.by}` : "";
  const introTemplate = settings.intro ?? `{title}. ${who}${byline}`;
  const outroTemplate = settings.outro ?? `${phrases.heard} ${phrases.from}`;
  const result: { intro?: string; outro?: string } = {};
  if (introTemplate !== false) {
    const intro = render(introTemplate, values);
    if (/[\p{L}\p{N}]/u.test(intro)) result.intro = intro;
  }
  if (outroTemplate !== false) {
    const outro = render(outroTemplate, values);
    if (/[\p{L}\p{N}]/u.test(outro)) result.outro = outro;
  }
  return result;
}
