// presscast queue benchmark: one long article through the job queue, one worker against two.
//
// usage: npm run -s bench:queue [-- --json] [-- --words N]
//   --json     print one JSON object on stdout (progress and the table go to stderr)
//   --words N  the article's length (default 10000, the scale benchmark's 10k text)
//   --rounds N one worker, then two, N times over (default 1); the times are the medians
//
// In one run on this machine, with a redis-server of its own (no persistence, 127.0.0.1):
//   build    `presscast build` of the article (the reference the queued episodes must equal);
//   1 worker  one `presscast worker --concurrency 1`, the article enqueued with --wait;
//   2 workers two such workers, the same, each run with an empty cache and output folder.
// Times are wall clock from `enqueue` to its exit (the workers are already waiting). The queued
// episodes are compared with the build's, measured in their MP3s: chapters and their times,
// integrated loudness (ffmpeg's ebur128) and decoded duration.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { resolveFfmpegPath } from "../dist/audio/ffmpeg.js";
import { makeScaleArticle } from "./texts.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "bin", "presscast.js");
const args = process.argv.slice(2);
const json = args.includes("--json");
const words = Number(args[args.indexOf("--words") + 1]) || 10_000;
const rounds = Number(args[args.indexOf("--rounds") + 1]) || 1;
const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const log = (line) => process.stderr.write(`bench:queue: ${line}\n`);
const ffmpeg = resolveFfmpegPath();

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function startRedis(dir) {
  const port = await freePort();
  const child = spawn("redis-server", [
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
  ]);
  await new Promise((resolve, reject) => {
    let out = "";
    child.on("error", reject);
    child.on("exit", () => reject(new Error(`redis-server stopped: ${out.slice(-300)}`)));
    child.stdout.on("data", (d) => {
      out += d;
      if (out.includes("Ready to accept connections")) resolve();
    });
  });
  return { url: `redis://127.0.0.1:${port}`, child };
}

/** Runs a command to its end; resolves to wall seconds and stdout, rejects on a non-zero exit. */
function timed(argv, env) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [cli, ...argv], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) =>
      code === 0
        ? resolve({ seconds: (performance.now() - t0) / 1000, stdout })
        : reject(new Error(`presscast ${argv[0]} exited ${code}: ${stderr.slice(-1500)}`)),
    );
  });
}

function startWorker(argv, env) {
  const child = spawn(process.execPath, [cli, "worker", ...argv], {
    cwd: root,
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  const ready = new Promise((resolve, reject) => {
    child.stderr.on("data", (d) => {
      err += d;
      if (err.includes("waiting for jobs")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`worker exited ${code}: ${err.slice(-1500)}`)));
  });
  const stopped = new Promise((resolve) => child.on("exit", resolve));
  const stop = () => {
    child.kill("SIGTERM");
    return stopped;
  };
  return { ready, stop, log: () => err };
}

async function queued(work, redis, count, article, round) {
  const env = { ...process.env, PRESSCAST_REDIS_URL: redis.url };
  const out = join(work, `out-${count}w-${round}`);
  const cache = join(work, `cache-${count}w-${round}`);
  const workers = Array.from({ length: count }, () =>
    startWorker(["-o", out, "--cache-dir", cache, "--concurrency", "1"], env),
  );
  try {
    await Promise.all(workers.map((w) => w.ready));
    log(`round ${round}: ${count} worker(s), --concurrency 1 each: enqueue --wait`);
    const run = await timed(["enqueue", article, "--wait", "--json"], env);
    const speakJobs = workers.map((w) => (w.log().match(/-speak-\d+-of-\d+: spoke/g) ?? []).length);
    return {
      seconds: run.seconds,
      episode: JSON.parse(run.stdout).episodes[0],
      speakJobs,
      phases: phases(workers),
    };
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
}

/**
 * Where the time went, from the workers' time-stamped lines: reading the article and queueing
 * its speak jobs, speaking them, and the episode job's own build once they were done.
 */
function phases(workers) {
  const at = (pattern) =>
    workers.flatMap((w) =>
      [...w.log().matchAll(new RegExp(`^(\\S+) ${pattern}`, "gm"))].map((m) => Date.parse(m[1])),
    );
  const started = Math.min(...at("job \\d+: started"));
  const queuedAt = Math.min(...at("job \\d+: \\d+ speak jobs queued"));
  const spokenAt = Math.max(...at("job \\S+-speak-\\S+: spoke"));
  const publishedAt = Math.max(...at("job \\d+: published"));
  return {
    readSeconds: (queuedAt - started) / 1000,
    speakSeconds: (spokenAt - queuedAt) / 1000,
    buildSeconds: (publishedAt - spokenAt) / 1000,
  };
}

/** What a listener's software measures: chapters (ffmpeg's demuxer), loudness, decoded length. */
async function measure(mp3) {
  const run = (argv) =>
    new Promise((resolve, reject) => {
      const child = spawn(ffmpeg, ["-hide_banner", "-nostdin", ...argv]);
      let err = "";
      let bytes = 0;
      child.stdout.on("data", (d) => (bytes += d.length));
      child.stderr.on("data", (d) => (err += d));
      child.on("close", (code) =>
        code === 0 ? resolve({ err, bytes }) : reject(new Error(err.slice(-500))),
      );
    });
  const loud = await run(["-i", mp3, "-af", "ebur128", "-f", "null", "-"]);
  const summary = loud.err.slice(loud.err.lastIndexOf("Summary:"));
  const input = loud.err.slice(0, loud.err.indexOf("Output #0"));
  const chapters = [
    ...input.matchAll(/Chapter #\d+:\d+: start (-?[\d.]+), end (-?[\d.]+)\s+Metadata:\s+title\s+: (.*)/g),
  ].map((m) => ({ title: m[3].trim(), start: Number(m[1]), end: Number(m[2]) }));
  const pcm = await run(["-v", "error", "-i", mp3, "-ac", "1", "-ar", "44100", "-f", "s16le", "-"]);
  return {
    lufs: Number(/I:\s+(-?[\d.]+) LUFS/.exec(summary)?.[1]),
    chapters,
    seconds: pcm.bytes / 2 / 44100,
    errors: pcm.err.trim(),
  };
}

function compare(a, b) {
  const sameTitles =
    JSON.stringify(a.chapters.map((c) => c.title)) === JSON.stringify(b.chapters.map((c) => c.title));
  const chapterMs = Math.max(
    0,
    ...a.chapters.map((c, k) => Math.abs(c.start - (b.chapters[k]?.start ?? Infinity)) * 1000),
  );
  return {
    sameTitles,
    chapters: a.chapters.length,
    maxChapterMs: chapterMs,
    lu: Math.abs(a.lufs - b.lufs),
    durationMs: Math.abs(a.seconds - b.seconds) * 1000,
  };
}

// The machine's load average (1, 5, 15 min) before and after: ratios from a busy machine say less.
const loadBefore = loadavg();
const work = await mkdtemp(join(tmpdir(), "presscast-bench-queue-"));
const redis = await startRedis(work);
const result = { words: 0 };
try {
  const article = join(work, "long.md");
  result.words = await makeScaleArticle(cli, root, words, article);
  log(`build: ${result.words} words`);
  const build = await timed([
    "build",
    article,
    "-o",
    join(work, "out-build"),
    "--cache-dir",
    join(work, "cache-build"),
    "--json",
  ]);
  const reference = await measure(JSON.parse(build.stdout).episodes[0].audio);
  result.buildSeconds = build.seconds;
  // Rounds alternate one worker and two, so a change in the machine's load hits both alike.
  const ones = [];
  const twos = [];
  for (let round = 1; round <= rounds; round++) {
    ones.push(await queued(work, redis, 1, article, round));
    twos.push(await queued(work, redis, 2, article, round));
  }
  const one = ones[ones.length - 1];
  const two = twos[twos.length - 1];
  result.oneWorkerSeconds = median(ones.map((run) => run.seconds));
  result.twoWorkersSeconds = median(twos.map((run) => run.seconds));
  result.roundRatios = ones.map((run, k) => twos[k].seconds / run.seconds);
  result.ratio = result.twoWorkersSeconds / result.oneWorkerSeconds;
  result.speakJobsPerWorker = { one: one.speakJobs, two: two.speakJobs };
  result.phases = { one: one.phases, two: two.phases };
  result.load = { before: loadBefore, after: loadavg() };
  result.audioSeconds = two.episode.durationSeconds;
  for (const [name, run] of [
    ["oneWorker", one],
    ["twoWorkers", two],
  ]) {
    const heard = await measure(run.episode.audio);
    result[`${name}VsBuild`] = { ...compare(heard, reference), decodeErrors: heard.errors };
  }
  const m = result.twoWorkersVsBuild;
  result.targets = [
    {
      what: "2 workers ≤ 0.65 × 1 worker (--concurrency 1 each)",
      value: result.ratio,
      ok: result.ratio <= 0.65,
    },
    { what: "same chapters as build", value: m.chapters, ok: m.sameTitles },
    { what: "chapter times within ±10 ms of build", value: m.maxChapterMs, ok: m.maxChapterMs <= 10 },
    { what: "loudness within ±0.2 LU of build", value: m.lu, ok: m.lu <= 0.2 },
    { what: "duration within ±50 ms of build", value: m.durationMs, ok: m.durationMs <= 50 },
  ];
} finally {
  redis.child.kill("SIGTERM");
  await rm(work, { recursive: true, force: true });
}

const print = json ? (line) => process.stderr.write(`${line}\n`) : console.log;
print(
  `${result.words} words, ${Math.round(result.audioSeconds)} s of audio; load average ${result.load.before.map((l) => l.toFixed(1)).join(" ")} before, ${result.load.after.map((l) => l.toFixed(1)).join(" ")} after`,
);
print(`build (default concurrency)      ${result.buildSeconds.toFixed(1)} s`);
if (rounds > 1)
  print(`rounds: 2 workers / 1 worker = ${result.roundRatios.map((r) => r.toFixed(3)).join(", ")}`);
print(
  `1 worker, --concurrency 1        ${result.oneWorkerSeconds.toFixed(1)} s  (speak jobs: ${result.speakJobsPerWorker.one})`,
);
print(
  `2 workers, --concurrency 1 each  ${result.twoWorkersSeconds.toFixed(1)} s  (speak jobs: ${result.speakJobsPerWorker.two.join(" + ")})`,
);
for (const [name, run] of [
  ["1 worker ", result.phases.one],
  ["2 workers", result.phases.two],
])
  print(
    `${name}: read and split ${run.readSeconds.toFixed(1)} s, speak jobs ${run.speakSeconds.toFixed(1)} s, episode build ${run.buildSeconds.toFixed(1)} s`,
  );
for (const t of result.targets)
  print(`${t.ok ? "met   " : "MISSED"}  ${t.what}: ${Number(t.value).toFixed(3)}`);
if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
