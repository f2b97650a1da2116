import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { createProgress, fancyOutput } from "../../src/cli/terminal.js";
import { presscast, root, toneProfile } from "../e2e/helpers.js";

/** The command line behaves as its ecosystem expects: --version, --quiet, bars only on a terminal, examples. */
const ESC = "\u001b";
const work = mkdtempSync(join(tmpdir(), "presscast-conventions-"));
const article = join(work, "note.txt");
writeFileSync(
  article,
  "A short note\n\nThe city planted four hundred trees this spring. Most of them are oaks.\n",
);
const voices = toneProfile(join(work, "tone.yaml"));
const build = (out: string) => [
  "build",
  article,
  "--voices",
  voices,
  "-o",
  join(work, out),
  "--cache-dir",
  join(work, "cache"),
];

/** Runs the command under a pseudo-terminal (util-linux `script`), as a person at a terminal would. */
async function onTerminal(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const line = [process.execPath, join(root, "bin", "presscast.js"), ...args].map((a) => `'${a}'`).join(" ");
  const { stdout } = await promisify(execFile)("script", ["-qec", line, "/dev/null"], {
    cwd: work,
    env: { ...process.env, TERM: "xterm", ...env },
  });
  return stdout;
}

describe("the command line's conventions", () => {
  it("prints its version with --version and -V", async () => {
    const { version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string };
    for (const flag of ["--version", "-V"]) {
      const result = await presscast([flag]);
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(`${version}\n`);
    }
  });

  it("ends every command's --help with examples of that command", async () => {
    const help = (await presscast(["--help"])).stdout;
    expect(help).toContain("-q, --quiet");
    expect(help).toMatch(/Examples:\n {2}\$ presscast build/);
    const commands = [...help.slice(help.indexOf("Commands:")).matchAll(/^ {2}([a-z]+)\b/gm)]
      .map((m) => m[1] ?? "")
      .filter((name) => name !== "help");
    expect(commands).toEqual(
      expect.arrayContaining(["build", "script", "voices", "inspect", "feed", "serve", "remove"]),
    );
    for (const command of commands) {
      const result = await presscast([command, "--help"]);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`\\nExamples:\\n {2}\\$ .*presscast ${command}\\b`));
    }
  });

  describe("a build", () => {
    let quiet: Awaited<ReturnType<typeof presscast>>;
    let quietAfter: Awaited<ReturnType<typeof presscast>>;
    let plain: Awaited<ReturnType<typeof presscast>>;
    beforeAll(async () => {
      quiet = await presscast(["--quiet", ...build("quiet")], { cwd: work });
      quietAfter = await presscast([...build("quiet-after"), "-q"], { cwd: work });
      plain = await presscast(build("plain"), { cwd: work });
    }, 300_000);

    it("with --quiet (before or after the command) says nothing on stderr but warnings", () => {
      for (const run of [quiet, quietAfter]) {
        expect(run.code).toBe(0);
        const lines = run.stderr.split("\n").filter(Boolean);
        expect(lines.length).toBeGreaterThan(0);
        expect(lines.every((line) => line.startsWith("warning:"))).toBe(true);
      }
    });

    it("without a terminal reports progress and its episode in plain lines, no escape codes", () => {
      expect(plain.code).toBe(0);
      expect(plain.stderr).toMatch(/Speaking "A short note": \d+\/\d+\n/);
      expect(plain.stderr).toContain(join(work, "plain", "episodes", "a-short-note.mp3"));
      expect(`${quiet.stderr}${plain.stderr}`).not.toContain(ESC);
    });
  });

  it("draws a progress bar on a terminal, and plain lines there when NO_COLOR is set", async () => {
    const bar = await onTerminal(build("tty"), {});
    expect(bar).toContain(ESC);
    expect(bar).toMatch(/Speaking "A short note" \[[^\]]*\] \d+\/\d+/);
    const plain = await onTerminal(build("tty-no-color"), { NO_COLOR: "1" });
    expect(plain).not.toContain(ESC);
    expect(plain).toMatch(/Speaking "A short note": \d+\/\d+/);
  }, 300_000);

  it("decides on a bar from the stream and the environment", () => {
    const tty = Object.assign(new PassThrough(), { isTTY: true }) as unknown as NodeJS.WriteStream;
    const pipe = Object.assign(new PassThrough(), { isTTY: false }) as unknown as NodeJS.WriteStream;
    expect(fancyOutput(tty, {})).toBe(true);
    expect(fancyOutput(tty, { NO_COLOR: "1" })).toBe(false);
    expect(fancyOutput(tty, { TERM: "dumb" })).toBe(false);
    expect(fancyOutput(pipe, {})).toBe(false);
    const written: string[] = [];
    (tty as unknown as PassThrough).on("data", (chunk: Buffer) => written.push(chunk.toString()));
    const progress = createProgress("Speaking", tty, { NO_COLOR: "1" });
    progress.update(5, 10);
    progress.stop();
    expect(written.join("")).toBe("Speaking: 5/10\n");
  });
});
