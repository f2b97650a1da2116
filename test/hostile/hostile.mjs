#!/usr/bin/env node
// Hostile inputs and faults through the real command line (`npm run -s test:hostile`).
//
// Every case runs `node bin/presscast.js …` as a child process (under GNU time when it is there,
// for the peak RSS of the largest process in the tree) and is judged as an attacker or an unlucky
// user would judge it:
//   crash      exit other than 0, 1 or 2 (or the case's own expected codes), or a stack trace
//   lost       an episode built earlier into a shared folder missing from its feed afterwards
//   corrupted  a published MP3 that does not decode cleanly or is not as long as its manifest says
//   slow/big   a run over 30 s or 1 GB
// Cases run a few at a time; those that share a folder run in order inside one case.
// Exit status: 0 when every count is 0, else 1.
import { execFileSync, spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cases } from "./cases.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const BIN = join(root, "bin", "presscast.js");
const TIME = "/usr/bin/time";
const timed = existsSync(TIME);
const LIMIT_MS = 30_000;
const LIMIT_KB = 1024 * 1024;
const work = mkdtempSync(join(tmpdir(), "presscast-hostile-"));
const ffmpeg = (() => {
  try {
    return execFileSync("node", ["-e", "console.log(require('@ffmpeg-installer/ffmpeg').path)"], {
      cwd: root,
      encoding: "utf8",
    }).trim();
  } catch {
    return "ffmpeg";
  }
})();

/** One run of the CLI: exit code, output, wall time, peak RSS (kB, or null without GNU time). */
export function cli(args, opts = {}) {
  return new Promise((resolve) => {
    const rssFile = join(work, `rss-${process.hrtime.bigint()}`);
    const argv =
      timed && !opts.bare
        ? [TIME, ["-f", "%M", "-o", rssFile, ...(opts.prefix ?? []), process.execPath, BIN, ...args]]
        : [
            opts.prefix?.[0] ?? process.execPath,
            [...(opts.prefix?.slice(1) ?? []), ...(opts.prefix ? [process.execPath] : []), BIN, ...args],
          ];
    const started = Date.now();
    const child = spawn(argv[0], argv[1], {
      cwd: opts.cwd ?? work,
      env: { ...process.env, PRESSCAST_CACHE_DIR: join(work, "cache"), ...(opts.env ?? {}) },
      stdio: [opts.stdin ? "pipe" : "ignore", "pipe", "pipe"],
      detached: true, // its own process group, so the guard stops GNU time, node and every engine
    });
    if (opts.stdin) child.stdin.end(opts.stdin);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => {
      if (stdout.length < 1 << 22) stdout += chunk;
    });
    child.stderr.on("data", (chunk) => {
      if (stderr.length < 1 << 20) stderr += chunk;
    });
    // A run that would go on forever is stopped at twice the limit and counted as too slow.
    const guard = setTimeout(() => {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {}
    }, LIMIT_MS * 2);
    opts.onSpawn?.(child);
    child.on("close", (code, signal) => {
      clearTimeout(guard);
      let rssKb = null;
      if (timed && !opts.bare) {
        try {
          const lines = readFileSync(rssFile, "utf8").trim().split("\n");
          rssKb = Number(lines[lines.length - 1]) || null;
          // GNU time says "Command exited with non-zero status N" before the number; the code is ours.
        } catch {}
        rmSync(rssFile, { force: true });
      }
      resolve({
        code: signal ? 128 + (signal === "SIGKILL" ? 9 : 15) : code,
        stdout,
        stderr,
        ms: Date.now() - started,
        rssKb,
      });
    });
  });
}

/** Problems with one published MP3: decode errors, or a length other than its manifest's. */
export function audioProblems(mp3) {
  const problems = [];
  let errors = "";
  try {
    execFileSync(ffmpeg, ["-v", "error", "-i", mp3, "-f", "null", "-"], {
      encoding: "utf8",
      stdio: ["ignore", "ignore", "pipe"],
    });
  } catch (error) {
    errors = String(error.stderr || error.message);
  }
  if (errors.trim()) problems.push(`${mp3} does not decode cleanly: ${errors.trim().split("\n")[0]}`);
  const manifest = mp3.replace(/\.mp3$/, ".json");
  if (existsSync(manifest)) {
    try {
      const { durationSeconds } = JSON.parse(readFileSync(manifest, "utf8"));
      const probed = Number(
        execFileSync(
          ffmpeg.replace(/ffmpeg$/, "ffprobe"),
          ["-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0", mp3],
          {
            encoding: "utf8",
          },
        ),
      );
      if (Number.isFinite(probed) && Math.abs(probed - durationSeconds) > 0.5)
        problems.push(`${mp3} lasts ${probed.toFixed(2)} s, its manifest says ${durationSeconds}`);
    } catch {}
  }
  return problems;
}

/** Every MP3 published under `dir` (not hidden files). */
export function publishedAudio(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith(".mp3") && !name.split("/").some((part) => part.startsWith(".")))
    .map((name) => join(dir, name));
}

const context = {
  work,
  cli,
  file(name, content) {
    const path = join(work, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    return path;
  },
  dir(name) {
    const path = join(work, name);
    mkdirSync(path, { recursive: true });
    return path;
  },
  isRoot: process.getuid?.() === 0,
  root,
};

async function judge(testCase) {
  const outcome = { name: testCase.name, crash: [], lost: [], corrupted: [], slow: [], runs: 0 };
  let runs = [];
  try {
    const result = await testCase.run(context);
    runs = result.runs ?? [result];
    outcome.lost.push(...(result.lost ?? []));
    outcome.skipped = result.skipped;
    for (const run of runs) {
      outcome.runs++;
      const allowed = run.expect ?? [0, 1, 2];
      if (!allowed.includes(run.code))
        outcome.crash.push(`exit ${run.code} (expected ${allowed.join("/")}): ${lastLine(run.stderr)}`);
      if (/\n\s+at .+:\d+:\d+\)?\n/.test(`${run.stderr}\n`) || /Error: .*\n\s+at /.test(run.stderr))
        outcome.crash.push(`stack trace: ${lastLine(run.stderr)}`);
      if (run.ms > LIMIT_MS) outcome.slow.push(`${(run.ms / 1000).toFixed(1)} s`);
      if (run.rssKb && run.rssKb > LIMIT_KB) outcome.slow.push(`${Math.round(run.rssKb / 1024)} MB`);
    }
    for (const dir of result.outputs ?? [])
      for (const mp3 of publishedAudio(dir)) outcome.corrupted.push(...audioProblems(mp3));
  } catch (error) {
    outcome.crash.push(`the case itself failed: ${error.stack ?? error}`);
  }
  outcome.peakMs = Math.max(0, ...runs.map((run) => run.ms ?? 0));
  outcome.peakMb = Math.max(0, ...runs.map((run) => Math.round((run.rssKb ?? 0) / 1024)));
  return outcome;
}

const lastLine = (text) => (text ?? "").trim().split("\n").filter(Boolean).slice(-1)[0] ?? "";

const lanes = Math.max(2, Math.min(4, cpus().length * 2));
// `--only <words>` runs the cases whose name contains them (for working on one).
const only = process.argv.indexOf("--only");
const queue = cases.filter((c) => only < 0 || c.name.includes(process.argv[only + 1] ?? ""));
const results = [];
const started = Date.now();
await Promise.all(
  Array.from({ length: lanes }, async () => {
    while (queue.length) {
      const testCase = queue.shift();
      const outcome = await judge(testCase);
      results.push(outcome);
      const bad = outcome.crash.length + outcome.lost.length + outcome.corrupted.length + outcome.slow.length;
      process.stderr.write(
        `${bad ? "FAIL" : outcome.skipped ? "skip" : " ok "} ${outcome.name} (${outcome.runs} run${outcome.runs === 1 ? "" : "s"}, ${(outcome.peakMs / 1000).toFixed(1)} s, ${outcome.peakMb || "?"} MB)${outcome.skipped ? `: ${outcome.skipped}` : ""}\n`,
      );
      for (const line of [...outcome.crash, ...outcome.lost, ...outcome.corrupted, ...outcome.slow])
        process.stderr.write(`     ${line}\n`);
    }
  }),
);

const count = (key) => results.reduce((sum, r) => sum + r[key].length, 0);
const totals = {
  cases: results.length,
  runs: results.reduce((sum, r) => sum + r.runs, 0),
  skipped: results.filter((r) => r.skipped).length,
  crashes: count("crash"),
  lostEpisodes: count("lost"),
  corruptedAudio: count("corrupted"),
  over30sOr1GB: count("slow"),
  slowestRunSeconds: Math.max(...results.map((r) => r.peakMs)) / 1000,
  largestRunMB: timed ? Math.max(...results.map((r) => r.peakMb)) : null,
  wallSeconds: Math.round((Date.now() - started) / 100) / 10,
};
process.stdout.write(
  `hostile: ${totals.cases} cases, ${totals.runs} runs of the CLI in ${totals.wallSeconds} s (${totals.skipped} skipped)\n` +
    `  crashes (exit not 0/1/2, stack trace): ${totals.crashes}\n` +
    `  lost episodes:                         ${totals.lostEpisodes}\n` +
    `  corrupted audio published:             ${totals.corruptedAudio}\n` +
    `  runs over 30 s or 1 GB:                ${totals.over30sOr1GB}\n` +
    `  slowest run ${totals.slowestRunSeconds} s, largest ${totals.largestRunMB ?? "(unmeasured: no /usr/bin/time)"} MB\n`,
);
if (process.argv.includes("--json")) process.stdout.write(`${JSON.stringify(totals)}\n`);
if (!process.argv.includes("--keep")) rmSync(work, { recursive: true, force: true });
process.exitCode =
  totals.crashes + totals.lostEpisodes + totals.corruptedAudio + totals.over30sOr1GB === 0 ? 0 : 1;
