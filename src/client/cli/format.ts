import stringWidth from "string-width";
import { dayOf, timeOf } from "../../shared/task-view";

/** A task's due day, and its time when it has one: `2030-01-02` or `2030-01-02 17:00`. */
const dueText = (task: Task) => (task.dueDate ? `${dayOf(task.dueDate)}${task.dueHasTime ? ` ${timeOf(task.dueDate)}` : ""}` : "-");
import type { RouterOutputs } from "../../server/trpc/routers/_app";

/** A task as the API returns it. */
export type Task = RouterOutputs["task"]["byId"];

const TITLE_MAX = 60;

/** Cuts `text` to `max` columns (wide characters count double), marking the cut with an ellipsis. */
function fit(text: string, max: number): string {
  if (stringWidth(text) <= max) return text;
  let out = "";
  for (const char of text) {
    if (stringWidth(out + char) > max - 1) break;
    out += char;
  }
  return `${out}…`;
}

const pad = (text: string, width: number) => text + " ".repeat(Math.max(0, width - stringWidth(text)));

/** Rows under a header, columns padded to their widest cell. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((title, i) => Math.max(stringWidth(title), ...rows.map((row) => stringWidth(row[i] ?? ""))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : pad(cell, widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

/** The human view of a task list: one line a task, newest state of each field, its labels as `#name` (from `labelNames`). */
export function formatTasks(tasks: readonly Task[], labelNames: ReadonlyMap<string, string> = new Map()): string {
  return table(
    ["ID", "DONE", "PRIORITY", "DUE", "TITLE"],
    tasks.map((task) => [
      task.id,
      task.completed ? "[x]" : "[ ]",
      task.priority === "none" ? "-" : task.priority,
      dueText(task),
      [
        fit(task.title.replace(/\s+/g, " "), TITLE_MAX),
        task.subtasks.total > 0 ? `${task.subtasks.done}/${task.subtasks.total}` : "",
        task.repeat ? `↻ ${task.repeat.text}` : "",
        ...task.labelIds.flatMap((id) => (labelNames.has(id) ? [`#${labelNames.get(id)}`] : [])),
      ]
        .filter(Boolean)
        .join("  "),
    ]),
  );
}

/** The human view of one task, for what `add`, `done`, `edit` answer. */
export function formatTask(task: Task): string {
  const facts = [
    task.completed ? "done" : "open",
    task.priority === "none" ? null : `${task.priority} priority`,
    task.dueDate ? `due ${dueText(task)}` : null,
    task.repeat ? `repeats ${task.repeat.text}` : null,
  ].filter(Boolean);
  return `${task.id}  ${task.title}  (${facts.join(", ")})`;
}

/** A task's checklist, numbered as `tasks check ID --tick N` counts. */
export function formatChecklist(task: Task, items: readonly { title: string; completed: boolean }[]): string {
  const head = `${task.title.replace(/\s+/g, " ")}  ${task.subtasks.done}/${task.subtasks.total}`;
  if (items.length === 0) return `${head}\nNo checklist yet: add an item with --add "TITLE".`;
  return [head, ...items.map((item, i) => `  ${i + 1}. ${item.completed ? "[x]" : "[ ]"} ${item.title}`)].join("\n");
}
