/**
 * A small pool of worker threads, one WASM engine instance each, so synthesis uses every core
 * (a single WASM instance runs on one). Workers are spawned on demand, kept for reuse, and
 * unref'd while idle so an unclosed pool never keeps the process alive.
 */
import { Worker } from "node:worker_threads";
import { InputError, WorkError } from "../errors.js";

/** What a worker script posts back for each request. */
export type WorkerReply<Result> =
  | { ok: true; result: Result }
  | { ok: false; error: string; input?: boolean };

export interface PoolOptions {
  /** Engine name, for error messages. */
  name: string;
  /** CommonJS source of the worker (run with `eval: true`, so it works from src/ and dist/ alike). */
  source: string;
  workerData?: unknown;
  /** Most workers alive at once. */
  size: number;
}

export interface WorkerPool<Request, Result> {
  run(request: Request, signal?: AbortSignal): Promise<Result>;
  close(): Promise<void>;
}

interface Task {
  request: unknown;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  signal?: AbortSignal;
  abort(): void;
}

/** Starts no thread until the first request. */
export function createWorkerPool<Request, Result>(options: PoolOptions): WorkerPool<Request, Result> {
  const idle: Worker[] = [];
  const busy = new Map<Worker, Task>();
  const queue: Task[] = [];
  const all = new Set<Worker>();
  const doomed = new Set<Worker>();
  let closed = false;

  function spawn(): Worker {
    const worker = new Worker(options.source, { eval: true, workerData: options.workerData });
    all.add(worker);
    worker.on("message", (reply: WorkerReply<Result>) => {
      if (doomed.has(worker)) return;
      const task = busy.get(worker);
      busy.delete(worker);
      worker.unref();
      idle.push(worker);
      if (task) settle(task, reply);
      pump();
    });
    worker.on("error", (error) => fail(worker, `its worker thread crashed: ${error.message}`));
    worker.on("exit", (code) => fail(worker, `its worker thread exited with code ${code}`));
    return worker;
  }

  function fail(worker: Worker, why: string): void {
    const task = busy.get(worker);
    busy.delete(worker);
    all.delete(worker);
    doomed.delete(worker);
    const at = idle.indexOf(worker);
    if (at >= 0) idle.splice(at, 1);
    if (task) task.reject(new WorkError(`The ${options.name} engine failed: ${why}.`));
    if (!closed) pump();
  }

  function settle(task: Task, reply: WorkerReply<Result>): void {
    task.signal?.removeEventListener("abort", task.abort);
    if (reply.ok) task.resolve(reply.result);
    else task.reject(reply.input ? new InputError(reply.error) : new WorkError(reply.error));
  }

  function abort(task: Task): void {
    const queued = queue.indexOf(task);
    if (queued >= 0) queue.splice(queued, 1);
    for (const [worker, running] of busy) {
      if (running !== task) continue;
      busy.delete(worker);
      doomed.add(worker);
      // WASM cannot be interrupted; the thread goes, a fresh one replaces it on demand.
      void worker.terminate();
    }
    task.reject(task.signal?.reason);
  }

  function pump(): void {
    while (queue.length > 0) {
      const worker = idle.pop() ?? (all.size < options.size ? spawn() : undefined);
      if (!worker) return;
      const task = queue.shift() as Task;
      busy.set(worker, task);
      worker.ref();
      worker.postMessage(task.request);
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
    async close() {
      closed = true;
      for (const task of queue.splice(0))
        task.reject(new WorkError(`The ${options.name} engine was closed.`));
      await Promise.all([...all].map((worker) => worker.terminate()));
      all.clear();
    },
  };
}
