// The synthesis phase alone: script → utterances → synthesize into an empty
// cache with N parallel calls and N Flite worker threads. Prints {"seconds","utterances"} as JSON;
// only the synthesize() call is timed (engine start-up included).
// usage: node bench/synth.mjs <article> <cacheDir> <concurrency>

import { readScript } from "../dist/episode/read-script.js";
import { loadVoices } from "../dist/episode/voices.js";
import { toUtterances } from "../dist/speech/utterances.js";
import { loadEngine } from "../dist/synthesize/registry.js";
import { closeEngines, synthesize } from "../dist/synthesize/synthesize.js";

const [article, cacheDir, n] = process.argv.slice(2);
const concurrency = Number(n);
const script = await readScript(article);
const voices = await loadVoices(undefined);
const utterances = toUtterances(script, voices.profile, {
  lexicon: voices.lexicon,
  maxChars: voices.maxChars,
});
const t0 = performance.now();
const clips = await synthesize(utterances, {
  loadEngine: (name) => loadEngine(name, { threads: concurrency }),
  cacheDir,
  concurrency,
});
const seconds = (performance.now() - t0) / 1000;
await closeEngines();
const synthesized = clips.filter((clip) => !clip.cached).length;
process.stdout.write(`${JSON.stringify({ seconds, utterances: utterances.length, synthesized })}\n`);
