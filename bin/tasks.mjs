#!/usr/bin/env node
// The `tasks` bin in a checkout (`npx tasks …`, or `npm link` for a global `tasks`): runs the CLI's
// TypeScript through tsx. The built client package (`npm run build:client`) ships compiled JavaScript.
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
await import("../src/client/cli/main.ts");
