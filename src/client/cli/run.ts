import { parseArgs, type ParseArgsConfig } from "node:util";
import { COMMANDS, type CliIo, type CliOptions, type CommandContext } from "./commands";
import { EXIT, toCliError, usageError } from "./errors";
import { escapeForTerminal } from "../../shared/text";
import { readSession, sessionFilePath } from "./session-file";

export type { CliIo };

const OPTIONS = {
  json: { type: "boolean" },
  url: { type: "string" },
  email: { type: "string" },
  "password-stdin": { type: "boolean" },
  otp: { type: "string" },
  all: { type: "boolean" },
  done: { type: "boolean" },
  search: { type: "string" },
  sort: { type: "string" },
  due: { type: "string" },
  priority: { type: "string" },
  notes: { type: "string" },
  title: { type: "string" },
  list: { type: "string" },
  "with-tasks": { type: "boolean" },
  add: { type: "string" },
  label: { type: "string", multiple: true },
  color: { type: "string" },
  tick: { type: "string" },
  untick: { type: "string" },
  drop: { type: "string" },
  after: { type: "string" },
  repeat: { type: "string" },
  "after-done": { type: "boolean" },
  first: { type: "boolean" },
  raw: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} satisfies ParseArgsConfig["options"];

/** Options every command takes. */
const GLOBAL_OPTIONS = new Set(["json", "url", "help"]);

/** `tasks help`: every command with its options, then the exit codes. */
export function helpText(): string {
  return [
    "tasks: your tasks from the command line",
    "",
    "Usage: tasks <command> [options]   (npm run -s tasks -- <command> in the project)",
    "",
    ...Object.values(COMMANDS).map((c) => `  tasks ${c.usage}\n      ${c.summary}`),
    "",
    "Every command takes --json (machine-readable output) and --url URL (the app; default $TASKS_URL,",
    "else the signed-in server, else http://localhost:3000). The session is kept in",
    "$TASKS_CONFIG_DIR/session.json (default: your config directory, e.g. ~/.config/tasks), mode 0600.",
    "",
    "Exit codes: 0 ok, 1 server error, 2 invalid input, 3 not signed in, 4 not found,",
    "5 server unreachable, 6 too many requests.",
  ].join("\n");
}

/**
 * Runs one CLI invocation and resolves its exit code; every failure is reported on `io.err` as one
 * readable line (never a stack trace).
 *
 * Everything printed goes through `escapeForTerminal`: a title from someone else's export file (or a
 * server that does not refuse them) cannot send the terminal escape sequences or reorder its text.
 */
export async function runCli(argv: string[], rawIo: CliIo): Promise<number> {
  const io: CliIo = { ...rawIo, out: (text) => rawIo.out(escapeForTerminal(text)), err: (text) => rawIo.err(escapeForTerminal(text)) };
  let baseUrl = "http://localhost:3000";
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    } catch (error) {
      // Node's own messages quote unevenly ("Unknown option '--x'. To specify ... as in '-- \"--x\""): say it plainly.
      const { code, message } = error as { code?: string; message: string };
      const option = /'(-[^']*)'/.exec(message)?.[1];
      if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" && option) throw usageError(`Unknown option ${option}`);
      if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE" && option) throw usageError(`Option ${option.split(" ")[0]} needs a value`);
      throw usageError(message);
    }
    const options = parsed.values as CliOptions & { help?: boolean };
    const [name, ...args] = parsed.positionals;
    if (!name || name === "help" || options.help) {
      io.out(helpText());
      return EXIT.ok;
    }
    const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!command) throw usageError(`Unknown command '${name}'`);
    for (const option of Object.keys(options)) {
      if (!GLOBAL_OPTIONS.has(option) && !(command.options as string[]).includes(option)) {
        throw usageError(`Option --${option} does not apply to '${name}'. Usage: tasks ${command.usage}`);
      }
    }
    if (args.length !== command.args) {
      throw usageError(`'${name}' takes ${command.args === 0 ? "no arguments" : `${command.args} argument`}. Usage: tasks ${command.usage}`);
    }

    const sessionPath = sessionFilePath(io.env);
    const session = await readSession(sessionPath);
    const url = options.url ?? io.env.TASKS_URL ?? session?.baseUrl ?? baseUrl;
    try {
      baseUrl = new URL(url).origin;
    } catch {
      throw usageError(`Not a URL: '${url}'`);
    }
    if (!/^https?:$/.test(new URL(baseUrl).protocol)) throw usageError(`Not an http(s) URL: '${url}'`);

    const ctx: CommandContext = { io, args, options, baseUrl, sessionPath, session };
    await command.run(ctx);
    return EXIT.ok;
  } catch (error) {
    const cliError = toCliError(error, baseUrl);
    io.err(`tasks: ${cliError.message}`);
    return cliError.exitCode;
  }
}
