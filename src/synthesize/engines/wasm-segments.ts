/**
 * The source of `splitModule(bytes)`, run in an engine's child process (see flite-worker.ts). It
 * takes a WebAssembly module apart into what V8 needs to keep and what it does not:
 *
 * - `code`: the module without its custom sections (debug info, names) and with every data
 *   segment emptied. V8 keeps a compiled module's bytes for as long as the module lives; Flite's
 *   are 21 MB, of which 17 MB are its voices' data and 4 MB debug info, so this saves ~21 MB in
 *   every engine process.
 * - `segments`: where each data segment goes in memory, its length, and whether it is the
 *   linker's read-only ".rodata" (from the name section; without names nothing is read-only).
 * - `end`: where the last segment ends.
 *
 * An instance of `code` gets its data copied in by the worker (from the file, read again only
 * then); between calls, copying the writable segments back and zeroing memory from `end` on puts
 * it back as instantiation left it.
 */
export const WASM_SEGMENTS_SOURCE = `
function splitModule(bytes) {
  let at = 8;
  const uleb = () => {
    let value = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[at++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return value;
  };
  const sleb32 = () => {
    let value = 0;
    let shift = 0;
    let byte;
    do {
      byte = bytes[at++];
      value |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    return shift < 32 && byte & 0x40 ? value | (-1 << shift) : value;
  };
  const encode = (value) => {
    const out = [];
    do {
      let byte = value % 128;
      value = Math.floor(value / 128);
      if (value > 0) byte |= 0x80;
      out.push(byte);
    } while (value > 0);
    return out;
  };
  const encodeSigned = (value) => {
    const out = [];
    for (;;) {
      const byte = value & 0x7f;
      value >>= 7;
      if ((value === 0 && !(byte & 0x40)) || (value === -1 && byte & 0x40)) {
        out.push(byte);
        return out;
      }
      out.push(byte | 0x80);
    }
  };
  const kept = [bytes.subarray(0, 8)];
  const segments = [];
  const names = new Map();
  while (at < bytes.length) {
    const sectionStart = at;
    const id = bytes[at++];
    const size = uleb();
    const start = at;
    if (id === 11) {
      const count = uleb();
      const body = encode(count);
      for (let i = 0; i < count; i++) {
        const flags = uleb();
        if (flags !== 0 || bytes[at++] !== 0x41) throw new Error("data segment " + i + " is not placed at a constant");
        const offset = sleb32();
        if (bytes[at++] !== 0x0b) throw new Error("data segment " + i + " has an unexpected offset expression");
        const length = uleb();
        segments.push({ index: i, offset, length, start: at });
        at += length;
        body.push(0, 0x41, ...encodeSigned(offset), 0x0b, 0);
      }
      kept.push(Uint8Array.from([11, ...encode(body.length), ...body]));
    } else if (id === 0) {
      const nameLength = uleb();
      const name = Buffer.from(bytes.subarray(at, at + nameLength)).toString("latin1");
      at += nameLength;
      while (name === "name" && at < start + size) {
        const kind = bytes[at++];
        const length = uleb();
        const next = at + length;
        if (kind === 9) {
          const count = uleb();
          for (let i = 0; i < count; i++) {
            const index = uleb();
            const textLength = uleb();
            names.set(index, Buffer.from(bytes.subarray(at, at + textLength)).toString("latin1"));
            at += textLength;
          }
        }
        at = next;
      }
    } else {
      kept.push(bytes.subarray(sectionStart, start + size));
    }
    at = start + size;
  }
  const code = new Uint8Array(kept.reduce((sum, part) => sum + part.length, 0));
  let position = 0;
  for (const part of kept) {
    code.set(part, position);
    position += part.length;
  }
  return {
    code,
    segments: segments.map((s) => ({ ...s, readOnly: names.get(s.index) === ".rodata" })),
    end: segments.reduce((max, s) => Math.max(max, s.offset + s.length), 0),
  };
}
`;
