/**
 * The MP3 encoder: CBR LAME, encoded in pieces (../pieces/) so a rebuild re-encodes only the
 * stretch of audio that changed, then joined behind one ID3v2.3 tag with the chapters.
 */
import { enterPhase } from "../../phases.js";
import { buildId3Tag } from "../id3.js";
import { encodePieces, joinPieces, retime, splitPieces } from "../pieces/pieces.js";
import type { Encoder } from "./encoder.js";

export const mp3Encoder: Encoder = {
  format: "mp3",
  makeUpGain: true,
  async encode(job) {
    const split = splitPieces(job.clips, job.timeline);
    const encoded = await encodePieces(job.clips, job.timeline, split, {
      pcm: job.pcm,
      rate: job.rate,
      filter: job.filter,
      bitrate: job.bitrate,
      dir: job.pieceDir ?? job.workDir,
      ffmpeg: job.ffmpeg,
    });
    const times = retime(job.times, job.timeline, encoded);
    enterPhase("tag");
    const tag = await buildId3Tag(job.tags, times.chapters, job.cover);
    await joinPieces(job.out, tag, encoded);
    return {
      times,
      pieces: { total: encoded.length, encoded: encoded.filter((piece) => !piece.cached).length },
    };
  },
};
