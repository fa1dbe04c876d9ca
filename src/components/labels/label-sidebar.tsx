"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { toast } from "@/lib/toast";
import { errorMessage } from "@/lib/errors";
import { useQueuedMutation } from "@/lib/mutation-queue";
import { api } from "@/lib/trpc";
import { LABEL_COLORS, labelNameProblem, type LabelColor } from "@/shared/label-rules";
import { taskPageHref, type TaskPageParams } from "@/shared/task-view";
import { isolate } from "@/shared/text";
import { LazyConfirmDialog } from "../lazy-confirm-dialog";
import { RowMenu } from "../row-menu";
import { colorName, LABEL_STYLES } from "./label-colors";

const fieldClass = "w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900";
const smallButton = "rounded px-1.5 py-0.5 text-xs text-slate-500 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-white";

/** Why `name` cannot be a label's name (the API's own rule), or null. */
const nameProblem = (name: string) => labelNameProblem(name.trim());

/**
 * The user's labels, by name, with open counts: each a link to its tasks (`?label=`, combined with the
 * list, view, search and sort on screen). Labels are made, renamed, recoloured and deleted here.
 */
export function LabelSidebar({ params }: { params: TaskPageParams }) {
  const id = useId();
  const router = useRouter();
  const utils = api.useUtils();
  const labels = api.label.all.useQuery();
  const [newName, setNewName] = useState("");
  const [newError, setNewError] = useState<string | null>(null);
  const [editing, setEditing] = useState<{ id: string; name: string; color: LabelColor; error: string | null } | null>(null);
  const [deletingId, setDeletingId] = useState<string | null>(null);
  const onError = (error: unknown) => toast.error(errorMessage(error));
  const create = useQueuedMutation("label.create", { onError });
  const update = useQueuedMutation("label.update", { onError });
  const remove = useQueuedMutation("label.delete", { onError });
  const refresh = () => Promise.all([utils.label.invalidate(), utils.task.invalidate()]);

  async function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = newName.trim().replace(/^#/, "");
    if (!name) return;
    const problem = nameProblem(name);
    setNewError(problem);
    if (problem) return;
    if (!(await create.mutateAsync({ name }).catch(() => null))) return;
    setNewName("");
    await utils.label.invalidate();
  }

  async function onSave(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!editing) return;
    const name = editing.name.trim().replace(/^#/, "");
    const problem = nameProblem(name);
    if (problem) return setEditing({ ...editing, error: problem });
    if (await update.mutateAsync({ id: editing.id, name, color: editing.color }).catch(() => null)) await refresh();
    setEditing(null);
  }

  const all = labels.data ?? [];
  const deleting = all.find((label) => label.id === deletingId) ?? null;

  async function onDelete() {
    if (!deleting) return;
    const done = await remove.mutateAsync({ id: deleting.id }).catch(() => null);
    if (done) {
      toast(`Deleted the label #${isolate(deleting.name)}`);
      if (params.label === deleting.id) router.push(taskPageHref({ ...params, label: null }));
      await refresh();
    }
    setDeletingId(null);
  }

  const current = all.find((label) => label.id === params.label);

  return (
    <nav aria-labelledby={`${id}-heading`} className="mt-4 text-sm md:w-56 md:shrink-0">
      <div className="flex items-center justify-between px-2">
        <h2 id={`${id}-heading`} className="text-xs font-semibold tracking-wide text-slate-600 uppercase dark:text-slate-400">Labels</h2>
        {current && (
          <Link href={taskPageHref({ ...params, label: null })} className={smallButton}>
            Any label
          </Link>
        )}
      </div>
      {labels.isError && (
        <p role="alert" className="px-2 py-1 text-red-700 dark:text-red-400">
          Could not load your labels.{" "}
          <button type="button" className="underline" onClick={() => void labels.refetch()}>
            Retry
          </button>
        </p>
      )}
      {labels.isSuccess && all.length === 0 && <p className="px-2 py-1 text-xs text-slate-500 dark:text-slate-400">No labels yet: name one below.</p>}
      <ul className="mt-1 space-y-0.5">
        {all.map((label) =>
          editing?.id === label.id ? (
            <li key={label.id}>
              <form onSubmit={onSave} onKeyDown={(e) => e.key === "Escape" && setEditing(null)} className="grid gap-1 rounded border border-slate-300 p-2 dark:border-slate-700">
                <input
                  autoFocus
                  aria-label={`New name for the label ${label.name}`}
                  className={fieldClass}
                  value={editing.name}
                  dir="auto"
                  aria-invalid={editing.error ? true : undefined}
                  aria-describedby={editing.error ? `${id}-edit-error` : undefined}
                  onChange={(e) => setEditing({ ...editing, name: e.target.value, error: null })}
                />
                <select aria-label={`Colour of the label ${label.name}`} className={fieldClass} value={editing.color} onChange={(e) => setEditing({ ...editing, color: e.target.value as LabelColor })}>
                  {LABEL_COLORS.map((color) => (
                    <option key={color} value={color}>{colorName(color)}</option>
                  ))}
                </select>
                {editing.error && <p id={`${id}-edit-error`} role="alert" className="text-xs text-red-700 dark:text-red-400">{editing.error}</p>}
                <div className="flex justify-end gap-1">
                  <button type="button" className={smallButton} onClick={() => setEditing(null)}>Cancel</button>
                  <button type="submit" className="rounded bg-brand px-2 py-0.5 text-xs text-white hover:bg-brand-strong">Save</button>
                </div>
              </form>
            </li>
          ) : (
            <li key={label.id} className="group relative flex" data-testid="label-item">
              <Link
                href={taskPageHref({ ...params, label: label.id })}
                aria-current={params.label === label.id ? "page" : undefined}
                className={`flex min-w-0 flex-1 items-center gap-2 rounded py-1.5 pr-9 pl-2 pointer-coarse:pr-12 ${
                  params.label === label.id ? "bg-slate-200 font-medium text-slate-900 dark:bg-slate-700 dark:text-white" : "hover:bg-slate-100 dark:hover:bg-slate-800"
                }`}
              >
                <span aria-hidden="true" className={`size-2.5 shrink-0 rounded-full ${LABEL_STYLES[label.color].dot}`} />
                <bdi className="min-w-0 flex-1 truncate">#{label.name}</bdi>
                <span className="text-xs text-slate-500 tabular-nums dark:text-slate-400">
                  <span className="sr-only">, </span>
                  {label.active}
                  <span className="sr-only"> open</span>
                </span>
              </Link>
              <div className="absolute inset-y-0 right-1 flex items-center">
                <RowMenu
                  label={`Actions for the label ${label.name}`}
                  items={[
                    { text: "Edit", name: `Edit the label ${label.name}`, onSelect: () => setEditing({ id: label.id, name: label.name, color: label.color, error: null }) },
                    { text: "Delete…", name: `Delete the label ${label.name}`, onSelect: () => setDeletingId(label.id), danger: true },
                  ]}
                />
              </div>
            </li>
          ),
        )}
      </ul>

      {deleting && (
        <LazyConfirmDialog
          label={`Delete the label ${deleting.name}`}
          title={
            <>
              Delete the label <bdi>#{deleting.name}</bdi>?
            </>
          }
          message={deleting.total > 0 ? `It comes off its ${deleting.total} task${deleting.total === 1 ? "" : "s"}, which stay.` : "No task carries it."}
          choices={[{ text: "Delete", onSelect: () => void onDelete(), danger: true }]}
          onCancel={() => setDeletingId(null)}
        />
      )}

      <form onSubmit={onCreate} className="mt-2">
        <input
          aria-label="New label"
          placeholder="New label"
          className={fieldClass}
          value={newName}
          dir="auto"
          aria-invalid={newError ? true : undefined}
          aria-describedby={newError ? `${id}-new-error` : undefined}
          disabled={create.isPending}
          onChange={(e) => {
            setNewName(e.target.value);
            setNewError(null);
          }}
        />
        {newError && <p id={`${id}-new-error`} role="alert" className="mt-1 text-xs text-red-700 dark:text-red-400">{newError}</p>}
      </form>
    </nav>
  );
}
