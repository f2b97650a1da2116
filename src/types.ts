/**
 * The plain data that flows between presscast's stages (docs/ARCHITECTURE.md).
 * Every stage is a function from one of these to the next; none of them is a class.
 */

/** A block of the article, in reading order, as ingest found it. */
export type Block =
  | { kind: "heading"; level: number; text: string }
  | {
      kind: "paragraph";
      text: string;
      /** Set when the whole paragraph is bold ("strong") or italic ("em"): often an interview's question. */
      emphasis?: "strong" | "em";
      /** A bold run that opens the paragraph, as written ("Jane Doe:", "SPIEGEL"); `text` still includes it. */
      label?: string;
    }
  | { kind: "quote"; text: string }
  | { kind: "list-item"; text: string }
  /** A thematic break (`* * *`, `<hr>`): ends a run of turns in some interviews. */
  | { kind: "break" }
  /** An image with no text of its own; the short line after it is usually its caption. */
  | { kind: "image" };

/** A line or block that ingest or segment chose not to read aloud, and why. */
export interface Dropped {
  text: string;
  reason: string;
}

export interface DocumentMeta {
  title?: string;
  language?: string;
  subtitle?: string;
  byline?: string;
  source?: string;
  url?: string;
  published?: string;
  /** The article's lead image as a file on this machine (absolute path), when the page has one. */
  image?: string;
}

/** ingest → segment: the article's readable blocks plus everything dropped from it. */
export interface Document {
  /** The input file as the user named it. */
  file: string;
  format: "text" | "markdown" | "html";
  /** The article's own metadata; the title, when it states none, comes from its file name or URL. */
  meta: DocumentMeta & { title: string };
  blocks: Block[];
  dropped: Dropped[];
}

export type Role = "narrator" | "host" | "guest" | "speaker";

export interface Speaker {
  /** Stable id used by segments, e.g. "narrator", "host", "guest", "benjamin". */
  id: string;
  name?: string;
  role: Role;
}

export interface Segment {
  /** A `Speaker.id`. */
  speaker: string;
  text: string;
}

export interface Chapter {
  title: string;
  segments: Segment[];
}

/** The Document's metadata, with the title and language now settled. */
export interface ScriptMeta extends DocumentMeta {
  title: string;
  /** BCP 47, e.g. "en", "fr". */
  language: string;
}

/** segment → speech, and the editable file format of `presscast script`. */
export interface Script {
  meta: ScriptMeta;
  speakers: Speaker[];
  chapters: Chapter[];
  dropped: Dropped[];
}

/** A voice: which engine speaks, with which of its voices, and how. */
export interface Voice {
  engine: string;
  voice: string;
  /** Speaking rate, 1 = the engine's normal speed. default: 1 */
  rate?: number;
  /** Pitch shift in semitones, applied by the engine or afterwards. default: 0 */
  pitch?: number;
  /** Engine-specific settings (base URL, model, command template, ...). */
  options?: Record<string, unknown>;
}

/** speech → synthesize: one sentence-sized piece of text for one voice. */
export interface Utterance {
  chapter: number;
  segment: number;
  speaker: string;
  /** The sentence as written (for transcripts). */
  text: string;
  /** The text as the engine should say it (normalised, lexicon applied). */
  spoken: string;
  voice: Voice;
  /** Silence after this utterance, in milliseconds. */
  pauseAfterMs: number;
}

/**
 * How a clip is levelled and trimmed, measured once when the clip is made and cached beside it,
 * so the episode's loudness follows from its clips' measurements without another pass.
 */
export interface ClipLevel {
  /** The levelling's version; a measurement from an older one is made again. */
  version: number;
  sampleRate: number;
  /** Loudness of the clip as the engine made it, LUFS. */
  lufs: number;
  /** Gain given to the clip before its peaks are limited, dB. */
  gainDb: number;
  /** The stretch kept, [start, end) in samples of the engine's clip: its outer silence is trimmed. */
  start: number;
  end: number;
  /** Samples of the kept stretch before its first 10 ms window of sound, and after its last. */
  lead: number;
  tail: number;
  /** K-weighted mean square of each 100 ms of the levelled, trimmed clip (full scale 1). */
  energies: number[];
  /** True peak of the levelled clip, dBFS. */
  peakDb: number;
  /**
   * The samples whose true peak, after the gain, is over the limiter's ceiling, so levelling need
   * not search for them again. Levels stored before it have none; they are searched for then.
   */
  over?: number[];
}

/** synthesize → assemble: the audio of one utterance, as a WAV file in the cache. */
export interface Clip {
  utterance: Utterance;
  /** Path of a PCM WAV file. */
  file: string;
  sampleRate: number;
  /** Number of samples (per channel) in the file. */
  samples: number;
  /** True when this clip came from the cache rather than the engine. */
  cached: boolean;
  /** Its level and trim; assemble measures a clip that comes without one. */
  level?: ClipLevel;
}

/** One timed sentence of the finished episode (for transcripts and the player). */
export interface Cue {
  /** Seconds from the start of the audio. */
  start: number;
  end: number;
  chapter: number;
  speaker: string;
  text: string;
}

export interface TimedChapter {
  title: string;
  /** Seconds from the start of the audio. */
  start: number;
  end: number;
}

/** `<slug>.json` beside the audio: everything feed.xml and the player are made from. */
export interface EpisodeManifest {
  /** The manifest's shape, stamped when it is written; an older one is migrated when read. */
  version?: number;
  slug: string;
  title: string;
  /** Stable across rebuilds: derived from the source, not the audio bytes. */
  guid: string;
  /** The article file (or files, for an edition) the episode was made from. */
  source: string[];
  language: string;
  description?: string;
  byline?: string;
  url?: string;
  /** ISO 8601: when this episode was first built. */
  published: string;
  speakers: Array<Speaker & { engine: string; voice: string }>;
  durationSeconds: number;
  audio: {
    file: string;
    bytes: number;
    type: "audio/mpeg" | "audio/x-m4a";
    /** What encoded it, e.g. "ffmpeg 5.1.9-0+deb12u1, libmp3lame" (absent in older manifests). */
    encoder?: string;
  };
  /** The episode's own square art beside the audio (a file name), made from the article's lead image. */
  image?: string;
  chapters: TimedChapter[];
  cues: Cue[];
  /** Hash of everything the audio depends on; an equal key means a rebuild has nothing to do. */
  buildKey?: string;
}
