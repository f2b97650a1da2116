import type { Command } from "commander";
import { InputError } from "../errors.js";

/** `presscast voices` and `presscast inspect`: what the engines offer, what a file contains. */
export function registerAudioTools(program: Command): void {
  program
    .command("voices")
    .description("list the voices each engine offers on this machine")
    .option("--engine <name>", "only this engine")
    .option("--json", "print one JSON document")
    .action(async (flags: { engine?: string; json?: boolean }) => {
      // The engines' modules load when voices are listed, not for every command.
      const { closeEngines, engineNames, loadEngine } = await import("../synthesize/registry.js");
      const names = flags.engine ? [flags.engine] : engineNames();
      if (flags.engine && !engineNames().includes(flags.engine)) {
        throw new InputError(
          `There is no engine called "${flags.engine}"; the engines are ${engineNames().join(", ")}.`,
        );
      }
      const report: Record<string, { voices?: unknown[]; unavailable?: string }> = {};
      try {
        for (const name of names) {
          try {
            report[name] = { voices: await (await loadEngine(name)).voices() };
          } catch (error) {
            report[name] = { unavailable: (error as Error).message };
          }
        }
      } finally {
        await closeEngines();
      }
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        return;
      }
      for (const [name, entry] of Object.entries(report)) {
        process.stdout.write(`${name}:\n`);
        if (entry.unavailable) process.stdout.write(`  (unavailable: ${entry.unavailable})\n`);
        for (const v of (entry.voices ?? []) as Array<{
          id: string;
          language: string;
          gender?: string;
          description?: string;
        }>) {
          const details = [v.language, v.gender, v.description].filter(Boolean).join(", ");
          process.stdout.write(`  ${v.id.padEnd(24)} ${details}\n`);
        }
        if (entry.voices?.length === 0) process.stdout.write("  (any voice the service accepts)\n");
      }
    });

  program
    .command("inspect")
    .description("duration, tags, chapters and loudness of an audio file")
    .argument("<audio>", "an MP3, M4A or other audio file")
    .option("--json", "print one JSON document")
    .option(
      "--ffmpeg <path>",
      "the ffmpeg binary (default: FFMPEG_PATH, else the bundled one or a newer one on PATH)",
    )
    .action(async (file: string, flags: { json?: boolean; ffmpeg?: string }) => {
      // music-metadata is loaded only for this command: a build never needs it (about 15 MB).
      const { inspect } = await import("../assemble/inspect.js");
      const { createFfmpeg } = await import("../audio/ffmpeg.js");
      const result = await inspect(file, createFfmpeg(flags.ffmpeg ? { ffmpegPath: flags.ffmpeg } : {}));
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
        return;
      }
      const out: string[] = [
        `${file}: ${result.format}, ${result.durationSeconds.toFixed(2)} s` +
          (result.bitrate ? `, ${Math.round(result.bitrate / 1000)} kbps` : "") +
          (result.sampleRate ? `, ${result.sampleRate} Hz` : ""),
        `loudness: ${result.loudness.integrated} LUFS integrated, true peak ${result.loudness.truePeak} dBTP, LRA ${result.loudness.lra} LU`,
      ];
      for (const [key, value] of Object.entries(result.tags)) if (value) out.push(`${key}: ${value}`);
      out.push(`chapters: ${result.chapters.length}`);
      for (const c of result.chapters)
        out.push(`  ${c.start.toFixed(3).padStart(9)}–${c.end.toFixed(3)}  ${c.title}`);
      process.stdout.write(`${out.join("\n")}\n`);
    });
}
