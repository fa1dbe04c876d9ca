"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { toast } from "@/lib/toast";
import { CharacterLimit, isOverLimit } from "../character-limit";
import { LazyConfirmDialog } from "../lazy-confirm-dialog";
import { RowMenu } from "../row-menu";
import { errorMessage } from "@/lib/errors";
import { useQueuedMutation } from "@/lib/mutation-queue";
import { api } from "@/lib/trpc";
import { LIST_LIMITS } from "@/shared/task-fields";
import { INBOX, taskPageHref, type TaskPageParams } from "@/shared/task-view";
import { isolate } from "@/shared/text";

const itemClass = (current: boolean) =>
  `flex min-w-0 flex-1 items-center justify-between gap-2 rounded px-2 py-1.5 ${
    current ? "bg-slate-200 font-medium text-slate-900 dark:bg-slate-700 dark:text-white" : "hover:bg-slate-100 dark:hover:bg-slate-800"
  }`;
const fieldClass = "w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900";

/** A link in the sidebar: the view it opens keeps the page's other settings (filter, sort, search). */
function ListLink({ params, list, label, count, withMenu = false }: { params: TaskPageParams; list: string | null; label: string; count?: number; withMenu?: boolean }) {
  const current = params.list === list;
  return (
    <Link href={taskPageHref({ ...params, list })} aria-current={current ? "page" : undefined} className={`${itemClass(current)} ${withMenu ? "pr-9 pointer-coarse:pr-12" : ""}`}>
      <bdi className="truncate">{label}</bdi>
      {count !== undefined && (
        <span className="text-xs text-slate-500 tabular-nums dark:text-slate-400" aria-label={`${count} open`}>
          {count}
        </span>
      )}
    </Link>
  );
}

/**
 * The lists: every task, the Inbox, and the user's lists with their open counts; a list is created,
 * renamed and deleted in place. The list on screen is in the URL (`?list=`).
 */
export function ListSidebar({ params }: { params: TaskPageParams }) {
  const router = useRouter();
  const utils = api.useUtils();
  const overview = api.list.all.useQuery();
  const [newName, setNewName] = useState("");
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const [deletingId, setDeletingId] = useState<string | null>(null);
  const refresh = () => Promise.all([utils.list.invalidate(), utils.task.invalidate()]);
  const onError = (error: unknown) => toast.error(errorMessage(error));
  const create = useQueuedMutation("list.create", { onError });
  const rename = useQueuedMutation("list.rename", { onError });
  const remove = useQueuedMutation("list.delete", { onError });
  const restore = useQueuedMutation("list.restore", { onError });

  /** Undo of a list's deletion: the list comes back (with the tasks deleted with it) and opens. */
  async function onRestore(id: string) {
    if (!(await restore.mutateAsync({ id }).catch(() => null))) return;
    await refresh();
    router.push(taskPageHref({ ...params, list: id }));
  }

  async function onCreate(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const name = newName.trim();
    if (!name || isOverLimit(name, LIST_LIMITS.nameMax)) return;
    const list = await create.mutateAsync({ name }).catch(() => null);
    if (!list) return;
    setNewName("");
    await utils.list.invalidate();
    router.push(taskPageHref({ ...params, list: list.id }));
  }

  async function onRename(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!renaming) return;
    const name = renaming.name.trim();
    if (isOverLimit(name, LIST_LIMITS.nameMax)) return;
    if (name && (await rename.mutateAsync({ id: renaming.id, name }).catch(() => null))) await utils.list.invalidate();
    setRenaming(null);
  }

  const lists = overview.data?.lists ?? [];
  // Read live, not when the dialog opened: its counts may still be on their way.
  const deleting = lists.find((list) => list.id === deletingId) ?? null;

  async function onDelete(deleteTasks: boolean) {
    if (!deleting) return;
    const done = await remove.mutateAsync({ id: deleting.id, deleteTasks }).catch(() => null);
    if (done) {
      const { id, name } = deleting;
      toast(`Deleted the list "${isolate(name)}"${deleteTasks ? ` and its ${done.tasks} task${done.tasks === 1 ? "" : "s"}` : ""}`, {
        action: { label: "Undo", onClick: () => void onRestore(id) },
      });
      if (params.list === deleting.id) router.push(taskPageHref({ ...params, list: null }));
      await refresh();
    }
    setDeletingId(null);
  }

  return (
    <nav aria-label="Lists" className="text-sm md:w-56 md:shrink-0">
      <ul className="space-y-0.5">
        <li className="flex">
          <ListLink params={params} list={null} label="Every list" />
        </li>
        <li className="flex">
          <ListLink params={params} list={INBOX} label="Inbox" count={overview.data?.inbox.active} />
        </li>
        {overview.isError && (
          <li role="alert" className="px-2 py-1 text-red-700 dark:text-red-400">
            Could not load your lists.{" "}
            <button type="button" className="underline" onClick={() => void overview.refetch()}>
              Retry
            </button>
          </li>
        )}
        {lists.map((list) =>
          renaming?.id === list.id ? (
            <li key={list.id}>
              <form onSubmit={onRename}>
                <input
                  autoFocus
                  aria-label={`New name for ${list.name}`}
                  className={fieldClass}
                  value={renaming.name}
                  dir="auto"
                  aria-describedby="rename-list-count"
                  aria-invalid={isOverLimit(renaming.name.trim(), LIST_LIMITS.nameMax) ? true : undefined}
                  onChange={(e) => setRenaming({ ...renaming, name: e.target.value })}
                  onKeyDown={(e) => e.key === "Escape" && setRenaming(null)}
                  onBlur={() => setRenaming(null)}
                />
                <CharacterLimit id="rename-list-count" text={renaming.name.trim()} max={LIST_LIMITS.nameMax} />
              </form>
            </li>
          ) : (
            <li key={list.id} className="group relative flex" data-testid="list-item">
              <ListLink params={params} list={list.id} label={list.name} count={list.active} withMenu />
              <div className="absolute inset-y-0 right-1 flex items-center">
                <RowMenu
                  label={`Actions for the list ${list.name}`}
                  items={[
                    { text: "Rename", name: `Rename ${list.name}`, onSelect: () => setRenaming({ id: list.id, name: list.name }) },
                    { text: "Delete…", name: `Delete ${list.name}`, onSelect: () => setDeletingId(list.id), danger: true },
                  ]}
                />
              </div>
            </li>
          ),
        )}
      </ul>

      {deleting && (
        <LazyConfirmDialog
          label={`Delete ${deleting.name}`}
          title={
            <>
              Delete the list &ldquo;<bdi>{deleting.name}</bdi>&rdquo;?
            </>
          }
          message={
            deleting.total > 0
              ? `It has ${deleting.total} task${deleting.total === 1 ? "" : "s"}: keep ${deleting.total === 1 ? "it" : "them"} in the Inbox, or delete ${deleting.total === 1 ? "it" : "them"} with the list. Undo brings everything back.`
              : "It has no tasks. Undo brings it back."
          }
          choices={[
            ...(deleting.total > 0 ? [{ text: "Keep its tasks in the Inbox", onSelect: () => void onDelete(false) }] : []),
            // An empty-looking list is deleted without deleteTasks: tasks the page has not shown yet go to the Inbox, not away.
            { text: deleting.total > 0 ? "Delete its tasks too" : "Delete", onSelect: () => void onDelete(deleting.total > 0), danger: true },
          ]}
          onCancel={() => setDeletingId(null)}
        />
      )}

      <form onSubmit={onCreate} className="mt-3">
        <input
          aria-label="New list"
          placeholder="New list"
          className={fieldClass}
          value={newName}
          dir="auto"
          aria-describedby="new-list-count"
          aria-invalid={isOverLimit(newName.trim(), LIST_LIMITS.nameMax) ? true : undefined}
          disabled={create.isPending}
          onChange={(e) => setNewName(e.target.value)}
        />
        <CharacterLimit id="new-list-count" text={newName.trim()} max={LIST_LIMITS.nameMax} />
      </form>
    </nav>
  );
}
