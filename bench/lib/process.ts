import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/** A server the benchmark started, in its own process group. */
export interface ServerProcess {
  url: string;
  /** Peak resident memory so far (VmHWM) of its largest process, the server itself, in bytes. */
  peakRss: () => number;
  /** Resident memory now (VmRSS) of the same process, in bytes. */
  rss: () => number;
  /** Sends `signal` to the server process itself. */
  kill: (signal: NodeJS.Signals) => void;
  /** SIGTERM to the group (a graceful stop, which also writes `--cpu-prof` profiles), then waits. */
  stop: () => Promise<void>;
}

/** Every process below `pid` (npm -> sh -> tsx -> node, say). */
function descendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the parent; the command name before it may contain spaces.
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const all: number[] = [];
  const walk = (id: number) => (children.get(id) ?? []).forEach((child) => (all.push(child), walk(child)));
  walk(pid);
  return all;
}

function memoryOf(pid: number, field: "VmHWM" | "VmRSS"): number {
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** Runs `command args…` (an npm script, or node on a script) and waits until `readyPath` answers. */
export async function startServer(options: {
  command: string;
  args: string[];
  port: number;
  env: Record<string, string>;
  readyPath?: string;
  /** Where to run it (the benchmark's own directory unless given). */
  cwd?: string;
}): Promise<ServerProcess> {
  const url = `http://127.0.0.1:${options.port}`;
  let output = "";
  const child = spawn(options.command, options.args, {
    detached: true,
    cwd: options.cwd,
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...options.env },
  });
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${options.command} ${options.args.join(" ")} exited (${child.exitCode}):\n${output}`);
    try {
      await fetch(url + (options.readyPath ?? "/"));
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`${options.command} ${options.args.join(" ")} did not answer within 60 s:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return {
    url,
    peakRss: () => Math.max(...[child.pid!, ...descendants(child.pid!)].map((pid) => memoryOf(pid, "VmHWM"))),
    rss: () => Math.max(...[child.pid!, ...descendants(child.pid!)].map((pid) => memoryOf(pid, "VmRSS"))),
    kill: (signal) => process.kill(child.pid!, signal),
    stop: async () => {
      try {
        process.kill(-child.pid!, "SIGTERM");
      } catch {
        // already gone
      }
      await exited;
    },
  };
}
