import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Audio tests run real engines and ffmpeg; two cores are shared between them.
    maxWorkers: 2,
    minWorkers: 1,
  },
});
