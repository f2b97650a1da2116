import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decode } from "../assemble/helpers.js";
import { root } from "./helpers.js";

/**
 * An engine process that aborts in the middle of a real build (the way Flite's WASM aborts on a
 * phrase past its limit) costs that one call, never the build: presscast speaks the sentence
 * again in a fresh process and publishes the whole episode. The abort here is real: SIGABRT sent
 * to the live engine process of a running `presscast build`.
 */

/** The pids whose parent is `pid`, read from /proc. */
function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name is in parentheses and may hold spaces; the parent pid follows the state.
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (parent === pid) found.push(Number(entry));
    } catch {
      // The process ended while the list was read.
    }
  }
  return found;
}

/** The engine processes of `pid` (each runs `node -e <engine source>`), optionally of one engine. */
const engineProcesses = (pid: number, engine = "") =>
  childrenOf(pid).filter((child) => {
    try {
      const argv = readFileSync(`/proc/${child}/cmdline`, "utf8").split("\0");
      return argv.includes("-e") && argv.join(" ").includes(engine);
    } catch {
      return false;
    }
  });

function article(file: string): string {
  const sentences = Array.from(
    { length: 24 },
    (_, i) => `Sentence number ${i + 1} of the report says the harbour was busy again that morning.`,
  );
  writeFileSync(
    file,
    `A harbour report\n\n${sentences.slice(0, 12).join(" ")}\n\n${sentences.slice(12).join(" ")}\n`,
  );
  return file;
}

function build(file: string, output: string, cache: string) {
  const child = spawn(
    process.execPath,
    [join(root, "bin", "presscast.js"), "build", file, "-o", output, "--cache-dir", cache],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr })),
  );
  return { pid: child.pid ?? 0, done, stderr: () => stderr };
}

describe.skipIf(process.platform !== "linux")("an engine process aborted during a build", () => {
  it("is replaced: the build exits 0 and the episode holds every sentence", async () => {
    const work = mkdtempSync(join(tmpdir(), "presscast-abort-"));
    const file = article(join(work, "report.txt"));
    const run = build(file, join(work, "out"), join(work, "cache"));
    // The first engine process to start is aborted at once (it is loading or listing voices);
    // then, once sentences are being spoken, a Flite process in the middle of its work.
    const aborted: number[] = [];
    const end = Date.now() + 300_000;
    while (aborted.length < 2 && Date.now() < end) {
      const speaking = /Speaking .*: [1-9]\d*\/\d+/.test(run.stderr());
      const target =
        aborted.length === 0
          ? engineProcesses(run.pid)[0]
          : speaking
            ? engineProcesses(run.pid, "flite")[0]
            : undefined;
      if (target !== undefined && !aborted.includes(target)) {
        process.kill(target, "SIGABRT");
        aborted.push(target);
      } else await new Promise((r) => setTimeout(r, 5));
    }
    expect(aborted, "two engine processes to abort were not seen").toHaveLength(2);
    const result = await run.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);

    // The same article built undisturbed, with a cache of its own, is the reference.
    const clean = build(file, join(work, "clean"), join(work, "clean-cache"));
    expect((await clean.done).code).toBe(0);
    const mp3 = (out: string) => {
      const episodes = join(work, out, "episodes");
      const name = readdirSync(episodes).find((n) => n.endsWith(".mp3")) as string;
      return join(episodes, name);
    };
    const [hit, reference] = await Promise.all([decode(mp3("out")), decode(mp3("clean"))]);
    // Every clip is spoken, so the two episodes last the same to within one MP3 frame.
    expect(Math.abs(hit.length - reference.length) / 44100).toBeLessThan(0.03);
    expect(existsSync(join(work, "out", "episodes", ".reserved"))).toBe(false);
    expect(
      readdirSync(join(work, "cache"), { recursive: true }).filter((n) => String(n).includes(".tmp")),
    ).toEqual([]);
  }, 600_000);
});
