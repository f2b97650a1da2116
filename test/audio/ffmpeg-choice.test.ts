/**
 * Which ffmpeg encodes: asked in the background (while a build speaks) it is the same answer as
 * asked on the spot, and asking never fails a build by itself.
 */
import { describe, expect, it } from "vitest";
import { createFfmpeg } from "../../src/audio/ffmpeg.js";
import {
  chooseFfmpeg,
  chooseFfmpegSoon,
  describeFfmpeg,
  describeFfmpegSoon,
} from "../../src/audio/ffmpeg-choice.js";
import { ffmpeg } from "../assemble/helpers.js";

describe("choosing ffmpeg", () => {
  it("gives the same answer asked in the background as asked on the spot", async () => {
    const bundled = ffmpeg.path;
    expect(await chooseFfmpegSoon(bundled, process.env)).toEqual(chooseFfmpeg(bundled, process.env));
    expect(await describeFfmpegSoon(bundled)).toEqual(describeFfmpeg(bundled));
    expect(describeFfmpeg(bundled)?.version).toMatch(/\S/);
  });

  it("describes a binary that is not an ffmpeg as nothing, without throwing", async () => {
    expect(describeFfmpeg("/bin/false")).toBeUndefined();
    expect(await describeFfmpegSoon("/bin/false")).toBeUndefined();
    expect(await describeFfmpegSoon("/no/such/ffmpeg")).toBeUndefined();
  });

  it("prepares a runner once; its path and version are then the choice, and it runs", async () => {
    const runner = createFfmpeg();
    const asked = runner.prepare();
    expect(runner.prepare()).toBe(asked);
    await asked;
    const plain = createFfmpeg();
    expect([runner.path, runner.version]).toEqual([plain.path, plain.version]);
    const { stdout } = await runner.run(["-f", "lavfi", "-i", "anullsrc=d=0.1", "-f", "null", "-"], {
      what: "a test",
      stdout: "buffer",
    });
    expect(stdout).toBeInstanceOf(Buffer);
  });

  it("prepares a named binary that does not answer as an unknown version, and reports it only when run", async () => {
    const runner = createFfmpeg({ ffmpegPath: "/bin/false" });
    await expect(runner.prepare()).resolves.toBeUndefined();
    expect(runner.version).toBe("unknown");
    await expect(runner.run(["-version"], { what: "a test" })).rejects.toThrow(
      /exited with code 1 while a test/,
    );
  });
});
