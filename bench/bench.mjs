// presscast benchmark: the bare engine against `presscast build`, as ratios of one run.
//
// usage: npm run -s bench [-- --json] [-- --quick] [-- --runs N]
//   --json    print one JSON object on stdout (progress goes to stderr)
//   --quick   skip the 50k-word scale build (it takes several minutes)
//   --runs N  rounds of the seed's cases counted after the warm-up round (default 3)
//
// Every measurement is a child process, timed from spawn to exit (wall clock), with the CPU time
// of it and all its descendants and the peak of their summed RSS (see tree.mjs). The seed's cases
// are medians of N rounds; the scale builds run once each. The cold build runs with --verbose,
// and the "cpu by phase" line of its median run is reported as it printed it.
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { MP3_QUALITY } from "../dist/assemble/pieces/lame.js";
import { resolveFfmpegPath } from "../dist/audio/ffmpeg.js";
import { printTable, targets } from "./report.mjs";
import { makeScaleArticle, seedBodyText } from "./texts.mjs";
import { measure as measureIn } from "./tree.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "bin", "presscast.js");
const seed = join(root, "examples", "csto-interview.txt");
const args = process.argv.slice(2);
const json = args.includes("--json");
const sizes = args.includes("--quick") ? [1000, 10000] : [1000, 10000, 50000];
const runsAt = args.indexOf("--runs");
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs takes a whole number of rounds, 1 or more");
const log = (line) => process.stderr.write(`bench: ${line}\n`);

/** Runs one child in the project folder; resolves to its wall and CPU seconds, peak RSS (MB), output. */
const measure = (cmd, argv) => measureIn(cmd, argv, root);

async function build(article, out, cache, extra = []) {
  const run = await measure(process.execPath, [
    cli,
    "build",
    article,
    "-o",
    out,
    "--cache-dir",
    cache,
    "--json",
    ...extra,
  ]);
  const episode = JSON.parse(run.stdout).episodes[0];
  const phases = /^cpu by phase: .*$/m.exec(run.stderr)?.[0];
  return { ...run, episode, phases };
}

/**
 * The middle run of a case's rounds by wall time (the lower middle of an even count), with its
 * CPU and RSS the medians of their own, so one slow or large round does not decide any figure.
 */
function median(list) {
  const middle = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
  const byWall = [...list].sort((a, b) => a.seconds - b.seconds)[Math.floor((list.length - 1) / 2)];
  return {
    ...byWall,
    cpuSeconds: list.some((run) => run.cpuSeconds == null) ? null : middle(list.map((run) => run.cpuSeconds)),
    rssMB: list.some((run) => run.rssMB == null) ? null : middle(list.map((run) => run.rssMB)),
  };
}

/** One round of the seed's cases in `dir` (made, then removed): each a measured run. */
async function seedRound(dir, ffmpeg, voice) {
  await mkdir(join(dir, "seed"), { recursive: true });
  try {
    const bare = await measure(process.execPath, [
      join(root, "bench", "bare.mjs"),
      join(work, "body.txt"),
      voice,
      join(dir, "bare.mp3"),
      ffmpeg,
      String(MP3_QUALITY),
    ]);
    const article = join(dir, "seed", "csto-interview.txt");
    await copyFile(seed, article);
    const out = join(dir, "out");
    const cache = join(dir, "cache");
    const cold = await build(article, out, cache, ["--verbose"]);
    const same = await build(article, out, cache);
    const original = await readFile(article, "utf8");
    const sentence = "will be held in November.";
    if (!original.includes(sentence)) throw new Error(`the seed no longer contains "${sentence}"`);
    await writeFile(article, original.replace(sentence, "will be held in December."));
    const edit = await build(article, out, cache);
    const synthesis = {};
    for (const n of [1, availableParallelism()]) {
      const run = await measure(process.execPath, [
        join(root, "bench", "synth.mjs"),
        seed,
        join(dir, `cache-c${n}`),
        String(n),
      ]);
      // The synthesize() call alone, as synth.mjs times it; CPU and RSS are the whole process's.
      synthesis[n] = { ...run, seconds: JSON.parse(run.stdout).seconds };
    }
    return { bare, cold, same, edit, synthesis };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const work = await mkdtemp(join(tmpdir(), "presscast-bench-"));
const rows = [];
const result = {};
try {
  const ffmpeg = resolveFfmpegPath();
  const { text, voice } = await seedBodyText(cli, seed, root);
  await writeFile(join(work, "body.txt"), text);
  result.ffmpeg = ffmpeg;
  result.runs = runs;

  // The seed's cases, one round each: bare, cold, unchanged, one edit, then synthesis alone at
  // concurrency 1 and at the default. A first round warms the disk cache and is not counted;
  // every figure is then the median of its case's `runs` rounds, so a drift of the machine's
  // speed falls on both sides of each ratio.
  const rounds = [];
  for (let k = 0; k <= runs; k++) {
    log(k === 0 ? "warm-up round (not counted)" : `round ${k} of ${runs}`);
    const round = await seedRound(join(work, `round-${k}`), ffmpeg, voice);
    if (k === 0) continue;
    rounds.push(round);
    const { bare, cold, same, edit, synthesis } = round;
    const [one, all] = [synthesis[1], synthesis[availableParallelism()]];
    log(
      `round ${k}: bare ${bare.seconds.toFixed(2)} s, cold ${cold.seconds.toFixed(2)} s, ` +
        `unchanged ${same.seconds.toFixed(2)} s, one edit ${edit.seconds.toFixed(2)} s, ` +
        `synthesis ${one.seconds.toFixed(2)} / ${all.seconds.toFixed(2)} s`,
    );
  }
  // Every round's wall seconds, for the spread behind each median.
  result.rounds = rounds.map(({ bare, cold, same, edit, synthesis }) => ({
    bare: bare.seconds,
    cold: cold.seconds,
    unchanged: same.seconds,
    edit: edit.seconds,
    synthesis1: synthesis[1].seconds,
    synthesisDefault: synthesis[availableParallelism()].seconds,
  }));
  const bare = median(rounds.map((round) => round.bare));
  const cold = median(rounds.map((round) => round.cold));
  const same = median(rounds.map((round) => round.same));
  const edit = median(rounds.map((round) => round.edit));
  rows.push({ name: `bare (flite ${voice}, one call + encode)`, ...bare });
  result.bareSeconds = bare.seconds;
  result.bareCpuSeconds = bare.cpuSeconds;
  rows.push({ name: `cold build (${cold.episode.synthesized} synthesized)`, ...cold });
  result.coldSeconds = cold.seconds;
  result.coldCpuSeconds = cold.cpuSeconds;
  result.coldPhases = cold.phases;
  result.seedAudioSeconds = cold.episode.durationSeconds;
  rows.push({ name: `unchanged rebuild (unchanged: ${same.episode.unchanged})`, ...same });
  result.unchangedSeconds = same.seconds;
  const pieces = edit.episode.pieces;
  const encoded = pieces ? `, ${pieces.encoded} of ${pieces.total} MP3 pieces encoded` : "";
  rows.push({ name: `one edit (${edit.episode.synthesized} synthesized${encoded})`, ...edit });
  result.editSynthesized = edit.episode.synthesized;
  result.editPiecesEncoded = pieces?.encoded;
  result.editSeconds = edit.seconds;
  for (const [key, n] of [
    ["concurrency1Seconds", 1],
    ["concurrencyDefaultSeconds", availableParallelism()],
  ]) {
    const run = median(rounds.map((round) => round.synthesis[n]));
    rows.push({ name: `synthesis only, concurrency ${n} (process CPU)`, ...run });
    result[key] = run.seconds;
  }

  result.secondsPer1kWords = {};
  result.peakRssMB = { bare: bare.rssMB, cold: cold.rssMB, unchanged: same.rssMB, edit: edit.rssMB };
  result.words = {};
  for (const size of sizes) {
    const label = `${size / 1000}k`;
    const file = join(work, `scale-${label}.md`);
    const words = await makeScaleArticle(cli, root, size, file);
    log(`scale ${label}: cold build of ${words} words`);
    const run = await build(file, join(work, `out-${label}`), join(work, `cache-${label}`));
    rows.push({
      name: `scale ${label} (${words} words, ${Math.round(run.episode.durationSeconds)} s audio)`,
      ...run,
    });
    result.words[label] = words;
    result.secondsPer1kWords[label] = run.seconds / (words / 1000);
    result.peakRssMB[label] = run.rssMB;
  }
} finally {
  await rm(work, { recursive: true, force: true });
}

if (json) process.stdout.write(`${JSON.stringify({ ...result, targets: targets(result) })}\n`);
// With --json the table still reaches a person, on stderr.
printTable(rows, result, json ? (line) => process.stderr.write(`${line}\n`) : console.log);
