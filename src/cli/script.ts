import type { Command } from "commander";
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
    // The reader's modules load when this command runs, not for every command or --help.
    const [{ readScript }, { renderScript }, { profileLanguage }] = await Promise.all([
      import("../episode/read-script.js"),
      import("../script-file/text-form.js"),
      import("../speech/profile.js"),
    ]);
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
