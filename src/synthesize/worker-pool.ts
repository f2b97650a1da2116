/**
 * A small pool of child processes, one WASM engine instance each, so synthesis uses every core
 * (a single WASM instance runs on one). Processes, not threads: a WASI program or the V8 heap
 * under it can abort (SIGABRT), and an abort in a worker thread takes the whole of presscast
 * down with it, while a child process dies alone; its request fails with EngineCrashError and a
 * fresh process takes the next one. Children are spawned on demand, kept for reuse, and unref'd
 * while idle so an unclosed pool never keeps the process alive.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { EngineCrashError, InputError, WorkError } from "../errors.js";
import { chargeChildren } from "../phases.js";

/** What a child's script posts back for each request. */
export type WorkerReply<Result> =
  | { ok: true; result: Result }
  | { ok: false; error: string; input?: boolean; crashed?: boolean };

export interface PoolOptions {
  /** Engine name, for error messages. */
  name: string;
  /**
   * CommonJS source run by each child with `node -e`, so it works from src/ and dist/ alike. It
   * sees `parentPort` (on("message"), postMessage) and `workerData` as globals.
   */
  source: string;
  /** Plain JSON data handed to every child as `workerData`. */
  workerData?: unknown;
  /** Most children alive at once. */
  size: number;
}

export interface WorkerPool<Request, Result> {
  run(request: Request, signal?: AbortSignal): Promise<Result>;
  /** Starts one process now, when none runs yet, so the first request does not wait for it to start. */
  warm(): void;
  close(): Promise<void>;
}

interface Task {
  request: unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  signal?: AbortSignal;
  abort(): void;
}

/**
 * Gives the child the same two names a worker thread has, and ends it when presscast goes
 * (a parent killed with SIGKILL closes the IPC channel; the child must not outlive it).
 */
const PRELUDE = `
const parentPort = {
  on: (event, listener) => process.on(event, listener),
  postMessage: (message) => process.send(message),
};
const workerData = JSON.parse(process.env.PRESSCAST_WORKER_DATA || "null");
process.on("disconnect", () => process.exit(0));
`;

/** Starts no process until the first request. */
export function createWorkerPool<Request, Result>(options: PoolOptions): WorkerPool<Request, Result> {
  const idle: ChildProcess[] = [];
  const busy = new Map<ChildProcess, Task>();
  const queue: Task[] = [];
  const all = new Set<ChildProcess>();
  let closed = false;

  function spawnChild(): ChildProcess {
    const child = spawn(process.execPath, ["-e", `${PRELUDE}\n${options.source}`], {
      stdio: ["ignore", "ignore", "ignore", "ipc"],
      serialization: "advanced",
      env: engineEnv(options.workerData),
    });
    all.add(child);
    child.on("message", (reply: WorkerReply<Result>) => {
      const task = busy.get(child);
      busy.delete(child);
      rest(child);
      idle.push(child);
      if (task) settle(task, reply);
      pump();
    });
    child.on("error", (error) => gone(child, `its process could not run: ${error.message}`));
    child.on("exit", (code, signal) => {
      chargeChildren("synthesize");
      gone(child, signal ? `its process was killed by ${signal}` : `its process exited with code ${code}`);
    });
    return child;
  }

  /** An idle child must not keep presscast alive. */
  function rest(child: ChildProcess): void {
    child.unref();
    (child.channel as { unref?: () => void } | undefined)?.unref?.();
  }

  function work(child: ChildProcess): void {
    child.ref();
    (child.channel as { ref?: () => void } | undefined)?.ref?.();
  }

  function gone(child: ChildProcess, why: string): void {
    if (!all.has(child)) return;
    const task = busy.get(child);
    busy.delete(child);
    all.delete(child);
    const at = idle.indexOf(child);
    if (at >= 0) idle.splice(at, 1);
    if (task) {
      task.signal?.removeEventListener("abort", task.abort);
      task.reject(new EngineCrashError(`The ${options.name} engine crashed: ${why}.`));
    }
    if (!closed) pump();
  }

  function settle(task: Task, reply: WorkerReply<Result>): void {
    task.signal?.removeEventListener("abort", task.abort);
    if (reply.ok) task.resolve(reply.result);
    else if (reply.crashed) task.reject(new EngineCrashError(reply.error));
    else task.reject(reply.input ? new InputError(reply.error) : new WorkError(reply.error));
  }

  function abort(task: Task): void {
    const queued = queue.indexOf(task);
    if (queued >= 0) queue.splice(queued, 1);
    for (const [child, running] of busy) {
      if (running !== task) continue;
      busy.delete(child);
      all.delete(child);
      // WASM cannot be interrupted; the process goes, a fresh one replaces it on demand.
      child.kill("SIGKILL");
    }
    task.reject(task.signal?.reason);
    if (!closed) pump();
  }

  function pump(): void {
    while (queue.length > 0) {
      const child = idle.pop() ?? (all.size < options.size ? spawnChild() : undefined);
      if (!child) return;
      const task = queue.shift() as Task;
      busy.set(child, task);
      work(child);
      child.send(task.request as object, (error) => {
        if (error) gone(child, `it could not be given the request: ${error.message}`);
      });
    }
  }

  return {
    run(request, signal) {
      if (closed) return Promise.reject(new WorkError(`The ${options.name} engine was already closed.`));
      if (signal?.aborted) return Promise.reject(signal.reason);
      return new Promise<Result>((resolve, reject) => {
        const task: Task = {
          request,
          resolve: resolve as (value: unknown) => void,
          reject,
          signal,
          abort: () => {},
        };
        task.abort = () => abort(task);
        signal?.addEventListener("abort", task.abort, { once: true });
        queue.push(task);
        pump();
      });
    },
    warm() {
      if (closed || all.size > 0) return;
      const child = spawnChild();
      rest(child);
      idle.push(child);
    },
    async close() {
      closed = true;
      for (const task of queue.splice(0))
        task.reject(new WorkError(`The ${options.name} engine was closed.`));
      const children = [...all];
      all.clear();
      await Promise.all(
        children.map(
          (child) =>
            new Promise<void>((done) => {
              if (child.exitCode !== null || child.signalCode !== null) return done();
              work(child); // an unref'd child's exit would otherwise never be waited for
              child.once("exit", () => done());
              child.kill("SIGKILL");
            }),
        ),
      );
    },
  };
}

/**
 * An engine process's environment: presscast's own, less NODE_EXTRA_CA_CERTS, and with glibc's
 * mmap threshold held at its starting 128 kB.
 *
 * - Node reads and parses the certificate file before running any code (about 50 ms of CPU for
 *   a system bundle), and an engine speaks from WebAssembly in memory: it never opens a connection.
 * - glibc raises its threshold to the size of the largest mmap'd block a process frees, and an
 *   engine frees its module file's bytes (21 MB for Flite) as it starts. From then on every
 *   buffer a sentence needs (its text, its WAV) came from the heap, which fragmented and stayed
 *   resident: an engine process grew to 107 MB over 10,000 words, 89 MB with the threshold held.
 *   A threshold the user set is kept.
 */
function engineEnv(workerData: unknown): NodeJS.ProcessEnv {
  const { NODE_EXTRA_CA_CERTS: _unused, ...env } = process.env;
  return {
    MALLOC_MMAP_THRESHOLD_: String(128 * 1024),
    ...env,
    PRESSCAST_WORKER_DATA: JSON.stringify(workerData ?? null),
  };
}
