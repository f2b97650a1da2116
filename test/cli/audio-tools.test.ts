import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ffmpegPath = (createRequire(import.meta.url)("@ffmpeg-installer/ffmpeg") as { path: string }).path;
const root = join(import.meta.dirname, "..", "..");
const presscast = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, "bin", "presscast.js"), ...args], { cwd: root, encoding: "utf8" });

describe("presscast voices and inspect", () => {
  it("lists the voices each engine offers here, and says why say is unavailable", () => {
    const run = presscast("voices", "--json");
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as Record<
      string,
      { voices?: Array<{ id: string }>; unavailable?: string }
    >;
    expect(report.flite?.voices?.map((v) => v.id)).toEqual(expect.arrayContaining(["slt", "rms", "awb"]));
    expect(report.espeak?.voices?.length).toBeGreaterThan(50);
    if (process.platform === "linux") expect(report.say?.unavailable).toMatch(/macOS and Windows/);
  });

  it("refuses an unknown engine with the list of engines", () => {
    const run = presscast("voices", "--engine", "nope");
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/flite, espeak/);
  });

  it("inspects an MP3 it did not make, and refuses a file that is not audio", () => {
    const mp3 = join(mkdtempSync(join(tmpdir(), "presscast-inspect-")), "tone.mp3");
    const make = spawnSync(ffmpegPath, [
      "-v",
      "error",
      "-f",
      "lavfi",
      "-i",
      "sine=frequency=440:duration=2",
      "-metadata",
      "title=A tone",
      mp3,
    ]);
    expect(make.status).toBe(0);
    const inspected = presscast("inspect", mp3, "--json");
    expect(inspected.status, inspected.stderr).toBe(0);
    const result = JSON.parse(inspected.stdout) as {
      durationSeconds: number;
      tags: { title?: string };
      loudness: { integrated: number };
    };
    expect(result.durationSeconds).toBeCloseTo(2, 1);
    expect(result.tags.title).toBe("A tone");
    expect(result.loudness.integrated).toBeLessThan(0);
    const notAudio = presscast("inspect", "examples/csto-interview.txt");
    expect(notAudio.status).toBe(2);
    expect(notAudio.stderr).toContain("examples/csto-interview.txt");
    const missing = presscast("inspect", "nowhere.mp3", "--json");
    expect(missing.status).toBe(2);
    expect(missing.stdout).toBe("");
  });
});
