import type { Command } from "commander";
import { readScript } from "../episode/read-script.js";
import { renderScript } from "../script-file/text-form.js";
import { profileLanguage } from "../speech/profile.js";
import { languageFlag } from "./language-flag.js";
import { addWebOptions, fetchOptionsOf, type WebFlags } from "./web-options.js";

interface ScriptFlags extends WebFlags {
  json?: boolean;
  explain?: boolean;
  language?: string;
  voices?: string;
}

export function registerScript(program: Command): void {
  const command = program
    .command("script")
    .description("print the speaker-tagged script of an article (editable; build accepts it back)")
    .argument("<article>", "article file (.txt, .md, .html), a page's http(s) URL, or a script to re-print")
    .option("--json", "print the Script as one JSON document")
    .option("--explain", "list every dropped line and why, on stderr")
    .option(
      "--language <bcp47>",
      "the article's language (default: declared, else detected, else the profile's)",
    )
    .option("--voices <file>", "voice profile whose language is the default; default: voices/default.yaml");
  addWebOptions(command).action(async (article: string, options: ScriptFlags) => {
    const language = languageFlag(options.language);
    const script = await readScript(article, {
      ...(language ? { language } : { defaultLanguage: await profileLanguage(options.voices) }),
      web: fetchOptionsOf(options),
    });
    if (options.explain) {
      for (const line of script.dropped) process.stderr.write(`dropped (${line.reason}): ${line.text}\n`);
    }
    process.stdout.write(options.json ? `${JSON.stringify(script, null, 2)}\n` : renderScript(script));
  });
}
