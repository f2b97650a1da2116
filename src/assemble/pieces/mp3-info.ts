/**
 * The Xing/Info frame that LAME and ffmpeg put first in an MP3: frame and byte counts, a seek
 * table, and the LAME extension with the encoder delay and end padding that gapless players
 * trim. presscast encodes an episode in pieces and joins their frames; the joined file gets one
 * Info frame describing the whole, written here exactly as ffmpeg's mp3 muxer writes it
 * (same fields, same CRCs), so every reader sees one ordinary CBR MP3.
 */
import { WorkError } from "../../errors.js";

/** Samples in one MPEG-1 Layer III frame. */
export const FRAME_SAMPLES = 1152;

const BITRATES = [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const RATES = [44100, 48000, 32000];
const TOC_SIZE = 100;
/** The LAME tag's CRC covers the frame's first 190 bytes (with the CRC field itself zeroed). */
const TAG_CRC_SPAN = 190;

export interface InfoFrame {
  /** The whole first frame, as found. */
  bytes: Buffer;
  /** Audio frames after it. */
  frames: number;
  /** LAME encoder delay, samples. */
  delay: number;
  /** Samples of padding after the last real sample. */
  padding: number;
  /** Byte count the frame claims for the whole stream (itself included). */
  streamBytes: number;
}

/** Offsets inside the Info frame; they depend only on the channel count (MPEG-1). */
function layout(header: number) {
  const mono = ((header >>> 6) & 3) === 3;
  const xing = 4 + (mono ? 17 : 32);
  const lame = xing + 4 + 4 + 4 + 4 + TOC_SIZE + 4;
  return {
    xing,
    frames: xing + 8,
    bytes: xing + 12,
    toc: xing + 16,
    delayPadding: lame + 21,
    musicLength: lame + 28,
    musicCrc: lame + 32,
    tagCrc: lame + 34,
  };
}

/** Bytes of the MPEG-1 Layer III frame that starts with this header, or 0 if it is not one. */
export function frameBytes(header: number): number {
  if (header >>> 21 !== 0x7ff || ((header >>> 19) & 3) !== 3 || ((header >>> 17) & 3) !== 1) return 0;
  const bitrate = BITRATES[(header >>> 12) & 15] ?? 0;
  const rate = RATES[(header >>> 10) & 3] ?? 0;
  if (!bitrate || !rate) return 0;
  return Math.floor((144 * bitrate * 1000) / rate) + ((header >>> 9) & 1);
}

/** Reads the Info frame at the start of `head` (an MP3 file's first bytes); `what` names it in errors. */
export function readInfoFrame(head: Buffer, what: string): InfoFrame {
  const bad = (why: string) => new WorkError(`${what} is not an MP3 that presscast can join (${why}).`);
  if (head.length < 4) throw bad("too short");
  const header = head.readUInt32BE(0);
  const size = frameBytes(header);
  if (!size) throw bad("no MPEG-1 Layer III frame at its start");
  if (head.length < size) throw bad("its first frame is cut short");
  const at = layout(header);
  const tag = head.toString("latin1", at.xing, at.xing + 4);
  if (tag !== "Info" && tag !== "Xing") throw bad("no Info frame");
  const packed = head.readUIntBE(at.delayPadding, 3);
  return {
    bytes: Buffer.from(head.subarray(0, size)),
    frames: head.readUInt32BE(at.frames),
    streamBytes: head.readUInt32BE(at.bytes),
    delay: packed >>> 12,
    padding: packed & 0xfff,
  };
}

/** CRC-16/ARC, the checksum of the LAME tag; `crc` continues an earlier run. */
export function crc16(bytes: Uint8Array, crc = 0): number {
  let c = crc;
  // A byte at a time from a table of the eight bit steps: the whole episode's audio goes through here.
  for (let i = 0; i < bytes.length; i++)
    c = (c >>> 8) ^ (CRC16_TABLE[(c ^ (bytes[i] as number)) & 0xff] as number);
  return c;
}

/** The reflected CRC-16 (0xA001) of each byte value, as eight bit steps would make it. */
const CRC16_TABLE = Uint16Array.from({ length: 256 }, (_, byte) => {
  let c = byte;
  for (let bit = 0; bit < 8; bit++) c = c & 1 ? (c >>> 1) ^ 0xa001 : c >>> 1;
  return c;
});

/**
 * An Info frame for a stream of `frames` audio frames and `audioBytes` bytes after the Info
 * frame, made from one piece's frame (same bit rate, encoder and delay). Constant bit rate, so
 * the seek table is linear in bytes.
 */
export function joinedInfoFrame(
  template: InfoFrame,
  totals: { frames: number; audioBytes: number; padding: number; musicCrc: number },
): Buffer {
  const out = Buffer.from(template.bytes);
  const at = layout(out.readUInt32BE(0));
  const streamBytes = out.length + totals.audioBytes;
  out.write("Info", at.xing, "latin1");
  out.writeUInt32BE(totals.frames, at.frames);
  out.writeUInt32BE(streamBytes, at.bytes);
  for (let i = 0; i < TOC_SIZE; i++) {
    const offset = out.length + Math.floor((i * totals.audioBytes) / TOC_SIZE);
    out[at.toc + i] = i === 0 ? 0 : Math.min(255, Math.floor((256 * offset) / streamBytes));
  }
  out.writeUIntBE((template.delay << 12) | (totals.padding & 0xfff), at.delayPadding, 3);
  out.writeUInt32BE(streamBytes, at.musicLength);
  out.writeUInt16BE(totals.musicCrc, at.musicCrc);
  out.writeUInt16BE(0, at.tagCrc);
  out.writeUInt16BE(crc16(out.subarray(0, TAG_CRC_SPAN)), at.tagCrc);
  return out;
}
