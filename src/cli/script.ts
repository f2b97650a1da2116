import type { Command } from "commander";
import { readScript } from "../episode/read-script.js";
import { renderScript } from "../script-file/text-form.js";

export function registerScript(program: Command): void {
  program
    .command("script")
    .description("print the speaker-tagged script of an article (editable; build accepts it back)")
    .argument("<article>", "article file: .txt, .md or .html (or a script to re-print)")
    .option("--json", "print the Script as one JSON document")
    .option("--explain", "list every dropped line and why, on stderr")
    .action(async (article: string, options: { json?: boolean; explain?: boolean }) => {
      const script = await readScript(article);
      if (options.explain) {
        for (const line of script.dropped) process.stderr.write(`dropped (${line.reason}): ${line.text}\n`);
      }
      process.stdout.write(options.json ? `${JSON.stringify(script, null, 2)}\n` : renderScript(script));
    });
}
