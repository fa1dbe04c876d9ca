#!/usr/bin/env node
/**
 * The `tasks` command: `npm run -s tasks -- <command>` in the project, `tasks <command>` once the
 * client package is installed. See `tasks help`.
 */
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline/promises";
import { Writable } from "node:stream";
import { runCli, type CliIo } from "./run";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Asks on the terminal; a hidden answer is not echoed (the password). */
async function prompt(question: string, { hidden }: { hidden: boolean }): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, encoding, done) {
      if (!muted) process.stdout.write(chunk, encoding);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  try {
    if (!hidden) return await rl.question(question);
    // readline redraws its own prompt, so the question goes out before muting and is not its prompt.
    process.stdout.write(question);
    muted = true;
    return await rl.question("");
  } finally {
    rl.close();
    if (hidden) process.stdout.write("\n");
  }
}

// Ctrl-C (or SIGTERM) ends a long-running command such as `watch` cleanly, with exit code 0.
const interrupted = new AbortController();
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => interrupted.abort());

const io: CliIo = {
  env: process.env,
  signal: interrupted.signal,
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
  readStdin,
  readFile: (path) => readFile(path, "utf8"),
  prompt: process.stdin.isTTY ? prompt : undefined,
};

process.exitCode = await runCli(process.argv.slice(2), io);
