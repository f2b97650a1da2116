/**
 * The engines' process pool: a process started ahead of the first request (warm) serves it, and
 * an engine process gets presscast's environment less what only a networked process needs, and
 * with glibc's mmap threshold held unless the user set it.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { createWorkerPool, type WorkerPool } from "../../src/synthesize/worker-pool.js";

// A real child process that answers with when it started, its pid and what it was asked of its environment.
const SOURCE = `const born = Date.now();
parentPort.on("message", (name) => parentPort.postMessage({ ok: true, result: { born, pid: process.pid, value: process.env[name] ?? null } }));`;

interface Answer {
  born: number;
  pid: number;
  value: string | null;
}

let pool: WorkerPool<string, Answer> | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe("an engine's process pool", () => {
  it("starts a process when warmed, before any request, and that process serves the first one", async () => {
    pool = createWorkerPool<string, Answer>({ name: "test", source: SOURCE, size: 2 });
    pool.warm();
    pool.warm(); // a second warm starts no second process
    await sleep(1_000);
    const asked = Date.now();
    const first = await pool.run("PATH");
    expect(first.born).toBeLessThan(asked - 500);
    const second = await pool.run("PATH");
    expect(second.pid).toBe(first.pid);
  });

  it("starts nothing until asked, when not warmed", async () => {
    pool = createWorkerPool<string, Answer>({ name: "test", source: SOURCE, size: 1 });
    await sleep(500);
    const asked = Date.now();
    expect((await pool.run("PATH")).born).toBeGreaterThanOrEqual(asked - 50);
  });

  it("gives its processes presscast's environment without NODE_EXTRA_CA_CERTS", async () => {
    const saved = { ...process.env };
    process.env.NODE_EXTRA_CA_CERTS = "/etc/ssl/certs/ca-certificates.crt";
    process.env.PRESSCAST_POOL_TEST = "kept";
    try {
      pool = createWorkerPool<string, Answer>({ name: "test", source: SOURCE, size: 1 });
      expect((await pool.run("PRESSCAST_POOL_TEST")).value).toBe("kept");
      expect((await pool.run("NODE_EXTRA_CA_CERTS")).value).toBeNull();
    } finally {
      process.env = saved;
    }
  });

  it("holds glibc's mmap threshold at 128 kB in its processes, unless presscast was given one", async () => {
    const saved = { ...process.env };
    try {
      delete process.env.MALLOC_MMAP_THRESHOLD_;
      pool = createWorkerPool<string, Answer>({ name: "test", source: SOURCE, size: 1 });
      expect((await pool.run("MALLOC_MMAP_THRESHOLD_")).value).toBe("131072");
      await pool.close();
      process.env.MALLOC_MMAP_THRESHOLD_ = "262144";
      pool = createWorkerPool<string, Answer>({ name: "test", source: SOURCE, size: 1 });
      expect((await pool.run("MALLOC_MMAP_THRESHOLD_")).value).toBe("262144");
    } finally {
      process.env = saved;
    }
  });
});
