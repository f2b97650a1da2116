/**
 * The source of a minimal WASI (preview1) host whose files live in memory, for running a WASI
 * command such as Flite many times in one instance (see flite-worker.ts). It is a string run
 * inside an engine's child process (with `node -e`), like the worker it is part of.
 *
 * Why not node:wasi: it binds a program's arguments and folders once per instance, so every
 * call needs a fresh instance (17 MB of memory initialised, then collected), and its input and
 * output go through files on disk. Here the caller sets the arguments and the files before each
 * run, and reads the output from memory. Only what a command-line program reading and writing
 * files needs is provided: arguments, a clock, one preopened folder ("."), files in it, and
 * stdout/stderr kept as a short log; everything else answers ENOSYS.
 *
 * `memoryWasi()` returns { imports, bind(memory), reset(args, files), file(name), log }.
 * A program's exit comes back as a thrown WasiExit with its code.
 */
export const WASI_MEMORY_SOURCE = String.raw`
class WasiExit extends Error {
  constructor(code) {
    super("exit " + code);
    this.code = code;
  }
}

function memoryWasi() {
  const ERR = { BADF: 8, INVAL: 28, NOENT: 44, NOSYS: 52, SPIPE: 70 };
  const O_CREAT = 1, O_TRUNC = 8, FDFLAG_APPEND = 1;
  const FILETYPE = { CHARACTER_DEVICE: 2, DIRECTORY: 3, REGULAR_FILE: 4 };
  const LOG_KEEP = 4096;
  const encoder = new TextEncoder();
  let memory;
  let args = [];
  let files = new Map();
  let open = new Map();
  let log = "";
  const view = () => new DataView(memory.buffer);
  const bytes = () => new Uint8Array(memory.buffer);

  /** The iovec list at iovs as [pointer, length] pairs. */
  function iovecs(iovs, count) {
    const v = view();
    const list = [];
    for (let k = 0; k < count; k++) list.push([v.getUint32(iovs + 8 * k, true), v.getUint32(iovs + 8 * k + 4, true)]);
    return list;
  }

  function writeInto(file, at, source) {
    const end = at + source.length;
    if (end > file.data.length) {
      const grown = new Uint8Array(Math.max(end, file.data.length * 2, 4096));
      grown.set(file.data.subarray(0, file.length));
      file.data = grown;
    }
    file.data.set(source, at);
    file.length = Math.max(file.length, end);
    return end;
  }

  const imports = {
    args_sizes_get(countAt, sizeAt) {
      const v = view();
      v.setUint32(countAt, args.length, true);
      v.setUint32(sizeAt, args.reduce((sum, arg) => sum + encoder.encode(arg).length + 1, 0), true);
      return 0;
    },
    args_get(pointersAt, stringsAt) {
      const v = view();
      const b = bytes();
      let at = stringsAt;
      args.forEach((arg, i) => {
        const encoded = encoder.encode(arg);
        v.setUint32(pointersAt + 4 * i, at, true);
        b.set(encoded, at);
        b[at + encoded.length] = 0;
        at += encoded.length + 1;
      });
      return 0;
    },
    clock_time_get(_id, _precision, timeAt) {
      view().setBigUint64(timeAt, process.hrtime.bigint(), true);
      return 0;
    },
    fd_prestat_get(fd, at) {
      if (fd !== 3) return ERR.BADF;
      const v = view();
      v.setUint8(at, 0); // a directory
      v.setUint32(at + 4, 1, true); // named "."
      return 0;
    },
    fd_prestat_dir_name(fd, at, length) {
      if (fd !== 3 || length < 1) return ERR.BADF;
      bytes()[at] = 46;
      return 0;
    },
    fd_fdstat_get(fd, at) {
      const type = fd <= 2 ? FILETYPE.CHARACTER_DEVICE : fd === 3 ? FILETYPE.DIRECTORY : open.has(fd) ? FILETYPE.REGULAR_FILE : 0;
      if (!type) return ERR.BADF;
      const v = view();
      for (let i = 0; i < 24; i++) v.setUint8(at + i, 0);
      v.setUint8(at, type);
      v.setBigUint64(at + 8, 0xffffffffffffffffn, true);
      v.setBigUint64(at + 16, 0xffffffffffffffffn, true);
      return 0;
    },
    fd_fdstat_set_flags: () => 0,
    fd_close(fd) {
      return open.delete(fd) ? 0 : fd <= 3 ? 0 : ERR.BADF;
    },
    path_open(dirFd, _lookup, pathAt, pathLength, oflags, _rights, _inherited, fdflags, fdAt) {
      if (dirFd !== 3) return ERR.BADF;
      const name = Buffer.from(memory.buffer, pathAt, pathLength).toString().replace(/^\.\//, "");
      let file = files.get(name);
      if (!file) {
        if (!(oflags & O_CREAT)) return ERR.NOENT;
        file = { data: new Uint8Array(0), length: 0 };
        files.set(name, file);
      }
      if (oflags & O_TRUNC) file.length = 0;
      let fd = 4;
      while (open.has(fd)) fd++;
      open.set(fd, { file, position: 0, append: (fdflags & FDFLAG_APPEND) !== 0 });
      view().setUint32(fdAt, fd, true);
      return 0;
    },
    fd_read(fd, iovs, count, readAt) {
      const handle = open.get(fd);
      if (!handle && fd !== 0) return ERR.BADF;
      let total = 0;
      if (handle) {
        const b = bytes();
        for (const [at, length] of iovecs(iovs, count)) {
          const take = Math.max(0, Math.min(length, handle.file.length - handle.position));
          b.set(handle.file.data.subarray(handle.position, handle.position + take), at);
          handle.position += take;
          total += take;
          if (take < length) break;
        }
      }
      view().setUint32(readAt, total, true);
      return 0;
    },
    fd_write(fd, iovs, count, writtenAt) {
      const handle = open.get(fd);
      if (!handle && fd !== 1 && fd !== 2) return ERR.BADF;
      let total = 0;
      for (const [at, length] of iovecs(iovs, count)) {
        const chunk = new Uint8Array(memory.buffer, at, length);
        if (!handle) log = (log + Buffer.from(chunk).toString()).slice(-LOG_KEEP);
        else handle.position = writeInto(handle.file, handle.append ? handle.file.length : handle.position, chunk);
        total += length;
      }
      view().setUint32(writtenAt, total, true);
      return 0;
    },
    fd_seek(fd, offset, whence, positionAt) {
      const handle = open.get(fd);
      if (!handle) return fd <= 2 ? ERR.SPIPE : ERR.BADF;
      const base = whence === 0 ? 0 : whence === 1 ? handle.position : handle.file.length;
      const position = base + Number(offset);
      if (position < 0) return ERR.INVAL;
      handle.position = position;
      view().setBigUint64(positionAt, BigInt(position), true);
      return 0;
    },
    proc_exit(code) {
      throw new WasiExit(code);
    },
  };
  // Anything else a program imports is refused, not missing (a missing import fails instantiation).
  const host = new Proxy(imports, { get: (target, name) => target[name] || (() => ERR.NOSYS) });

  return {
    imports: host,
    bind(instanceMemory) {
      memory = instanceMemory;
    },
    /** Before each run: the program's argv and its folder's files (name → bytes). */
    reset(argv, given) {
      args = argv;
      files = new Map();
      for (const [name, data] of Object.entries(given)) files.set(name, { data, length: data.length });
      open = new Map();
      log = "";
    },
    /** A file's bytes after the run, or undefined. */
    file(name) {
      const file = files.get(name);
      return file && Buffer.from(file.data.buffer, file.data.byteOffset, file.length);
    },
    get log() {
      return log;
    },
  };
}
`;
