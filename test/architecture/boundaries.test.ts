import { spawnSync } from "node:child_process";
import { appendFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { root } from "../e2e/helpers.js";

/**
 * The import-boundary check `npm test` runs (dependency-cruiser with .dependency-cruiser.cjs):
 * it passes on the source tree, and fails, naming the rule and the import, on a copy of the tree
 * with one deliberately wrong import added.
 */
const depcruise = join(root, "node_modules", "dependency-cruiser", "bin", "dependency-cruise.mjs");
const copies: string[] = [];

function check(tree: string): { status: number | null; out: string } {
  const run = spawnSync(process.execPath, [depcruise, "src", "--config", ".dependency-cruiser.cjs"], {
    cwd: tree,
    encoding: "utf8",
  });
  return { status: run.status, out: `${run.stdout}${run.stderr}` };
}

/** A copy of src/ (and the check's config) with each line added to its file. */
function treeWith(added: Record<string, string>): string {
  const tree = mkdtempSync(join(tmpdir(), "presscast-boundary-"));
  copies.push(tree);
  for (const name of ["src", "tsconfig.json", ".dependency-cruiser.cjs"])
    cpSync(join(root, name), join(tree, name), { recursive: true });
  for (const [file, line] of Object.entries(added)) appendFileSync(join(tree, file), `\n${line}\n`);
  return tree;
}

afterAll(() => {
  for (const tree of copies) rmSync(tree, { recursive: true, force: true });
});

describe("the import-boundary check", () => {
  it("passes on the source tree", () => {
    const result = check(root);
    expect(result.out).toContain("no dependency violations found");
    expect(result.status).toBe(0);
  });

  it.each([
    [
      "a stage imports a later stage",
      { "src/ingest/decode.ts": 'export { segment } from "../segment/segment.js";' },
      "ingest-imports-a-later-stage: src/ingest/decode.ts → src/segment/segment.ts",
    ],
    [
      "a stage imports the command line",
      { "src/publish/feed.ts": 'export { main } from "../cli/main.js";' },
      "publish-imports-a-later-stage: src/publish/feed.ts → src/cli/main.ts",
    ],
    [
      "a shared layer imports a stage",
      { "src/audio/wav.ts": 'export type { Encoder } from "../assemble/encoders/encoder.js";' },
      "shared-imports-a-stage: src/audio/wav.ts → src/assemble/encoders/encoder.ts",
    ],
    [
      "the episode layer imports the command line",
      { "src/episode/edition.ts": 'export { exitCode } from "../cli/main.js";' },
      "episode-imports-a-higher-layer: src/episode/edition.ts → src/cli/main.ts",
    ],
    [
      "two modules import each other",
      {
        "src/text/slug.ts": 'import "./language-tag.js";',
        "src/text/language-tag.ts": 'import "./slug.js";',
      },
      "no-circular: src/text/language-tag.ts →",
    ],
  ])(
    "fails when %s",
    (_what, added, rule) => {
      const result = check(treeWith(added));
      expect(result.status).not.toBe(0);
      expect(result.out).toContain(rule);
    },
    60_000,
  );
});
