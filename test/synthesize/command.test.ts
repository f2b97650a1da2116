import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { InputError, WorkError } from "../../src/errors.js";
import { createCommandEngine } from "../../src/synthesize/engines/command.js";
import type { Voice } from "../../src/types.js";
import { testEngine } from "./contract.js";
import { medianPitch } from "./pitch.js";

/** A real program: test/fixtures/engines/tone.mjs, run by this very Node. */
const TONE = fileURLToPath(new URL("../fixtures/engines/tone.mjs", import.meta.url));
const FILE_TEMPLATE = {
  command: process.execPath,
  args: [TONE, "--voice", "{voice}", "--output", "{output}", "--rate", "{rate}"],
  input: "stdin",
  output: "file",
  format: "wav",
};
const ARGUMENT_TEMPLATE = {
  command: process.execPath,
  args: [TONE, "--voice", "{voice}", "--text", "{text}", "--raw"],
  input: "argument",
  output: "stdout",
  format: "raw",
  sampleRate: 16000,
};
const voice = (name: string, options: Record<string, unknown> = FILE_TEMPLATE): Voice => ({
  engine: "command",
  voice: name,
  options,
});

testEngine("command", async () => ({
  engine: await createCommandEngine({ voices: ["low", "high", "silent", "fail"] }),
  voices: [voice("low"), voice("high")],
}));

describe("command engine", () => {
  it("never hands the text to a shell, whether on stdin or as an argument", async () => {
    const dir = await mkdtemp(join(tmpdir(), "presscast-shell-"));
    const engine = await createCommandEngine();
    try {
      for (const template of [FILE_TEMPLATE, ARGUMENT_TEMPLATE]) {
        const text = `Run $(touch ${join(dir, "a")}) and \`touch ${join(dir, "b")}\`; touch ${join(dir, "c")}`;
        const audio = await engine.synthesize(text, voice("high", template));
        expect(audio.samples.length / audio.sampleRate).toBeGreaterThan(0.06 * text.length * 0.9);
      }
      for (const name of ["a", "b", "c"]) expect(existsSync(join(dir, name))).toBe(false);
    } finally {
      await engine.close?.();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("reads raw PCM from stdout at the stated rate", async () => {
    const engine = await createCommandEngine();
    const audio = await engine.synthesize("Tone.", voice("low", ARGUMENT_TEMPLATE));
    expect(audio.sampleRate).toBe(16000);
    expect(medianPitch(audio)).toBeCloseTo(120, -1);
    await engine.close?.();
  });

  it("turns a failing program into a WorkError quoting its stderr", async () => {
    const engine = await createCommandEngine();
    const error = await engine.synthesize("Hello.", voice("fail")).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(WorkError);
    expect((error as Error).message).toContain("exited with code 3");
    expect((error as Error).message).toContain("voice 'fail' is broken beyond repair");
    await engine.close?.();
  });

  it("says clearly when the program or the template is wrong", async () => {
    const engine = await createCommandEngine();
    const missing = { ...FILE_TEMPLATE, command: "presscast-no-such-tts" };
    await expect(engine.synthesize("Hi.", voice("low", missing))).rejects.toThrow(
      /could not find the program "presscast-no-such-tts"/,
    );
    const noOutput = { ...FILE_TEMPLATE, args: [TONE] };
    await expect(engine.synthesize("Hi.", voice("low", noOutput))).rejects.toThrow(InputError);
    await expect(engine.synthesize("Hi.", voice("low", { args: [] }))).rejects.toThrow(/no "command"/);
    await engine.close?.();
  });
});
