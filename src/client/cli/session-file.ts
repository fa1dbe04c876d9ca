import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import envPaths from "env-paths";
import { z } from "zod";

/** What `tasks login` keeps between runs: where the app is and the session cookie (never the password). */
export const storedSessionSchema = z.object({
  baseUrl: z.url(),
  email: z.string(),
  sessionCookie: z.string().min(1),
});
export type StoredSession = z.infer<typeof storedSessionSchema>;

/**
 * The session file: `$TASKS_CONFIG_DIR/session.json`, else the platform's config directory
 * (`~/.config/tasks` on Linux, honouring `XDG_CONFIG_HOME`; `~/Library/Preferences/tasks` on macOS;
 * `%APPDATA%\tasks\Config` on Windows).
 */
export function sessionFilePath(env: Record<string, string | undefined>): string {
  const dir = env.TASKS_CONFIG_DIR || envPaths("tasks", { suffix: "" }).config;
  return join(dir, "session.json");
}

/** The stored session, or null when there is none (or it is unreadable: signing in again mends it). */
export async function readSession(path: string): Promise<StoredSession | null> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return null;
  }
  try {
    const parsed = storedSessionSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Writes the session readable by its owner only (file 0600 in a 0700 directory), also over an older file. */
export async function writeSession(path: string, session: StoredSession): Promise<void> {
  const dir = join(path, "..");
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(path, `${JSON.stringify(session, null, 2)}\n`, { mode: 0o600 });
  // `mode` applies only when the file is created; an existing file keeps its mode otherwise.
  await chmod(path, 0o600);
}

/** Forgets the session; no error when there is none. */
export async function deleteSession(path: string): Promise<void> {
  await rm(path, { force: true });
}
