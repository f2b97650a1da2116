import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";

/**
 * Faults: a build killed during synthesis (SIGINT, SIGKILL) and during encoding leaves
 * no file at a published path and no broken feed, and the next run resumes from the cache,
 * speaking none of the sentences that had finished.
 */
const root = join(import.meta.dirname, "..", "..");
const seed = join(root, "examples", "csto-interview.txt");

function start(
  output: string,
  cache: string,
  extra: string[] = [],
): { child: ChildProcess; stderr: () => string } {
  const child = spawn(
    process.execPath,
    [join(root, "bin", "presscast.js"), "build", seed, "-o", output, "--cache-dir", cache, ...extra],
    {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdout?.resume();
  return { child, stderr: () => stderr };
}

const exited = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal })),
  );

async function until(check: () => boolean, timeoutMs = 500_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out waiting for the build to reach the point to kill it");
    await new Promise((r) => setTimeout(r, 20));
  }
}

const cachedClips = (cache: string): number =>
  existsSync(cache)
    ? readdirSync(cache, { recursive: true }).filter((name) => String(name).endsWith(".wav")).length
    : 0;

function expectNothingPublished(output: string) {
  const episodes = join(output, "episodes");
  const visible = existsSync(episodes) ? readdirSync(episodes).filter((n) => !n.startsWith(".")) : [];
  expect(visible).toEqual([]);
  if (existsSync(join(output, "feed.xml"))) {
    expect(XMLValidator.validate(readFileSync(join(output, "feed.xml"), "utf8"))).toBe(true);
  }
}

async function resume(output: string, cache: string) {
  const again = start(output, cache, ["--json"]);
  let stdout = "";
  again.child.stdout?.on("data", (c: Buffer) => {
    stdout += c.toString();
  });
  const { code } = await exited(again.child);
  expect(code, again.stderr()).toBe(0);
  return (JSON.parse(stdout) as { episodes: Array<{ synthesized: number; cached: number }> }).episodes[0];
}

// Each case runs two builds of the seed; on a loaded two-core machine that takes minutes, so the
// cases get a bound of their own rather than the suite's two minutes.
describe.each(["SIGINT", "SIGKILL"] as const)("a build killed by %s during synthesis", (signal) => {
  it("publishes nothing, then resumes speaking only what was missing", async () => {
    const work = mkdtempSync(join(tmpdir(), "presscast-kill-"));
    const output = join(work, "output");
    const cache = join(work, "cache");
    const run = start(output, cache);
    await until(() => /Speaking .*: (\d+)\/\d+/.test(run.stderr()) && cachedClips(cache) >= 5);
    run.child.kill(signal);
    const { code } = await exited(run.child);
    if (signal === "SIGINT") {
      expect(code).toBe(130);
      expect(run.stderr()).toMatch(
        /Interrupted: 0 episode\(s\) published, \d+ spoken sentences .* run the same command again/,
      );
    }
    expectNothingPublished(output);
    const kept = cachedClips(cache);
    const episode = await resume(output, cache);
    // Every clip that finished before the kill is reused; only the rest is spoken.
    expect(episode?.cached).toBe(kept);
    expect(episode?.synthesized).toBe(cachedClips(cache) - kept);
    expect(episode?.synthesized).toBeGreaterThan(0);
  }, 600_000);
});

describe.each(["SIGINT", "SIGKILL"] as const)("a build killed by %s during encoding", (signal) => {
  it("leaves no audio at the published path, and the next run synthesizes nothing", async () => {
    const work = mkdtempSync(join(tmpdir(), "presscast-kill-"));
    const output = join(work, "output");
    const cache = join(work, "cache");
    const run = start(output, cache, ["--verbose"]);
    await until(() => run.stderr().includes("libmp3lame"));
    run.child.kill(signal);
    const { code } = await exited(run.child);
    if (signal === "SIGINT") expect(code, run.stderr()).toBe(130);
    expectNothingPublished(output);
    const episode = await resume(output, cache);
    expect(episode?.synthesized).toBe(0);
    const names = readdirSync(join(output, "episodes"));
    expect(names.filter((n) => n.endsWith(".part"))).toEqual([]);
  }, 600_000);
});
