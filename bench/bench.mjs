// presscast benchmark: the bare engine against `presscast build`, as ratios of one run.
//
// usage: npm run -s bench [-- --json] [-- --quick]
//   --json   print one JSON object on stdout (progress goes to stderr)
//   --quick  skip the 50k-word scale build (it takes several minutes)
//
// Every measurement is a child process, timed from spawn to exit (wall clock), with the CPU time
// of it and all its descendants and the peak of their summed RSS (see tree.mjs). The cold build
// runs with --verbose, and its "cpu by phase" line is reported as it printed it.
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

const work = await mkdtemp(join(tmpdir(), "presscast-bench-"));
const rows = [];
const result = {};
try {
  const ffmpeg = resolveFfmpegPath();

  log("bare: flite speaks the seed's body in one call, then one MP3 encode");
  const { text, voice } = await seedBodyText(cli, seed, root);
  await writeFile(join(work, "body.txt"), text);
  const bare = await measure(process.execPath, [
    join(root, "bench", "bare.mjs"),
    join(work, "body.txt"),
    voice,
    join(work, "bare.mp3"),
    ffmpeg,
    String(MP3_QUALITY),
  ]);
  rows.push({ name: `bare (flite ${voice}, one call + encode)`, ...bare });
  result.bareSeconds = bare.seconds;
  result.bareCpuSeconds = bare.cpuSeconds;
  result.ffmpeg = ffmpeg;

  const article = join(work, "seed", "csto-interview.txt");
  await mkdir(dirname(article), { recursive: true });
  await copyFile(seed, article);
  const out = join(work, "out");
  const cache = join(work, "cache");

  log("cold: presscast build of the seed, empty cache");
  const cold = await build(article, out, cache, ["--verbose"]);
  rows.push({ name: `cold build (${cold.episode.synthesized} synthesized)`, ...cold });
  result.coldSeconds = cold.seconds;
  result.coldCpuSeconds = cold.cpuSeconds;
  result.coldPhases = cold.phases;
  result.seedAudioSeconds = cold.episode.durationSeconds;

  log("unchanged: the same build again");
  const same = await build(article, out, cache);
  rows.push({ name: `unchanged rebuild (unchanged: ${same.episode.unchanged})`, ...same });
  result.unchangedSeconds = same.seconds;

  log("one edit: one sentence changed, rebuilt");
  const original = await readFile(article, "utf8");
  const sentence = "will be held in November.";
  if (!original.includes(sentence)) throw new Error(`the seed no longer contains "${sentence}"`);
  await writeFile(article, original.replace(sentence, "will be held in December."));
  const edit = await build(article, out, cache);
  const pieces = edit.episode.pieces;
  const encoded = pieces ? `, ${pieces.encoded} of ${pieces.total} MP3 pieces encoded` : "";
  rows.push({ name: `one edit (${edit.episode.synthesized} synthesized${encoded})`, ...edit });
  result.editSynthesized = edit.episode.synthesized;
  result.editPiecesEncoded = pieces?.encoded;
  result.editSeconds = edit.seconds;

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

  for (const [key, n] of [
    ["concurrency1Seconds", 1],
    ["concurrencyDefaultSeconds", availableParallelism()],
  ]) {
    log(`cores: synthesis of the seed with concurrency ${n}, empty cache`);
    const run = await measure(process.execPath, [
      join(root, "bench", "synth.mjs"),
      seed,
      join(work, `cache-c${n}`),
      String(n),
    ]);
    const phase = JSON.parse(run.stdout);
    rows.push({ name: `synthesis only, concurrency ${n} (process CPU)`, ...run, seconds: phase.seconds });
    result[key] = phase.seconds;
  }
} finally {
  await rm(work, { recursive: true, force: true });
}

if (json) process.stdout.write(`${JSON.stringify({ ...result, targets: targets(result) })}\n`);
// With --json the table still reaches a person, on stderr.
printTable(rows, result, json ? (line) => process.stderr.write(`${line}\n`) : console.log);
