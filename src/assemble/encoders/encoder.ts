/**
 * The one interface every output format's encoder meets, so assemble has no branch per format:
 * add a format by writing an Encoder and listing it in ./index.ts.
 */
import type { FfmpegRunner } from "../../audio/ffmpeg.js";
import type { Clip } from "../../types.js";
import type { Timeline } from "../concat.js";
import type { EpisodeTags } from "../id3.js";
import type { EpisodeTimes } from "../timeline.js";

export interface EncodeJob {
  clips: Clip[];
  timeline: Timeline;
  /** Chapter and cue times in the joined PCM. */
  times: EpisodeTimes;
  /** Samples [start, stop) of the joined episode, as raw s16le PCM at `rate` (see concat.ts). */
  pcm(start: number, stop: number): AsyncIterable<Buffer>;
  rate: number;
  /** The loudness filter chain for ffmpeg's -af. */
  filter: string;
  /** kbps. */
  bitrate: number;
  /** Where to write the finished file (a temporary name beside the published path). */
  out: string;
  /** The published path, for error messages. */
  name: string;
  tags: EpisodeTags;
  cover?: string;
  /** A folder for this build's scratch files. */
  workDir: string;
  /** Where reusable encoded pieces are kept between builds, for encoders that have them. */
  pieceDir?: string;
  ffmpeg: FfmpegRunner;
}

export interface Encoded {
  /** The chapter and cue times as they are in the encoded file. */
  times: EpisodeTimes;
  /** Pieces in the file and how many were encoded now (the rest were reused). */
  pieces?: { total: number; encoded: number };
}

export interface Encoder {
  format: string;
  /** True when the codec loses loudness that the normalisation should make up for. */
  makeUpGain: boolean;
  encode(job: EncodeJob): Promise<Encoded>;
}
