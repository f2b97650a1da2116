/**
 * An MP3 episode is encoded in pieces: runs of whole clips, cut at every chapter and at content-
 * chosen clips in between, each with an encoder of its own (runs of them share one ffmpeg
 * process, several processes at once), and kept in a cache keyed by what went in. A rebuild
 * after a one-sentence edit re-encodes only the piece holding that sentence; a cold build
 * encodes on every core instead of one.
 *
 * The pieces are joined frame by frame. LAME starts every piece with an empty bit reservoir, so
 * its frames never reach back into the piece before; each piece keeps its own encoder delay and
 * end padding (26–52 ms of silence, always inside a pause, which is cut that much shorter), and
 * the times of everything after a join move by the difference, which `retime` accounts for from
 * the frame counts.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, readFile, rename, rm, utimes } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { basename, join } from "node:path";
import { Readable } from "node:stream";
import { tempPathFor } from "../../atomic.js";
import type { FfmpegRunner } from "../../audio/ffmpeg.js";
import { WorkError } from "../../errors.js";
import { seal, unseal } from "../../sealed.js";
import type { Clip, Cue, TimedChapter } from "../../types.js";
import type { Timeline } from "../concat.js";
import { OUTPUT_RATE, rawInput } from "../loudness.js";
import { MP3_QUALITY, mp3OutputArgs } from "./lame.js";
import { crc16, FRAME_SAMPLES, type InfoFrame, joinedInfoFrame, readInfoFrame } from "./mp3-info.js";

/** A piece is at least this long before a content-chosen cut may end it… */
const MIN_SECONDS = 20;
/** …and is cut at the next clip once this long, whatever the content. */
const MAX_SECONDS = 240;
/** Bumped when the way pieces are encoded changes, so old cached pieces are not reused. */
const PIECE_VERSION = 3;
/** Output samples a piece is kept short of a frame boundary by, in case the resampler rounds up. */
const RESAMPLER_SLACK = 16;

export interface Piece {
  /** Clip indices [first, end). */
  first: number;
  end: number;
  /** Samples of the joined PCM (working rate) [start, stop). */
  start: number;
  stop: number;
}

export interface EncodedPiece extends Piece {
  file: string;
  info: InfoFrame;
  /** Bytes of audio frames after the piece's own Info frame. */
  audioBytes: number;
  cached: boolean;
}

/**
 * Cuts the episode into pieces. A new piece starts at each chapter's first clip, and after a
 * clip whose identity (its cache file name) hashes to a cut once the piece has MIN_SECONDS: cuts
 * depend on the clips around them, not on positions, so an edit moves at most the cuts next to it.
 */
export function splitPieces(clips: Clip[], tl: Timeline): Piece[] {
  const pieces: Piece[] = [];
  let first = 0;
  const close = (end: number) => {
    if (end <= first) return;
    // The first piece holds the silence the episode opens with.
    const start = first === 0 ? 0 : (tl.starts[first] ?? 0);
    let stop = tl.starts[end] ?? tl.totalSamples;
    if (end < clips.length) {
      const lastEnds = (tl.starts[end - 1] ?? 0) + (tl.lengths[end - 1] ?? 0);
      stop -= Math.min(joinAllowance(stop - start, tl.rate), stop - lastEnds);
    }
    pieces.push({ first, end, start, stop });
    first = end;
  };
  for (let i = 1; i <= clips.length; i++) {
    if (i === clips.length) {
      close(i);
      break;
    }
    const seconds = ((tl.starts[i] ?? 0) - (tl.starts[first] ?? 0)) / tl.rate;
    const chapterStarts = clips[i]?.utterance.chapter !== clips[i - 1]?.utterance.chapter;
    const chosen = seconds >= MIN_SECONDS && cutAfter(clips[i - 1] as Clip);
    if (chapterStarts || chosen || seconds >= MAX_SECONDS) close(i);
  }
  return pieces;
}

/**
 * Samples (at `rate`) to leave off the end of a piece's trailing pause. At a join the decoder plays
 * the piece's end padding and the next piece's encoder delay as silence: 1152–2303 samples at
 * 44.1 kHz. A piece of (F - 1) frames' worth of samples (less a little, for the resampler's
 * rounding) is padded by exactly 576, so with the delay it lasts F frames, the nearest whole
 * number of frames to its uncut length: the pause at the join is then within ±13 ms of its length.
 */
function joinAllowance(samples: number, rate: number): number {
  const outSamples = (samples * OUTPUT_RATE) / rate;
  const frames = Math.round(outSamples / FRAME_SAMPLES);
  const target = (frames - 1) * FRAME_SAMPLES - RESAMPLER_SLACK;
  return Math.max(0, Math.ceil(((outSamples - target) * rate) / OUTPUT_RATE));
}

/** One clip in four ends a piece (once the piece is long enough), by its content hash. */
function cutAfter(clip: Clip): boolean {
  return createHash("sha256").update(basename(clip.file)).digest().readUInt8(0) % 4 === 0;
}

export interface EncodePiecesOptions {
  /** Samples [start, stop) of the joined PCM, s16le. */
  pcm(start: number, stop: number): AsyncIterable<Buffer>;
  rate: number;
  /** The encode pass's filter chain (resampling, limiter, gain). */
  filter: string;
  bitrate: number;
  /** Where encoded pieces are kept between builds; the work folder when there is no cache. */
  dir: string;
  ffmpeg: FfmpegRunner;
  /** ffmpeg encodes at once. default: os.availableParallelism() */
  concurrency?: number;
}

/**
 * Pieces one ffmpeg encodes at most. Each process costs a start-up (about 0.06 s of CPU for a
 * dynamically linked ffmpeg, more than encoding a short piece), so missing pieces are encoded a
 * batch per process; a cap keeps a book's batches to a bounded number of open encoders.
 */
const PIECES_PER_PROCESS = 24;

/** Encodes every piece not already in `opts.dir`, several processes at once; pieces come back in order. */
export async function encodePieces(
  clips: Clip[],
  tl: Timeline,
  pieces: Piece[],
  opts: EncodePiecesOptions,
): Promise<EncodedPiece[]> {
  // The keys name the encoder's version: asked once, without blocking.
  await opts.ffmpeg.prepare();
  const out: EncodedPiece[] = new Array(pieces.length);
  const missing: Array<{ index: number; file: string }> = [];
  for (const [index, piece] of pieces.entries()) {
    const file = join(opts.dir, `${pieceKey(clips, tl, piece, opts)}.mp3`);
    const cached = await readPiece(file);
    if (cached) out[index] = { ...piece, file, ...cached, cached: true };
    else missing.push({ index, file });
  }
  const lanes = Math.max(1, opts.concurrency ?? availableParallelism());
  const batches = batchesOf(missing, pieces, lanes);
  let next = 0;
  let failed = false;
  const lane = async () => {
    while (next < batches.length && !failed) {
      const batch = batches[next++] as typeof missing;
      try {
        const made = await encodeBatch(
          batch.map(({ index, file }) => ({ piece: pieces[index] as Piece, file })),
          opts,
        );
        for (const [k, { index }] of batch.entries()) out[index] = made[k] as EncodedPiece;
      } catch (error) {
        failed = true; // the other lanes finish their current batch and take no more
        throw error;
      }
    }
  };
  // Every lane ends before this returns or throws: no ffmpeg is left writing after a failure.
  const settled = await Promise.allSettled(Array.from({ length: Math.min(lanes, batches.length) }, lane));
  const failure = settled.find((result) => result.status === "rejected");
  if (failure) throw failure.reason;
  return out;
}

/**
 * The missing pieces cut into runs for one process each, in order: at least one run per lane
 * (so every core encodes), each of about the same length of audio, none of more than
 * PIECES_PER_PROCESS pieces.
 */
function batchesOf<T extends { index: number }>(missing: T[], pieces: Piece[], lanes: number): T[][] {
  if (missing.length === 0) return [];
  const count = Math.min(missing.length, Math.max(lanes, Math.ceil(missing.length / PIECES_PER_PROCESS)));
  const length = (m: T) => {
    const piece = pieces[m.index] as Piece;
    return piece.stop - piece.start;
  };
  const total = missing.reduce((sum, m) => sum + length(m), 0);
  const batches: T[][] = [];
  let batch: T[] = [];
  let done = 0;
  for (const [k, m] of missing.entries()) {
    batch.push(m);
    done += length(m);
    const left = missing.length - k - 1;
    const wanted = count - batches.length - 1; // runs still to open after this one
    const full = batch.length >= PIECES_PER_PROCESS || done >= (total * (batches.length + 1)) / count;
    if (left > 0 && (full || left <= wanted)) {
      batches.push(batch);
      batch = [];
    }
  }
  if (batch.length) batches.push(batch);
  return batches;
}

/**
 * Encodes a run of pieces with one ffmpeg: their PCM goes in one after the other, and each
 * piece is cut back out of it (atrim, counted in samples) into an encoder and a file of its own,
 * so a piece's bytes are the same as when it is encoded alone. Each file is checked, sealed and
 * renamed into place only once ffmpeg has finished them all.
 */
async function encodeBatch(
  batch: Array<{ piece: Piece; file: string }>,
  opts: EncodePiecesOptions,
): Promise<EncodedPiece[]> {
  const temps = batch.map(({ file }) => tempPathFor(file));
  const first = (batch[0] as { piece: Piece }).piece;
  const last = (batch[batch.length - 1] as { piece: Piece }).piece;
  const what = `encoding seconds ${(first.start / opts.rate).toFixed(1)}–${(last.stop / opts.rate).toFixed(1)} of the episode`;
  try {
    await mkdir(opts.dir, { recursive: true });
    const graph: string[] = [`[0:a]asplit=${batch.length}${batch.map((_, k) => `[in${k}]`).join("")}`];
    const outputs: string[] = [];
    let at = 0;
    for (const [k, { piece }] of batch.entries()) {
      const samples = piece.stop - piece.start;
      graph.push(
        `[in${k}]atrim=start_sample=${at}:end_sample=${at + samples},asetpts=PTS-STARTPTS,${opts.filter}[out${k}]`,
      );
      outputs.push("-map", `[out${k}]`, ...mp3OutputArgs(opts.bitrate), temps[k] as string);
      at += samples;
    }
    const pcm = opts.pcm;
    async function* all(): AsyncGenerator<Buffer> {
      for (const { piece } of batch) yield* pcm(piece.start, piece.stop);
    }
    const stdin = Readable.from(all(), { objectMode: false });
    const args = ["-y", ...rawInput("pipe:0", opts.rate), "-filter_complex", graph.join(";"), ...outputs];
    await opts.ffmpeg.run(args, { what, stdin });
    const made: EncodedPiece[] = [];
    for (const [k, { piece, file }] of batch.entries()) {
      const temp = temps[k] as string;
      // Only a whole piece is sealed into the cache: its Info frame must count every byte written.
      const facts = pieceFacts(await readFile(temp), file);
      if (!facts) throw new WorkError(`ffmpeg wrote an incomplete MP3 while ${what}; is the disk full?`);
      await seal(temp);
      await rename(temp, file);
      made.push({ ...piece, file, ...facts, cached: false });
    }
    return made;
  } finally {
    await Promise.all(temps.map((temp) => rm(temp, { force: true })));
  }
}

/** Everything that decides a piece's bytes: its clips and pauses, the filter, the encoder settings. */
function pieceKey(clips: Clip[], tl: Timeline, piece: Piece, opts: EncodePiecesOptions): string {
  const parts: Array<[string, number, number]> = [];
  for (let i = piece.first; i < piece.end; i++) {
    const start = tl.starts[i] ?? 0;
    const next = i + 1 < piece.end ? (tl.starts[i + 1] ?? 0) : piece.stop;
    parts.push([basename((clips[i] as Clip).file), tl.lengths[i] ?? 0, next - start]);
  }
  const identity = {
    v: PIECE_VERSION,
    // The encoder's version, not where it is installed: workers on other machines, with the same
    // ffmpeg at another path, share the pieces they encode.
    ffmpeg: opts.ffmpeg.version === "unknown" ? opts.ffmpeg.path : opts.ffmpeg.version,
    rate: opts.rate,
    filter: opts.filter,
    bitrate: opts.bitrate,
    quality: MP3_QUALITY,
    before: (tl.starts[piece.first] ?? 0) - piece.start,
    parts,
  };
  return createHash("sha256").update(JSON.stringify(identity)).digest("hex");
}

/** An MP3 piece's Info frame and audio size when the bytes are exactly what the frame counts. */
function pieceFacts(bytes: Buffer, file: string): { info: InfoFrame; audioBytes: number } | undefined {
  try {
    const info = readInfoFrame(bytes.subarray(0, 2048), file);
    if (info.streamBytes !== bytes.length) return undefined;
    return { info, audioBytes: bytes.length - info.bytes.length };
  } catch {
    return undefined;
  }
}

/**
 * A usable encoded piece at `file`: its checksum holds and its Info frame counts its bytes; else
 * undefined (a damaged piece is deleted and encoded again). A hit's time is renewed for pruning.
 */
async function readPiece(file: string): Promise<{ info: InfoFrame; audioBytes: number } | undefined> {
  const bytes = await unseal(file);
  const facts = bytes ? pieceFacts(bytes, file) : undefined;
  if (facts) {
    const now = new Date();
    await utimes(file, now, now).catch(() => {});
  }
  return facts;
}

/** Where each piece's first sample lands in the joined MP3, in seconds, and the total length. */
function pieceOffsets(pieces: EncodedPiece[]): { starts: number[]; duration: number } {
  const starts: number[] = [];
  let frames = 0;
  for (const piece of pieces) {
    starts.push((frames * FRAME_SAMPLES) / OUTPUT_RATE);
    frames += piece.info.frames;
  }
  const last = pieces[pieces.length - 1];
  const tail = last ? last.info.delay + last.info.padding : 0;
  return { starts, duration: (frames * FRAME_SAMPLES - tail) / OUTPUT_RATE };
}

/**
 * Moves chapter and cue times from the joined PCM's clock to the joined MP3's: a time inside
 * piece k moves by where piece k starts in the MP3 minus where it started in the PCM.
 */
export function retime(
  times: { durationSeconds: number; chapters: TimedChapter[]; cues: Cue[] },
  tl: Timeline,
  pieces: EncodedPiece[],
): { durationSeconds: number; chapters: TimedChapter[]; cues: Cue[] } {
  const { starts, duration } = pieceOffsets(pieces);
  const shifts = pieces.map((piece, k) => (starts[k] ?? 0) - piece.start / tl.rate);
  const bounds = pieces.map((piece) => piece.start / tl.rate);
  /** The piece a moment belongs to; a moment on a cut belongs to the piece that starts there. */
  const shift = (seconds: number, ending = false) => {
    let k = 0;
    while (
      k + 1 < bounds.length &&
      (ending ? seconds > (bounds[k + 1] ?? 0) : seconds >= (bounds[k + 1] ?? 0))
    )
      k++;
    return seconds + (shifts[k] ?? 0);
  };
  const chapters = times.chapters.map((chapter, k, all) => {
    const start = shift(chapter.start);
    return {
      ...chapter,
      start,
      end: k + 1 < all.length ? shift((all[k + 1] as TimedChapter).start) : duration,
    };
  });
  const cues = times.cues.map((cue) => ({ ...cue, start: shift(cue.start), end: shift(cue.end, true) }));
  return { durationSeconds: duration, chapters, cues };
}

/**
 * Writes `tag`, one Info frame for the whole stream, then every piece's audio frames, to `file`.
 * The Info frame carries a checksum of all the audio, so it is written last, into the room
 * left for it.
 */
export async function joinPieces(file: string, tag: Buffer, pieces: EncodedPiece[]): Promise<void> {
  const first = pieces[0];
  if (!first) throw new Error("no pieces to join");
  const out = await open(file, "w");
  try {
    await out.write(tag, 0, tag.length, 0);
    const infoAt = tag.length;
    let position = infoAt + first.info.bytes.length;
    let musicCrc = 0;
    let frames = 0;
    for (const piece of pieces) {
      const start = piece.info.bytes.length;
      // The piece's own Info frame and its checksum trailer stay out; only its audio frames go in.
      const stream = createReadStream(piece.file, { start, end: start + piece.audioBytes - 1 });
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        musicCrc = crc16(chunk, musicCrc);
        await out.write(chunk, 0, chunk.length, position);
        position += chunk.length;
      }
      frames += piece.info.frames;
    }
    const audioBytes = position - infoAt - first.info.bytes.length;
    const last = pieces[pieces.length - 1] as EncodedPiece;
    const info = joinedInfoFrame(first.info, { frames, audioBytes, padding: last.info.padding, musicCrc });
    await out.write(info, 0, info.length, infoAt);
  } finally {
    await out.close();
  }
}
