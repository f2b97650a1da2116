import { existsSync, readdirSync, readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { createSayEngine } from "../../src/synthesize/engines/say.js";
import {
  closeEngine,
  closeEngines,
  engineNames,
  loadEngine,
  stopEngines,
} from "../../src/synthesize/registry.js";

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

/** This process's child processes (Linux). */
function children(): number[] {
  const tasks = `/proc/${process.pid}/task`;
  return readdirSync(tasks).flatMap((task) =>
    readFileSync(`${tasks}/${task}/children`, "utf8").split(" ").filter(Boolean).map(Number),
  );
}

async function newChild(before: number[]): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const born = children().find((pid) => !before.includes(pid));
    if (born !== undefined) return born;
    await sleep(50);
  }
  throw new Error("no engine process started");
}

describe.runIf(process.platform === "linux")("stopping engines", () => {
  it("stops at once without waiting; closeEngines then waits until the processes have exited", async () => {
    const before = children();
    const engine = await loadEngine("flite", { threads: 1 });
    engine.warm?.();
    const pid = await newChild(before);
    const stopped = stopEngines();
    expect(await loadEngine("flite", { threads: 1 })).not.toBe(engine);
    await closeEngines();
    expect(existsSync(`/proc/${pid}`)).toBe(false);
    await stopped;
  });

  it("closes one engine by its options, leaving the same engine loaded with others running", async () => {
    const before = children();
    const speaking = await loadEngine("flite", { threads: 1 });
    const checking = await loadEngine("flite", { threads: 2 });
    speaking.warm?.();
    const pid = await newChild(before);
    await closeEngine("flite", { threads: 2 });
    expect(await loadEngine("flite", { threads: 1 })).toBe(speaking);
    expect(await loadEngine("flite", { threads: 2 })).not.toBe(checking);
    expect(existsSync(`/proc/${pid}`)).toBe(true);
    await closeEngines();
    expect(existsSync(`/proc/${pid}`)).toBe(false);
  });
});
