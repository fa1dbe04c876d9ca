/**
 * The baseline: the same 50-row page `task.list` answers, from the same database, with nothing but
 * `node:http` and the driver (better-sqlite3 with a statement prepared once, or a `pg` pool with a named
 * prepared statement), and `JSON.stringify`. No framework, no auth.
 * Usage: tsx bench/servers/bare-server.ts --port <n> --db <file or postgres:// URL> --user <id>
 */
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";

const { values } = parseArgs({ options: { port: { type: "string" }, db: { type: "string" }, user: { type: "string" } } });
const userId = values.user!;
const PAGE = "select * from task where user_id = $1 order by created_at, id limit 51";

/** The page's rows, from whichever database `--db` names. */
function pageQuery(url: string): () => Promise<{ completed: number }[]> {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({ connectionString: url, max: 10 });
    return async () => (await pool.query<{ completed: number }>({ name: "page", text: PAGE, values: [userId] })).rows;
  }
  const statement = new Database(url, { readonly: true }).prepare(PAGE.replace("$1", "?"));
  return async () => statement.all(userId) as { completed: number }[];
}
const page = pageQuery(values.db!);

createServer((_req, res) => {
  void page().then((rows) => {
    const items = rows.slice(0, 50).map((row) => ({ ...row, completed: row.completed === 1 }));
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ items, nextCursor: rows.length > 50 ? "next" : null }));
  });
}).listen(Number(values.port), () => console.log("Ready"));
