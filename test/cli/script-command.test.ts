import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const presscast = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, "bin", "presscast.js"), ...args], { cwd: root, encoding: "utf8" });

describe("presscast script (the built command)", () => {
  it("prints the seed's Script as JSON on stdout and nothing else", () => {
    const run = presscast("script", "examples/csto-interview.txt", "--json");
    expect(run.status).toBe(0);
    const script = JSON.parse(run.stdout);
    expect(Object.keys(script)).toEqual(["meta", "speakers", "chapters", "dropped"]);
    expect(script.chapters).toHaveLength(4);
  });

  it("explains dropped lines on stderr", () => {
    const run = presscast("script", "examples/csto-interview.txt", "--explain");
    expect(run.status).toBe(0);
    expect(run.stderr).toContain("dropped (translation credit): Переведено сервисом");
    expect(run.stdout).toContain("[guest] The CSTO is closely monitoring");
  });

  it("reads its own output back", () => {
    const dir = mkdtempSync(join(tmpdir(), "presscast-cli-"));
    const first = presscast("script", "examples/csto-interview.txt");
    writeFileSync(join(dir, "seed.script"), first.stdout);
    const second = presscast("script", join(dir, "seed.script"));
    expect(second.stdout).toBe(first.stdout);
  });

  it("exits 2 with one sentence naming the file for bad input, and writes nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), "presscast-cli-"));
    const empty = join(dir, "empty.txt");
    writeFileSync(empty, "");
    for (const file of [empty, join(dir, "missing.md")]) {
      const run = presscast("script", file);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).toContain(file);
      expect(run.stderr).not.toMatch(/\bat .*\.js:\d+/);
    }
    expect(readdirSync(dir)).toEqual(["empty.txt"]);
  });

  it("exits 2 on a usage error", () => {
    expect(presscast("script").status).toBe(2);
    expect(presscast("no-such-command").status).toBe(2);
  });
});
