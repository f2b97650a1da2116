import type { Command } from "commander";

/** Example command lines shown at the end of each command's --help, and of presscast --help. */
const EXAMPLES: Record<string, string[]> = {
  presscast: [
    "presscast build article.md                 an episode in output/, with feed.xml and index.html",
    "presscast script page.html > page.script   the speaker-tagged script, to edit and build",
    "presscast serve                            the output folder at http://127.0.0.1:8080/",
  ],
  build: [
    "presscast build article.txt",
    'presscast build a.md b.html --edition "Monday reads" -o site/podcast',
    "presscast build https://example.com/news/story.html --language en",
    "presscast build --feed https://example.com/rss.xml --limit 5",
    "presscast build article.md --voices voices/openai.yaml --format m4a --json",
  ],
  script: [
    "presscast script article.html > article.script    edit it, then: presscast build article.script",
    "presscast script article.md --json",
    "presscast script page.html --explain > /dev/null   what was left out, and why",
    "presscast script rapport.txt --language fr",
  ],
  voices: ["presscast voices", "presscast voices --engine espeak --json"],
  inspect: ["presscast inspect output/episodes/my-article.mp3", "presscast inspect episode.m4a --json"],
  feed: [
    "presscast feed",
    "presscast feed --check --base-url https://example.com/podcast/",
    "presscast feed -o site/podcast --config site/presscast.yaml --json",
  ],
  remove: ["presscast remove my-article", "presscast remove output/episodes/my-article.mp3 -o output"],
  serve: ["presscast serve", "presscast serve --host 0.0.0.0 --port 8000   reachable from the network"],
  enqueue: [
    "presscast enqueue a.md b.html --redis redis://127.0.0.1:6379",
    'PRESSCAST_REDIS_URL=redis://queue:6379 presscast enqueue a.md b.md --edition "Weekly" --wait',
  ],
  worker: [
    "presscast worker --redis redis://127.0.0.1:6379 -o /mnt/share/podcast --cache-dir /mnt/share/cache",
    "presscast worker --concurrency 2 --verbose",
  ],
  jobs: ["presscast jobs --redis redis://127.0.0.1:6379", "presscast jobs --retry 42 --json"],
};

/** Adds the examples to the program's and every command's --help (a test checks none is missing). */
export function addExamples(program: Command): void {
  for (const command of [program, ...program.commands]) {
    const lines = EXAMPLES[command.name()];
    if (!lines) continue;
    command.addHelpText("after", `\nExamples:\n${lines.map((line) => `  $ ${line}`).join("\n")}\n`);
  }
}
