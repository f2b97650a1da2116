// The import boundaries docs/ARCHITECTURE.md describes, checked by `npm test`.
// The stages in pipeline order: each may import earlier stages and the shared layers, never a
// later stage and never anything above the stages.
const STAGES = ["ingest", "segment", "speech", "synthesize", "assemble", "publish"];
// Above the stages, lowest first: episode runs them, serve serves what publish wrote, queue runs
// episodes on workers, cli parses and prints; src/index.ts is the library's front door.
const ABOVE = ["episode", "serve", "queue", "cli"];
// Under every stage: they import no stage and nothing above.
const SHARED = ["audio", "output", "text", "web", "script-file"];

const folders = (names) => `^src/(${names.join("|")})/`;
const FRONT = "^src/index\\.ts$";
const laterThan = (list, name) => list.slice(list.indexOf(name) + 1);

module.exports = {
  forbidden: [
    ...STAGES.map((stage) => ({
      name: `${stage}-imports-a-later-stage`,
      comment: `${stage} is a pipeline stage: it imports earlier stages and the shared layers only.`,
      severity: "error",
      from: { path: `^src/${stage}/` },
      to: { path: [folders([...laterThan(STAGES, stage), ...ABOVE]), FRONT] },
    })),
    ...ABOVE.slice(0, -1).map((layer) => ({
      name: `${layer}-imports-a-higher-layer`,
      comment: `${layer} sits under ${laterThan(ABOVE, layer).join(", ")}: it never imports them.`,
      severity: "error",
      from: { path: `^src/${layer}/` },
      to: { path: [folders(laterThan(ABOVE, layer)), FRONT] },
    })),
    {
      name: "shared-imports-a-stage",
      comment: `${SHARED.join(", ")} and the files at the top of src sit under every stage: they import no stage.`,
      severity: "error",
      from: { path: [folders(SHARED), "^src/[^/]+\\.ts$"], pathNot: FRONT },
      to: { path: [folders([...STAGES, ...ABOVE]), FRONT] },
    },
    {
      name: "no-circular",
      comment:
        "A cycle makes two modules one: neither can be loaded or tested alone. Type-only imports are erased when compiled, so a cycle through one is not a cycle at run time.",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(dist|node_modules)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
  },
};
