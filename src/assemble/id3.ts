/**
 * The episode's ID3v2.3 tag: text frames, cover art, and chapters as CHAP frames listed by one
 * top-level, ordered CTOC (the ID3 chapter addendum), which is what podcast players read.
 * node-id3 writes the frames; this module only decides their content.
 */
import type NodeID3 from "node-id3";
import { InputError } from "../errors.js";
import { readLimited } from "../input-file.js";
import type { TimedChapter } from "../types.js";

/** Episode tags, shared by the MP3 (ID3) and M4A (ffmetadata) writers. */
export interface EpisodeTags {
  title: string;
  artist?: string;
  album?: string;
  /** ISO 8601 date or a year. */
  date?: string;
  /** Usually the article source. */
  comment?: string;
  /** The article's web address (ID3 WOAS, "official audio source webpage"). */
  sourceUrl?: string;
  /** default: "Podcast" */
  genre?: string;
  /** BCP 47, e.g. "en". */
  language?: string;
}

const ISO639_2: Record<string, string> = {
  en: "eng",
  fr: "fra",
  de: "deu",
  es: "spa",
  it: "ita",
  pt: "por",
  nl: "nld",
  ru: "rus",
  uk: "ukr",
  pl: "pol",
  sv: "swe",
  fi: "fin",
  da: "dan",
  no: "nor",
  cs: "ces",
  ja: "jpn",
  zh: "zho",
  ar: "ara",
  tr: "tur",
};

/** ID3 wants ISO 639-2 three-letter codes; BCP 47 primary tags are mapped, unknown ones become "und". */
export function id3Language(bcp47?: string): string {
  const primary = (bcp47 ?? "").toLowerCase().split("-")[0] ?? "";
  if (/^[a-z]{3}$/.test(primary)) return primary;
  return ISO639_2[primary] ?? "und";
}

/** Builds the complete tag as bytes, to be written in front of the encoded audio. */
export async function buildId3Tag(
  tags: EpisodeTags,
  chapters: TimedChapter[],
  cover?: string,
): Promise<Buffer> {
  const lang = id3Language(tags.language);
  const year = tags.date?.match(/^\d{4}/)?.[0];
  const day = tags.date?.match(/^\d{4}-(\d{2})-(\d{2})/);
  const id3: NodeID3.Tags = {
    title: tags.title,
    genre: tags.genre ?? "Podcast",
    ...(tags.artist ? { artist: tags.artist } : {}),
    ...(tags.album ? { album: tags.album } : {}),
    ...(year ? { year } : {}),
    ...(day ? { date: `${day[2]}${day[1]}` } : {}),
    ...(tags.language ? { language: lang } : {}),
    ...(tags.comment ? { comment: { language: lang, text: tags.comment } } : {}),
    ...(tags.sourceUrl ? { audioSourceUrl: tags.sourceUrl } : {}),
  };
  if (cover) id3.image = await coverFrame(cover);
  if (chapters.length) {
    const ids = chapters.map((_, i) => `chp${i}`);
    id3.chapter = chapters.map((chapter, i) => ({
      elementID: ids[i] as string,
      startTimeMs: Math.round(chapter.start * 1000),
      // node-id3 drops a CHAP whose end is 0.
      endTimeMs: Math.max(1, Math.round(chapter.end * 1000)),
      tags: { title: chapter.title },
    }));
    // node-id3 flags the first CTOC as top-level.
    id3.tableOfContents = [{ elementID: "toc", isOrdered: true, elements: ids }];
  }
  // Loaded here, not at start-up: a build with nothing to encode never needs it.
  const { default: writer } = await import("node-id3");
  return writer.create(id3);
}

/** Apple asks for at most 512 KB of cover art; 10 MB leaves room for any real picture. */
const MAX_COVER_BYTES = 10 * 1024 * 1024;

/** Checks a cover image before any work: a regular file, at most 10 MB, JPEG or PNG. */
export async function checkCover(file: string): Promise<void> {
  await coverFrame(file);
}

async function coverFrame(file: string): Promise<NodeID3.Tags["image"]> {
  const bytes = await readLimited(file, { what: `Cover image ${file}`, maxBytes: MAX_COVER_BYTES });
  const mime = imageMime(bytes);
  if (!mime) throw new InputError(`Cover image ${file} is neither JPEG nor PNG; convert it first.`);
  return { mime, type: { id: 3 }, description: "Cover", imageBuffer: bytes };
}

/** The image type from its magic bytes: JPEG and PNG are the formats podcast apps accept. */
export function imageMime(bytes: Buffer): "image/jpeg" | "image/png" | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return "image/jpeg";
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return "image/png";
  return undefined;
}
