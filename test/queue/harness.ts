/**
 * The queue tests' real parts: a redis-server of their own (a free port, a temporary folder, no
 * persistence, a password), and `presscast worker` processes whose output is collected, so a
 * test can wait for a line, kill a worker mid-job and check that no password was ever printed.
 */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root } from "../e2e/helpers.js";

export const REDIS_SERVER = "/usr/bin/redis-server";
/** Installed here and by .ci/run; elsewhere the queue tests are skipped, never faked. */
export const hasRedis = spawnSync(REDIS_SERVER, ["--version"]).status === 0;

export interface RedisServer {
  url: string;
  password: string;
  port: number;
  stop: () => Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Starts redis-server on 127.0.0.1 and resolves once it accepts connections. */
export async function startRedis(): Promise<RedisServer> {
  const dir = mkdtempSync(join(tmpdir(), "presscast-redis-"));
  const password = `pw-${Math.random().toString(36).slice(2)}-secret`;
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const args = [
      "--port",
      String(port),
      "--bind",
      "127.0.0.1",
      "--dir",
      dir,
      "--save",
      "",
      "--appendonly",
      "no",
    ];
    const child = spawn(REDIS_SERVER, [...args, "--requirepass", password], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const started = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 10_000);
      child.stdout?.on("data", (chunk: Buffer) => {
        out += chunk;
        if (out.includes("Ready to accept connections")) {
          clearTimeout(timer);
          resolve(true);
        }
      });
      child.on("exit", () => {
        clearTimeout(timer);
        resolve(false);
      });
    });
    if (started) {
      return {
        url: `redis://:${password}@127.0.0.1:${port}`,
        password,
        port,
        stop: async () => {
          if (child.exitCode === null) {
            const exited = new Promise((resolve) => child.once("exit", resolve));
            child.kill("SIGTERM");
            await exited;
          }
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    child.kill("SIGKILL");
    if (attempt >= 3) throw new Error(`redis-server did not start: ${out.slice(-500)}`);
  }
}

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything it printed so far, stdout and stderr. */
  output: () => string;
  /** Resolves when its output matches `pattern` (after `from` characters), within `ms`. */
  waitFor: (pattern: RegExp, ms?: number, from?: number) => Promise<string>;
  exited: Promise<number | null>;
}

/** Runs `presscast <args>` as a long-lived child (a worker), collecting what it prints. */
export function startPresscast(
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): WorkerProcess {
  const child = spawn(process.execPath, [join(root, "bin", "presscast.js"), ...args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  const listeners = new Set<() => void>();
  const add = (chunk: Buffer) => {
    text += chunk;
    for (const listener of listeners) listener();
  };
  child.stdout?.on("data", add);
  child.stderr?.on("data", add);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    output: () => text,
    exited,
    waitFor: (pattern, ms = 120_000, from = 0) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(text.slice(from));
          if (!match) return false;
          listeners.delete(check);
          clearTimeout(timer);
          resolve(match[0]);
          return true;
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no ${pattern} within ${ms} ms in: ${text.slice(-2000)}`));
        }, ms);
        listeners.add(check);
        check();
      }),
  };
}

/** Stops a worker with SIGTERM and waits for it to exit. */
export async function stopWorker(worker: WorkerProcess): Promise<number | null> {
  if (worker.child.exitCode === null && worker.child.signalCode === null) worker.child.kill("SIGTERM");
  return worker.exited;
}
