/**
 * The baseline: the same 50-row page `task.list` answers, from the same database, with nothing but
 * `node:http` and better-sqlite3 (a statement prepared once, `JSON.stringify`). No framework, no auth.
 * Usage: tsx bench/servers/bare-server.ts --port <n> --db <file> --user <id>
 */
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";

const { values } = parseArgs({ options: { port: { type: "string" }, db: { type: "string" }, user: { type: "string" } } });
const db = new Database(values.db!, { readonly: true });
const page = db.prepare("select * from task where user_id = ? order by created_at, id limit 51");

createServer((_req, res) => {
  const rows = page.all(values.user) as { completed: number }[];
  const items = rows.slice(0, 50).map((row) => ({ ...row, completed: row.completed === 1 }));
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ items, nextCursor: rows.length > 50 ? "next" : null }));
}).listen(Number(values.port), () => console.log("Ready"));
