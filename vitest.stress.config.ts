import { defineConfig } from "vitest/config";

/** `npm run test:stress`: load and crash tests against production servers (needs `npm run build`). */
export default defineConfig({
  test: {
    include: ["stress/**/*.test.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
