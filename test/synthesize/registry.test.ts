import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { createSayEngine } from "../../src/synthesize/engines/say.js";
import { closeEngines, engineNames, loadEngine } from "../../src/synthesize/registry.js";

describe("engine registry", () => {
  it("names every engine", () => {
    expect(engineNames()).toEqual(["flite", "espeak", "command", "say", "openai"]);
  });

  it("refuses an unknown engine, naming the known ones", async () => {
    const error = await loadEngine("festival").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      'There is no TTS engine called "festival"; the engines are flite, espeak, command, say, openai.',
    );
  });

  it("loads an engine once and closes it", async () => {
    const first = await loadEngine("command");
    expect(await loadEngine("command")).toBe(first);
    await closeEngines();
    expect(await loadEngine("command")).not.toBe(first);
    await closeEngines();
  });
});

describe.runIf(process.platform === "linux")("say engine on Linux", () => {
  it("fails at load, saying where it works and what to use instead", async () => {
    const error = await loadEngine("say").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      "The say engine only works on macOS and Windows (this is linux); use flite, espeak, command or openai instead.",
    );
    await expect(createSayEngine({ platform: "freebsd" })).rejects.toThrow(/this is freebsd/);
  });
});
