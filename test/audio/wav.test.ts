import { describe, expect, it } from "vitest";
import { parsePcm16, parseWav, writeWav } from "../../src/audio/wav.js";
import { WorkError } from "../../src/errors.js";

function header(
  format: number,
  channels: number,
  rate: number,
  bits: number,
  dataBytes: number,
  extensible = false,
) {
  const fmtSize = extensible ? 40 : 16;
  const out = Buffer.alloc(20 + fmtSize + 8);
  out.write("RIFF", 0, "ascii");
  out.writeUInt32LE(Math.min(0xffffffff, 12 + fmtSize + dataBytes), 4);
  out.write("WAVEfmt ", 8, "ascii");
  out.writeUInt32LE(fmtSize, 16);
  out.writeUInt16LE(extensible ? 0xfffe : format, 20);
  out.writeUInt16LE(channels, 22);
  out.writeUInt32LE(rate, 24);
  out.writeUInt32LE((rate * channels * bits) / 8, 28);
  out.writeUInt16LE((channels * bits) / 8, 32);
  out.writeUInt16LE(bits, 34);
  if (extensible) {
    out.writeUInt16LE(22, 36);
    out.writeUInt16LE(format, 44);
  }
  out.write("data", 20 + fmtSize, "ascii");
  out.writeUInt32LE(dataBytes, 24 + fmtSize);
  return out;
}

describe("wav", () => {
  it("round-trips mono PCM16", () => {
    const samples = Int16Array.from([0, 1, -1, 32767, -32768, 1234]);
    const wav = writeWav({ sampleRate: 22050, samples });
    expect(wav.length).toBe(44 + 12);
    expect(parseWav(wav)).toEqual({ sampleRate: 22050, samples });
  });

  it("averages stereo, reads float32 and extensible headers, skips unknown chunks", () => {
    const stereo = Buffer.alloc(8);
    stereo.writeInt16LE(100, 0);
    stereo.writeInt16LE(300, 2);
    stereo.writeInt16LE(-100, 4);
    stereo.writeInt16LE(-300, 6);
    const list = Buffer.from("LIST\x04\x00\x00\x00abcd", "latin1");
    const withList = Buffer.concat([
      header(1, 2, 8000, 16, 8).subarray(0, 36),
      list,
      header(1, 2, 8000, 16, 8).subarray(36),
      stereo,
    ]);
    expect(Array.from(parseWav(withList).samples)).toEqual([200, -200]);

    const float = Buffer.alloc(8);
    float.writeFloatLE(0.5, 0);
    float.writeFloatLE(-2, 4);
    const floatWav = Buffer.concat([header(3, 1, 32000, 32, 8, true), float]);
    expect(parseWav(floatWav)).toEqual({ sampleRate: 32000, samples: Int16Array.from([16384, -32767]) });
  });

  it("reads a streamed WAV whose data size is 0xFFFFFFFF to the end of the file", () => {
    const data = Buffer.alloc(6);
    data.writeInt16LE(7, 0);
    data.writeInt16LE(8, 2);
    data.writeInt16LE(9, 4);
    expect(Array.from(parseWav(Buffer.concat([header(1, 1, 24000, 16, 0xffffffff), data])).samples)).toEqual([
      7, 8, 9,
    ]);
    expect(Array.from(parsePcm16(data, 24000).samples)).toEqual([7, 8, 9]);
  });

  it("refuses what is not a PCM WAV, naming the source", () => {
    expect(() => parseWav(Buffer.from("ID3 not a wav at all"), "flite voice rms")).toThrow(
      new WorkError("flite voice rms is not a WAV file (no RIFF/WAVE header); expected PCM WAV audio."),
    );
    expect(() => parseWav(Buffer.concat([header(1, 1, 8000, 24, 3), Buffer.alloc(3)]))).toThrow(
      /24-bit format 1/,
    );
  });
});
