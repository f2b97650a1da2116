import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Script } from "../../src/types.js";

const root = join(import.meta.dirname, "..", "..");
const scriptJson = (file: string): Script => {
  const run = spawnSync(process.execPath, [join(root, "bin", "presscast.js"), "script", file, "--json"], {
    cwd: root,
    encoding: "utf8",
  });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as Script;
};

describe("presscast script --json on interviews (the built command)", () => {
  it("a saved page with bold labels: the publication is the host, the guest keeps one id", () => {
    const script = scriptJson("test/fixtures/interviews/de-outlet-labels.html");
    expect(script.speakers).toEqual([
      { id: "narrator", role: "narrator" },
      { id: "host", role: "host", name: "Rheinblick" },
      { id: "guest", role: "guest", name: "Prof. Katrin Weiß" },
    ]);
    const segments = script.chapters.flatMap((c) => c.segments);
    const order = segments.map((s) => s.speaker).filter((id, i, all) => id !== all[i - 1]);
    expect(order).toEqual(["narrator", ...Array.from({ length: 4 }, () => ["host", "guest"]).flat(), "host"]);
    const spoken = segments.map((s) => s.text).join("\n");
    for (const label of ["Rheinblick:", "Weiß:", "Prof. Katrin"]) expect(spoken).not.toContain(label);
    expect(spoken).toContain("Ein Baum kostet weniger als ein Parkplatz");
  });

  it("a Markdown page of bold questions: questions the host's, answers the guest's", () => {
    const script = scriptJson("test/fixtures/interviews/en-bold-questions.md");
    const segments = script.chapters.flatMap((c) => c.segments);
    const asked = segments.filter((s) => s.speaker === "host").map((s) => s.text);
    expect(asked).toHaveLength(5);
    expect(asked.every((q) => q.endsWith("?"))).toBe(true);
    expect(segments.filter((s) => s.speaker === "guest")).toHaveLength(6);
  });
});
