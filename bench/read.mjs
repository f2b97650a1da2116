// Reading benchmark: what presscast would speak from real saved pages, against plain Readability.
//
// usage: npm run -s bench:read -- <pages dir> [--labels <file>] [--json] [-v]
//   <pages dir>  a directory holding the benchmark's saved pages (its cache/ and eval/ folders)
//   --labels     the passages to score against; default: bench/read/labels-dev.json
//   --json       print one JSON object on stdout instead of the table
//   -v           list, per page, the passages missed and the chrome leaked
//
// presscast is scored on everything its Script would speak: the title, every chapter heading and
// every segment (ingest + segment, no intro or outro). The baseline is @mozilla/readability on the
// same DOM library (linkedom), given the same decoded text; it speaks its title and textContent.
// Each passage is a substring test after collapsing whitespace (bench/read/README.md).
// Times are in-process, per page, after all modules are loaded: the median is reported.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { InputError } from "../dist/errors.js";
import { decode } from "../dist/ingest/decode.js";
import { ingest } from "../dist/ingest/input.js";
import { segment } from "../dist/segment/segment.js";

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const flag = (name) => args.includes(name);
const labelsAt = args.indexOf("--labels");
const labelsFile = labelsAt >= 0 ? args[labelsAt + 1] : join(here, "read", "labels-dev.json");
const pagesDir = args.find((a, i) => !a.startsWith("-") && args[i - 1] !== "--labels");
if (!pagesDir || !labelsFile) {
  process.stderr.write("usage: npm run -s bench:read -- <pages dir> [--labels <file>] [--json] [-v]\n");
  process.exit(2);
}
const json = flag("--json");
const verbose = flag("-v") || flag("--verbose");

const squash = (text) => text.replace(/\s+/g, " ").trim();

/** The saved page for a label entry: the pages dir itself, or its cache/ or eval/ folder. */
function pagePath(file) {
  for (const sub of ["", "cache", "eval"]) {
    const path = join(pagesDir, sub, file);
    if (existsSync(path)) return path;
  }
  return undefined;
}

/** presscast: the words its Script would speak, or a refusal (bad input) or a crash (anything else). */
async function presscast(path) {
  const t0 = performance.now();
  try {
    const script = segment(await ingest(path));
    const parts = [script.meta.title];
    for (const chapter of script.chapters) {
      parts.push(chapter.title);
      for (const seg of chapter.segments) parts.push(seg.text);
    }
    return { text: squash(parts.join("\n")), ms: performance.now() - t0 };
  } catch (error) {
    const ms = performance.now() - t0;
    if (error instanceof InputError) return { refused: error.message, ms };
    return { crashed: error?.stack ?? String(error), ms };
  }
}

/** The baseline: Readability's title and text content, from the same decoded page. */
function readability(bytes, path) {
  const t0 = performance.now();
  try {
    let html;
    try {
      html = decode(bytes, path, "html");
    } catch {
      html = new TextDecoder("utf-8").decode(bytes);
    }
    const { document } = parseHTML(html);
    const article = new Readability(document).parse();
    const ms = performance.now() - t0;
    if (!article?.textContent?.trim()) return { refused: "no article", ms };
    return { text: squash(`${article.title ?? ""}\n${article.textContent}`), ms };
  } catch (error) {
    return { refused: String(error?.message ?? error), ms: performance.now() - t0 };
  }
}

function emptyScore(name) {
  return { name, tp: 0, fn: 0, fp: 0, tn: 0, refused: 0, crashed: 0, times: [], pages: [] };
}

function score(total, key, entry, result) {
  const page = { key, missed: [], leaked: [] };
  if (result.ms !== undefined) total.times.push(result.ms);
  if (result.crashed) {
    total.crashed++;
    page.crashed = result.crashed;
  } else if (result.refused) {
    total.refused++;
    page.refused = result.refused;
  }
  const text = result.text ?? "";
  for (const passage of entry.with ?? []) {
    if (text?.includes(squash(passage))) total.tp++;
    else {
      total.fn++;
      page.missed.push(passage);
    }
  }
  for (const passage of entry.without ?? []) {
    if (text?.includes(squash(passage))) {
      total.fp++;
      page.leaked.push(passage);
    } else total.tn++;
  }
  if (page.missed.length || page.leaked.length || page.refused || page.crashed) total.pages.push(page);
}

function figures(total) {
  const p = total.tp / (total.tp + total.fp || 1);
  const r = total.tp / (total.tp + total.fn || 1);
  const f1 = p + r ? (2 * p * r) / (p + r) : 0;
  const times = [...total.times].sort((a, b) => a - b);
  const median = times.length ? times[Math.floor((times.length - 1) / 2)] : 0;
  return {
    name: total.name,
    precision: p,
    recall: r,
    f1,
    refused: total.refused,
    crashed: total.crashed,
    medianMs: median,
    ...(({ tp, fp, fn, tn }) => ({ tp, fp, fn, tn }))(total),
  };
}

// ingest loads its HTML reader on the first page; load it now so no page's time includes that.
await import("../dist/ingest/readers/html.js");
const labels = JSON.parse(await readFile(labelsFile, "utf8"));
const mine = emptyScore("presscast");
const base = emptyScore("readability");
let missing = 0;
for (const [key, entry] of Object.entries(labels)) {
  const path = pagePath(entry.file);
  if (!path) {
    missing++;
    continue;
  }
  const bytes = await readFile(path);
  score(base, key, entry, readability(bytes, path));
  score(mine, key, entry, await presscast(path));
}
const results = [figures(mine), figures(base)];
const pages = Object.keys(labels).length - missing;

if (json) {
  console.log(JSON.stringify({ pages, missing, results }, null, 2));
} else {
  const f = (n) => n.toFixed(3);
  console.log(`${pages} pages scored${missing ? `, ${missing} listed but not found` : ""}`);
  console.log("extractor     precision  recall  F1     refused  crashed  ms/page (median)");
  for (const r of results) {
    console.log(
      `${r.name.padEnd(12)}  ${f(r.precision).padStart(9)}  ${f(r.recall).padStart(6)}  ${f(r.f1)}  ${String(r.refused).padStart(7)}  ${String(r.crashed).padStart(7)}  ${r.medianMs.toFixed(1).padStart(8)}`,
    );
  }
}
if (verbose) {
  for (const page of mine.pages) {
    const out = [`\n== ${page.key}`];
    if (page.crashed) out.push(`  CRASHED: ${page.crashed}`);
    if (page.refused) out.push(`  refused: ${page.refused}`);
    for (const p of page.missed) out.push(`  missed: ${p}`);
    for (const p of page.leaked) out.push(`  leaked: ${p}`);
    process.stderr.write(`${out.join("\n")}\n`);
  }
}
if (mine.crashed) process.exitCode = 1;
