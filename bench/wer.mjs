// presscast intelligibility benchmark: the recogniser word error rate of the seed episode.
//
// usage: npm run -s bench:wer [-- --json] [-- --voices other-profile.yaml ...]
//
// The seed article is built twice with the real command, once with the default voice profile and
// once with every role read by Flite's rms; each MP3 is decoded to 16 kHz and transcribed by
// pocketsphinx (Debian's pocketsphinx and pocketsphinx-en-us packages, US English model). The
// word error rate is counted against the text sent to the engines (what they were asked to say)
// and against the written text (what the article says). Both episodes come from one run, so the
// difference between the profiles is what counts, not the absolute figures.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { resolveFfmpegPath } from "../dist/audio/ffmpeg.js";
import { loadVoices } from "../dist/episode/voices.js";
import { announcements } from "../dist/speech/announce.js";
import { toUtterances } from "../dist/speech/utterances.js";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const seed = join(root, "examples", "csto-interview.txt");
const MODEL = "/usr/share/pocketsphinx/model/en-us";
const RECOGNISER = "pocketsphinx_continuous";
const json = process.argv.includes("--json");
const log = (line) => process.stderr.write(`bench:wer: ${line}\n`);

function run(cmd, argv, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, argv, { cwd: root, stdio: ["ignore", "pipe", "pipe"], ...options });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`${cmd} exited ${code}: ${stderr.slice(-600)}`)),
    );
  });
}

async function recogniserMissing() {
  const model = ["en-us", "en-us.lm.bin", "cmudict-en-us.dict"].every((f) => existsSync(join(MODEL, f)));
  const found = await run("sh", ["-c", `command -v ${RECOGNISER}`]).then(
    () => true,
    () => false,
  );
  return !(found && model);
}

/** Lower-case words: what a recogniser can output and a reference can be compared on. */
function words(text) {
  return text
    .toLowerCase()
    .replace(/[’‘]/g, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .map((w) => w.replace(/^'+|'+$/g, ""))
    .filter(Boolean);
}

/** Word-level Levenshtein distance over the reference length. */
function wer(reference, hypothesis) {
  const n = reference.length;
  const m = hypothesis.length;
  let previous = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const current = [i];
    for (let j = 1; j <= m; j++) {
      const same = reference[i - 1] === hypothesis[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + same);
    }
    previous = current;
  }
  return previous[m] / n;
}

function allRmsProfile(file) {
  const rms = "{ engine: flite, voice: rms }";
  return writeFile(
    file,
    `description: every role read by Flite rms (benchmark baseline)\n` +
      `roles:\n  narrator: ${rms}\n  host: ${rms}\n  guest: ${rms}\npool:\n  - ${rms}\n`,
  );
}

async function measureProfile(name, profile, work, ffmpeg) {
  const output = join(work, name);
  const argv = [join(root, "bin", "presscast.js"), "build", seed, "-o", output, "--json"];
  if (profile) argv.push("--voices", profile);
  log(`building the seed episode with the ${name} profile`);
  await run(process.execPath, [...argv, "--cache-dir", join(work, "cache")]);
  const episodes = join(output, "episodes");
  const slug = (await readdir(episodes)).find((f) => f.endsWith(".mp3")).replace(/\.mp3$/, "");
  const script = JSON.parse(await readFile(join(episodes, `${slug}.script.json`), "utf8"));
  const voices = await loadVoices(profile);
  const utterances = toUtterances(script, voices.profile, {
    lexicon: voices.lexicon,
    maxChars: voices.maxChars,
    announce: announcements(script),
  });
  // One recogniser per chapter, all at once: chapters start in a pause, so no word is cut.
  const manifest = JSON.parse(await readFile(join(episodes, `${slug}.json`), "utf8"));
  log(`recognising the ${name} episode with pocketsphinx, ${manifest.chapters.length} chapters at once`);
  const heard = await Promise.all(
    manifest.chapters.map(async (chapter, k) => {
      const wav = join(work, `${name}-${k}.wav`);
      const span = ["-ss", String(chapter.start), "-to", String(chapter.end)];
      const mp3 = join(episodes, `${slug}.mp3`);
      await run(ffmpeg, ["-v", "error", "-y", "-i", mp3, ...span, "-ar", "16000", "-ac", "1", wav]);
      return run(RECOGNISER, [
        ...["-infile", wav, "-hmm", join(MODEL, "en-us"), "-lm", join(MODEL, "en-us.lm.bin")],
        ...["-dict", join(MODEL, "cmudict-en-us.dict"), "-logfn", "/dev/null"],
      ]);
    }),
  );
  const hypothesis = words(heard.join(" "));
  return {
    profile: name,
    sent: wer(words(utterances.map((u) => u.spoken).join(" ")), hypothesis),
    written: wer(words(utterances.map((u) => u.text).join(" ")), hypothesis),
    words: hypothesis.length,
  };
}

if (await recogniserMissing()) {
  process.stderr.write(
    `bench:wer needs pocketsphinx and its US English model. On Debian or Ubuntu:\n` +
      `  sudo apt-get install pocketsphinx pocketsphinx-en-us\n` +
      `(${RECOGNISER} on PATH and the model in ${MODEL}).\n`,
  );
  process.exit(1);
}
const work = await mkdtemp(join(tmpdir(), "presscast-wer-"));
try {
  const ffmpeg = resolveFfmpegPath();
  const rms = join(work, "all-rms.yaml");
  await allRmsProfile(rms);
  // Further profiles to compare, as `-- --voices my.yaml`.
  const extra = process.argv.flatMap((arg, i) => (process.argv[i - 1] === "--voices" ? [resolve(arg)] : []));
  const results = [
    await measureProfile("default", undefined, work, ffmpeg),
    await measureProfile("all-rms", rms, work, ffmpeg),
  ];
  for (const file of extra) results.push(await measureProfile(basename(file), file, work, ffmpeg));
  if (json) process.stdout.write(`${JSON.stringify({ results }, null, 2)}\n`);
  else {
    const pct = (x) => `${(100 * x).toFixed(1)}%`.padStart(8);
    process.stdout.write("recogniser WER of the seed episode (pocketsphinx en-us)\n");
    process.stdout.write(`profile    vs sent text   vs written text\n`);
    for (const r of results)
      process.stdout.write(`${r.profile.padEnd(10)} ${pct(r.sent)}       ${pct(r.written)}\n`);
    const gap = 100 * (results[0].sent - results[1].sent);
    process.stdout.write(`default minus all-rms, against the sent text: ${gap.toFixed(1)} points\n`);
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
