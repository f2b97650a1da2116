/**
 * Speed of the WASM engines as "× real time" (audio seconds per wall second, start-up
 * included), with one and two worker threads. Off by default; run with PRESSCAST_BENCH=1.
 */
import { describe, expect, it } from "vitest";
import type { Engine } from "../../src/synthesize/engine.js";
import { createEspeakEngine } from "../../src/synthesize/engines/espeak.js";
import { createFliteEngine } from "../../src/synthesize/engines/flite.js";

const SENTENCES = [
  "The committee met on Tuesday to discuss the future of the old railway line.",
  "Several members argued that the line should be restored for passenger service.",
  "Others said the money would be better spent on buses and cycle paths.",
  "After three hours of debate, the chair called for a vote.",
  "The proposal to restore the line passed by a narrow margin of two votes.",
  "Work is expected to begin next spring, if the funding is approved by the regional council.",
  "Local businesses welcomed the decision, saying it would bring visitors back to the valley.",
];

async function measure(create: () => Promise<Engine>, voice: string): Promise<number> {
  const started = performance.now();
  const engine = await create();
  const audio = await Promise.all(
    SENTENCES.map((text) => engine.synthesize(text, { engine: engine.name, voice })),
  );
  const wall = (performance.now() - started) / 1000;
  await engine.close?.();
  const seconds = audio.reduce((sum, clip) => sum + clip.samples.length / clip.sampleRate, 0);
  return seconds / wall;
}

describe.runIf(process.env.PRESSCAST_BENCH)("engine speed (~100 words)", () => {
  it("reports × real time for 1 and 2 worker threads", async () => {
    const words = SENTENCES.join(" ").split(/\s+/).length;
    const rows: string[] = [];
    for (const threads of [1, 2]) {
      for (const voice of ["rms", "slt", "kal16"]) {
        rows.push(
          `flite ${voice} threads=${threads}: ${(await measure(() => createFliteEngine({ threads }), voice)).toFixed(1)}×`,
        );
      }
      rows.push(
        `espeak en-us threads=${threads}: ${(await measure(() => createEspeakEngine({ threads }), "en-us")).toFixed(1)}×`,
      );
    }
    console.log(`${words} words\n${rows.join("\n")}`);
    expect(rows).toHaveLength(8);
  });
});
