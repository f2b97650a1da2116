// Inputs for the benchmark: the seed's body as one plain text (for the bare engine), and
// book-length articles made from the shared corpus, varied so that no sentence repeats.
import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { parse } from "yaml";

const run = promisify(execFile);
/** The English corpus articles (03 is French: it would bench eSpeak, not the default engine). */
const CORPUS = [
  "04-kotaku-metroid-very-long/source.html",
  "02-aclu-facebook-blog/source.html",
  "07-opensource-audio-qa-interview-md/source.md",
  "11-upworthy-vetdogs-transcript-txt/source.txt",
];
/** One of these goes after the first word of every sentence of the n-th repetition. */
const ASIDES = [
  "indeed",
  "frankly",
  "of course",
  "in fact",
  "as it happens",
  "to be fair",
  "oddly",
  "luckily",
  "in short",
  "once again",
  "by the way",
  "no doubt",
  "at heart",
  "on reflection",
];

async function scriptOf(cli, root, file) {
  const { stdout } = await run(process.execPath, [cli, "script", file, "--json"], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout);
}

/** Typographic marks made plain, as Flite needs (it drops every non-ASCII byte). */
function ascii(text) {
  return text
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[‘’]/g, "'")
    .replace(/[“”«»]/g, '"')
    .replace(/[–—]/g, ", ")
    .replace(/[^\x20-\x7e\n]/g, " ");
}

/** The seed's title, headings and turns as one text, and the voice the profile reads narration with. */
export async function seedBodyText(cli, seed, root) {
  const script = await scriptOf(cli, root, seed);
  const lines = [script.meta.title];
  for (const chapter of script.chapters) {
    if (chapter.title !== script.meta.title) lines.push(chapter.title);
    for (const segment of chapter.segments) lines.push(segment.text);
  }
  const profile = parse(await readFile(join(root, "voices", "default.yaml"), "utf8"));
  return { text: `${ascii(lines.join("\n"))}\n`, voice: profile.roles.narrator.voice };
}

let corpus;

/** Writes a Markdown article of about `words` words; returns its exact word count. */
export async function makeScaleArticle(cli, root, words, file) {
  corpus ??= await Promise.all(
    CORPUS.map((path) => scriptOf(cli, root, join(root, "test", "fixtures", "corpus", path))),
  );
  const out = [`# Benchmark reading of ${words} words`, ""];
  let count = 0;
  for (let rep = 0; count < words; rep++) {
    const aside = rep === 0 ? "" : ASIDES[(rep - 1) % ASIDES.length];
    const tag = rep < ASIDES.length ? "" : ` ${Math.floor(rep / ASIDES.length) + 1}`;
    for (const script of corpus) {
      for (const chapter of script.chapters) {
        if (count >= words) break;
        out.push(`## ${chapter.title}${rep ? `, part ${rep + 1}` : ""}`, "");
        for (const segment of chapter.segments) {
          const text = rep ? vary(segment.text, `${aside}${tag}`) : segment.text;
          out.push(text, "");
          count += text.split(/\s+/).filter(Boolean).length;
          if (count >= words) break;
        }
      }
    }
  }
  await writeFile(file, `${out.join("\n")}\n`);
  return count;
}

function vary(paragraph, aside) {
  return paragraph
    .split(/(?<=[.!?])\s+/)
    .map((sentence) => sentence.replace(/^(\S+)\s/, `$1, ${aside}, `))
    .join(" ");
}
