/**
 * The source of `writableData(bytes)`, run in an engine's child process (see flite-worker.ts):
 * from a WebAssembly module's bytes, the data segments a program may write (all but the linker's
 * ".rodata"), each as { offset, data }, and `end`, where the last segment ends. Resetting those
 * and zeroing memory from `end` on puts an instance's memory back as instantiation left it,
 * without keeping a copy of the read-only data (Flite's voices: 17 MB).
 *
 * Segment names come from the "name" section; a module without them gets every segment back,
 * so nothing read-only is assumed that the module does not say.
 */
export const WASM_SEGMENTS_SOURCE = `
function writableData(bytes) {
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
  const segments = [];
  const names = new Map();
  while (at < bytes.length) {
    const id = bytes[at++];
    const size = uleb();
    const start = at;
    if (id === 11) {
      const count = uleb();
      for (let i = 0; i < count; i++) {
        const flags = uleb();
        if (flags !== 0 || bytes[at++] !== 0x41) throw new Error("data segment " + i + " is not placed at a constant");
        const offset = sleb32();
        if (bytes[at++] !== 0x0b) throw new Error("data segment " + i + " has an unexpected offset expression");
        const length = uleb();
        segments.push({ index: i, offset, data: bytes.subarray(at, at + length) });
        at += length;
      }
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
    }
    at = start + size;
  }
  const end = segments.reduce((max, s) => Math.max(max, s.offset + s.data.length), 0);
  const writable = segments
    .filter((s) => names.get(s.index) !== ".rodata")
    .map((s) => ({ offset: s.offset, data: Uint8Array.from(s.data) }));
  return { writable, end };
}
`;
