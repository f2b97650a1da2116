// Runs one command and measures it whole: wall seconds; CPU seconds from the OS accounting of
// the process and every descendant it waited for (GNU time's user + system); peak RSS as the
// largest sum over the process tree, sampled from /proc while it runs (presscast runs engine
// and ffmpeg processes beside itself, and their memory is the machine's as much as its own).
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

const TIME = "/usr/bin/time";
const PAGE = 4096;
const SAMPLE_MS = 20;

/** Resident bytes of one process, 0 when it is gone. */
function rssOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "latin1");
    // Fields after the command name start at field 3; rss is field 24.
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[21]) * PAGE;
  } catch {
    return 0;
  }
}

/** The pids of a process's children (every thread's), from /proc; none when it is gone. */
function childrenOf(pid) {
  let tasks = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [];
  }
  const pids = [];
  for (const task of tasks) {
    try {
      const list = readFileSync(`/proc/${pid}/task/${task}/children`, "latin1").trim();
      if (list) pids.push(...list.split(" ").map(Number));
    } catch {
      // the thread ended
    }
  }
  return pids;
}

/** Sum of RSS over the descendants of `root` (and `root` itself when `self`). */
function treeRss(root, self) {
  let sum = self ? rssOf(root) : 0;
  const stack = childrenOf(root);
  while (stack.length > 0) {
    const pid = stack.pop();
    sum += rssOf(pid);
    stack.push(...childrenOf(pid));
  }
  return sum;
}

/**
 * Runs `cmd argv` in `cwd`; resolves to { seconds, cpuSeconds, rssMB, stdout, stderr }. Without
 * GNU time, cpuSeconds is null; without /proc, rssMB is null.
 */
export async function measure(cmd, argv, cwd) {
  const timed = existsSync(TIME);
  const dir = await mkdtemp(join(tmpdir(), "presscast-measure-"));
  const report = join(dir, "time.txt");
  const [file, list] = timed ? [TIME, ["-f", "%U %S", "-o", report, cmd, ...argv]] : [cmd, argv];
  try {
    return await new Promise((resolve, reject) => {
      const t0 = performance.now();
      const child = spawn(file, list, { cwd, stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      let stderr = "";
      let peak = 0;
      // The command itself runs as time's child; time's own few hundred kB are not counted.
      const sample = () => {
        peak = Math.max(peak, treeRss(child.pid, !timed));
      };
      const timer = setInterval(sample, SAMPLE_MS);
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      child.on("error", reject);
      child.on("close", async (code) => {
        clearInterval(timer);
        const seconds = (performance.now() - t0) / 1000;
        if (code !== 0)
          return reject(new Error(`${cmd} ${argv.join(" ")} exited ${code}: ${stderr.slice(-2000)}`));
        let cpuSeconds = null;
        if (timed) {
          const [user, system] = (await readFile(report, "utf8")).trim().split(/\s+/).slice(-2).map(Number);
          cpuSeconds = user + system;
        }
        const rssMB = existsSync("/proc/self/stat") ? Math.round(peak / 1024 / 1024) : null;
        resolve({ seconds, cpuSeconds, rssMB, stdout, stderr });
      });
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
