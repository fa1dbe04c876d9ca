import nextEnv from "@next/env";

/**
 * Loads `.env*` files the way Next does (`.env.local` over `.env`, mode-specific files included), so
 * scripts see the same configuration as the server they prepare. Variables already set win.
 */
export function loadEnvFiles(dir = process.cwd()): void {
  nextEnv.loadEnvConfig(dir, process.env.NODE_ENV !== "production", { info: () => {}, error: console.error });
}
