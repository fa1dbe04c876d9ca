"use client";

import { keepPreviousData, onlineManager, useIsMutating, useMutationState, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { lazy, Suspense, useEffect, useRef, useState, useSyncExternalStore, type FormEvent, type KeyboardEvent } from "react";
import { accessTokens } from "@/lib/access-token";
import { errorMessage } from "@/lib/errors";
import { api } from "@/lib/trpc";
import type { LiveStatus } from "@/lib/live-sync";
import { isWaiting, pendingIds } from "@/lib/mutation-queue";
import { useHydrated } from "@/lib/use-hydrated";
import { lazyModule, prefetchWhenIdle, useLazyModule } from "@/lib/use-lazy-module";
import { TASK_LIMITS, type TaskFilter } from "@/shared/task-fields";
import { INBOX, parseTaskPageParams, taskPageHref, taskPageInput, taskStatsInput, type DueView } from "@/shared/task-view";
import { CharacterLimit, isOverLimit } from "../character-limit";
import { ListSidebar } from "../lists/list-sidebar";
import { LabelSidebar } from "../labels/label-sidebar";
import { loadConfirmDialog } from "../lazy-confirm-dialog";
import { ThemeToggle } from "../theme-toggle";
import { KeyboardShortcuts } from "./keyboard-shortcuts";
import { LoadMore } from "./load-more";
import { TaskFooter } from "./task-footer";
import { loadDetailsPanel, TaskItem, type SortableRow } from "./task-item";
import { TaskToolbar } from "./task-toolbar";
import { usePendingChecked } from "./use-pending-checked";
import { useTaskActions, type TaskView } from "./use-task-actions";
import { useQuickAdd } from "./use-quick-add";
import type { QuickAdd } from "@/shared/quick-add";
import { browserTimeZone } from "@/shared/browser-time-zone";
import { toast } from "@/lib/toast";
import type * as SortableTaskListModule from "./sortable-task-list";
import { isolate } from "@/shared/text";

type SortableModule = typeof SortableTaskListModule;

/** How long after hydration live sync starts: the page's own first requests (and a test's network idle) come first. */
const LIVE_SYNC_DELAY_MS = 1_000;
/** Events heard within this long of the first are answered by one refetch. */
const SYNC_REFETCH_COALESCE_MS = 50;
/**
 * Rows in the server-rendered HTML: what a tall screen shows. The rest of the page's rows come with the
 * same data and render right after hydration, without a request (bench/README.md 15: half the HTML).
 */
const FIRST_HTML_ROWS = 25;

const DUE_VIEW_NAMES: Record<DueView, string> = { today: "Today", overdue: "Overdue", upcoming: "Upcoming" };

const EMPTY_FILTER_MESSAGES: Record<TaskFilter, string> = {
  all: "No tasks.",
  active: "Nothing left to do.",
  completed: "No completed tasks yet.",
};

/** A task's checklist loads when its details first open (and at idle): the list's first paint does not need it. */
const loadSubtaskChecklist = lazyModule(() => import("./subtask-checklist"));

function LazySubtaskChecklist({ task }: { task: TaskView }) {
  const { module, failed } = useLazyModule(loadSubtaskChecklist, true);
  if (!module) {
    return (
      <p className={`px-4 pb-4 text-xs ${failed ? "text-danger" : "text-slate-500 dark:text-slate-400"}`} role={failed ? "alert" : undefined}>
        {failed ? "The subtasks could not be loaded: they will show once the connection is back." : "Loading the subtasks…"}
      </p>
    );
  }
  return <module.SubtaskChecklist taskId={task.id} taskTitle={task.title} />;
}
const checklistOf = (task: TaskView) => <LazySubtaskChecklist task={task} />;

/** What quick add read, as chips under the field: loaded with its parser, on the first keystroke. */
const loadQuickAddChips = lazyModule(() => import("./quick-add-chips"));

// Loaded only when the banner shows (an unconfirmed address): it brings Better Auth's client, which the
// task page otherwise loads only on sign-out. Rendered on the server too (React.lazy in a Suspense).
const ResendVerification = lazy(() => import("../email/resend-verification").then((m) => ({ default: m.ResendVerification })));

export interface TaskAppProps {
  user: { id: string; name: string; email: string };
  /** EMAIL_VERIFICATION=optional and the address is not confirmed yet: a banner says so, with a resend. */
  emailUnconfirmed?: boolean;
  /** The access token the server rendered the page with: the browser's first change needs no token request. */
  accessToken?: string | null;
  /** The user's last change when the page's data was read: live sync resumes after it (none: from when it starts). */
  syncCursor?: string | null;
}

/** The signed-in page, TodoMVC-complete: add, toggle (one or all), rename, delete, filter, clear. */
export function TaskApp({ user, accessToken, syncCursor = null, emailUnconfirmed = false }: TaskAppProps) {
  const router = useRouter();
  const searchParams = useSearchParams();
  const params = parseTaskPageParams((name) => searchParams.get(name));
  const filter = params.filter;
  const [title, setTitle] = useState("");
  const [signingOut, setSigningOut] = useState(false);
  const [sidebarOpen, setSidebarOpen] = useState(false);
  const hydrated = useHydrated();
  const newTaskInput = useRef<HTMLInputElement>(null);

  const listInput = taskPageInput(params);
  const list = api.task.list.useInfiniteQuery(listInput, {
    getNextPageParam: (page) => page.nextCursor,
    // While a new search, view or filter loads, the previous results stay: nothing flashes.
    placeholderData: keepPreviousData,
  });
  const statsInput = taskStatsInput(params);
  const actions = useTaskActions(listInput, statsInput);
  const stats = api.task.stats.useQuery(statsInput);
  const lists = api.list.all.useQuery();
  const labels = api.label.all.useQuery();
  const allDone = usePendingChecked((stats.data?.active ?? 0) === 0, actions.setAllCompleted);

  useEffect(() => {
    if (accessToken) accessTokens.seed(accessToken);
  }, [accessToken]);
  // Out of the first load, yet fetched at idle: a task's details open offline too.
  useEffect(() => prefetchWhenIdle(() => Promise.all([loadDetailsPanel(), loadConfirmDialog(), loadSubtaskChecklist()])), []);

  // Live sync (docs/sync.md): other tabs', devices' and the CLI's changes show without a reload. Started
  // a moment after the page is interactive, and loaded then: the first paint does not wait for it.
  const queryClient = useQueryClient();
  const utils = api.useUtils();
  const [live, setLive] = useState<LiveStatus | null>(null);
  // The first render's: a navigation (filter, list, sort) renders the page again, and must not restart the stream.
  const [resumeAfter] = useState(syncCursor);
  useEffect(() => {
    if (!hydrated) return;
    let stop: (() => void) | undefined;
    let cancelled = false;
    let refetchTimer: ReturnType<typeof setTimeout> | undefined;
    const refetch = () => {
      refetchTimer = undefined;
      // While this page's own changes are on their way, the refetch after them brings this one too;
      // refetching now would show the server before them (a box flicking back).
      if (queryClient.isMutating() > 0) return;
      void utils.task.invalidate();
      void utils.list.invalidate();
      void utils.subtask.invalidate();
      void utils.label.invalidate();
    };
    const timer = setTimeout(() => {
      void import("@/lib/live-sync").then(({ startLiveSync }) => {
        if (cancelled) return;
        stop = startLiveSync({
          after: resumeAfter,
          // A burst of events (a resume replaying many changes, a script's run) is one refetch, not one each.
          onEvent: () => {
            refetchTimer ??= setTimeout(refetch, SYNC_REFETCH_COALESCE_MS);
          },
          onStatus: setLive,
          // Signed out in another tab: its session is gone, and this tab's token must not carry on.
          onSignedOut: () => {
            accessTokens.clear();
            // A full navigation, as after this tab's own sign-out: no cached query of this user stays.
            // eslint-disable-next-line @next/next/no-location-assign-relative-destination
            window.location.assign("/sign-in");
          },
        });
      });
    }, LIVE_SYNC_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
      clearTimeout(refetchTimer);
      stop?.();
    };
  }, [hydrated, queryClient, utils, resumeAfter]);

  // Changes made offline wait in order, saved for the next visit if this tab closes (src/lib/offline-queue.ts),
  // and go out when the network is back. Changes an earlier visit left are taken over and sent now.
  const online = useSyncExternalStore(onlineManager.subscribe.bind(onlineManager), () => onlineManager.isOnline(), () => true);
  // Counted once waiting (and so saved for the next visit), not while a first try is still out.
  const waiting = useMutationState({ filters: { predicate: isWaiting } }).length;
  useEffect(() => {
    if (!hydrated) return;
    let stop: (() => void) | undefined;
    let cancelled = false;
    void import("@/lib/offline-queue").then(({ persistOfflineQueue }) => {
      if (!cancelled) stop = persistOfflineQueue({ queryClient, ids: pendingIds(queryClient), userId: user.id });
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [hydrated, queryClient, user.id]);

  // TodoMVC's hash routes (#/active, #/completed) lead to the same views, on load and when the hash changes.
  useEffect(() => {
    const followHash = () => {
      const match = /^#\/(active|completed)?$/.exec(window.location.hash);
      if (match) router.replace(taskPageHref(parseTaskPageParams((name) => (name === "filter" ? match[1] : null))));
    };
    followHash();
    window.addEventListener("hashchange", followHash);
    return () => window.removeEventListener("hashchange", followHash);
  }, [router]);

  // The field waits for React to handle Enter and for the first load: a task added while the list is
  // still loading could be missed by it (a query without data ignores invalidation). Then it takes the
  // focus, as TodoMVC asks.
  const [firstLoadDone, setFirstLoadDone] = useState(false);
  if (!firstLoadDone && list.isSuccess && stats.isSuccess) setFirstLoadDone(true);
  const ready = hydrated && firstLoadDone;
  useEffect(() => {
    if (ready) newTaskInput.current?.focus();
  }, [ready]);

  // Quick add (src/shared/quick-add.ts): "Call mom tomorrow 5pm #family !high every friday ^Home".
  const quickAdd = useQuickAdd(title, labels.data, lists.data?.lists);
  const chips = useLazyModule(loadQuickAddChips, quickAdd.parsed !== null);
  const titleAfterQuickAdd = quickAdd.parsed?.title ?? title.trim();
  /** A list's name, once the lists are loaded. */
  const nameOfList = (id: string) => lists.data?.lists.find((l) => l.id === id)?.name;
  const listName = (id: string | null) => (id === null ? "Inbox" : (nameOfList(id) ?? "a list"));

  /** The last add still being prepared (reading its text, making its labels): the next one waits for it. */
  const addsAhead = useRef<Promise<unknown> | null>(null);

  /** The ids of quick add's labels, making the new ones; `null` (with a toast) when one cannot be made. */
  async function labelIdsOf(wanted: QuickAdd["labels"]): Promise<string[] | null> {
    const missing = wanted.filter((label) => label.id === null);
    if (missing.length > 0 && !onlineManager.isOnline()) {
      toast.error(`A new label needs the network: make #${isolate(missing[0]!.name)} when you are back online, or remove it`);
      return null;
    }
    const ids: string[] = [];
    for (const label of wanted) {
      const id = label.id ?? (await utils.client.label.create.mutate({ name: label.name }).then((made) => made.id, (error: unknown) => void toast.error(errorMessage(error))));
      if (!id) return null;
      ids.push(id);
    }
    if (missing.length > 0) void utils.label.invalidate();
    return ids;
  }

  async function onAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const typed = title;
    // Too long (after quick add took its parts): kept as typed, and the count under the field says by how much.
    if (typed.trim() === "" || isOverLimit(titleAfterQuickAdd, TASK_LIMITS.titleMax)) return;
    setTitle("");
    // Refused (a toast says why): the text comes back, unless something new was typed meanwhile.
    const giveBack = () => setTitle((now) => now || typed);
    /** Reads the text and makes its new labels, then hands the task to the ordered queue of changes. */
    const prepare = async () => {
      const read = await quickAdd.read(typed);
      if (isOverLimit(read.title, TASK_LIMITS.titleMax)) return giveBack();
      const labelIds = await labelIdsOf(read.labels);
      if (!labelIds) return giveBack();
      const task = {
        title: read.title,
        dueDate: read.dueDate,
        dueHasTime: read.dueHasTime,
        priority: read.priority,
        listId: read.listId,
        labelIds,
        repeat: read.repeat && { ...read.repeat, timeZone: browserTimeZone() },
      };
      void actions.create(task).then((created) => created || giveBack());
    };
    // Tasks are made in the order they were typed: one that waits for a new label (or the parser) holds
    // back those typed after it. With nothing ahead, a task goes at once, inside the Enter's own event.
    const ahead = addsAhead.current;
    const tail = (ahead ? ahead.then(prepare) : prepare()).catch(giveBack);
    addsAhead.current = tail;
    await tail;
    if (addsAhead.current === tail) addsAhead.current = null;
  }

  // Changes show before the server has them; while any is on its way the list says so (aria-busy).
  // They are sent with keepalive (src/lib/trpc.tsx), so a navigation away does not cancel them; closing
  // the tab before the server has answered a first try still asks first, as it may not have left yet
  // (changes waiting behind it, offline, or between tries are saved for the next visit: `isWaiting`).
  // The question is set up from the mutation cache's own events, in the very event that makes the
  // change (a React render later, a tab closed at once would not be asked), and only while a change is
  // on its way: a page with a `beforeunload` listener may be kept out of the back/forward cache.
  const saving = useIsMutating() > 0;
  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    let asking = false;
    const update = () => {
      const sending = queryClient.isMutating({ predicate: (m) => !isWaiting(m) }) > 0;
      if (sending === asking) return;
      asking = sending;
      if (sending) window.addEventListener("beforeunload", warn);
      else window.removeEventListener("beforeunload", warn);
    };
    update();
    const unsubscribe = queryClient.getMutationCache().subscribe(update);
    return () => {
      unsubscribe();
      window.removeEventListener("beforeunload", warn);
    };
  }, [queryClient]);

  async function onSignOut() {
    setSigningOut(true);
    // Better Auth's client is loaded only now: the task page's first load does not need it.
    const { authClient } = await import("@/lib/auth-client");
    await authClient.signOut().catch(() => undefined);
    accessTokens.clear();
    // Changes saved offline are this user's: not kept in the browser after they sign out.
    await import("@/lib/offline-queue").then(({ dropOfflineQueue }) => dropOfflineQueue(user.id)).catch(() => undefined);
    // The browser's other tabs leave too.
    await import("@/lib/live-sync").then(({ announceSignedOut }) => announceSignedOut()).catch(() => undefined);
    // A full navigation: every cached query of this user goes with the page.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign("/sign-in");
  }

  const tasks = list.data?.pages.flatMap((page) => page.items) ?? [];

  // My order: drag and drop (dnd-kit) loads when the sort is first chosen; Alt+Up / Alt+Down work at once.
  const manual = params.sort === "manual";
  const [sortable, setSortable] = useState<SortableModule | null>(null);
  useEffect(() => {
    if (manual && !sortable) void import("./sortable-task-list").then(setSortable);
  }, [manual, sortable]);
  const [moveAnnouncement, setMoveAnnouncement] = useState("");
  const rowsRef = useRef<HTMLDivElement>(null);

  function moveTask(task: TaskView, after: TaskView | null) {
    const to = after ? tasks.filter((other) => other.id !== task.id).findIndex((other) => other.id === after.id) + 1 : 0;
    setMoveAnnouncement(`Moved "${isolate(task.title)}" to position ${to + 1} of ${tasks.length}`);
    void actions.move(task, after);
  }

  /** Alt+Up / Alt+Down on a row (not while renaming): one place up or down in My order; the focus stays on it. */
  function onRowsKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    const target = event.target as HTMLElement;
    const id = target.closest<HTMLElement>("[data-task-id]")?.dataset.taskId;
    if (!id || target.closest(".edit, form")) return;
    event.preventDefault();
    if (!manual) {
      setMoveAnnouncement("Choose My order in Sort to move tasks");
      return;
    }
    const from = tasks.findIndex((task) => task.id === id);
    const to = from + (event.key === "ArrowUp" ? -1 : 1);
    if (from < 0 || to < 0 || to >= tasks.length) return;
    const task = tasks[from]!;
    const rest = tasks.filter((other) => other.id !== id);
    moveTask(task, to === 0 ? null : rest[to - 1]!);
    const handle = target.hasAttribute("data-drag-handle");
    requestAnimationFrame(() => rowsRef.current?.querySelector<HTMLElement>(`[data-task-id="${id}"] ${handle ? "[data-drag-handle]" : ".toggle"}`)?.focus());
  }

  const renderRow = (task: TaskView, sortableRow?: SortableRow) => (
    <TaskItem
      key={actions.keyOf(task)}
      task={task}
      onToggle={(done) => actions.setCompleted(task, done)}
      onEdit={(fields) => actions.edit(task, fields)}
      onDelete={() => actions.remove(task)}
      onSkip={() => void actions.skip(task)}
      lists={lists.data?.lists}
      labels={labels.data}
      detailsExtra={checklistOf}
      sortable={sortableRow}
      showList={listInput.listId === undefined}
    />
  );
  // Where the user is: the list (or all tasks, or the Inbox), narrowed by a date view and a label.
  const listHeading =
    params.list === null ? "All tasks" : params.list === INBOX ? "Inbox" : (nameOfList(params.list) ?? "List");
  const labelHeading = params.label && labels.data?.find((l) => l.id === params.label)?.name;
  const heading = [params.view && DUE_VIEW_NAMES[params.view], listHeading, labelHeading && `#${labelHeading}`].filter(Boolean).join(" · ");
  const total = stats.data?.total ?? 0;
  const active = stats.data?.active ?? 0;
  const completed = stats.data?.completed ?? 0;

  return (
    <main className="mx-auto max-w-6xl px-3 py-4 md:px-6 md:py-8">
      <div className="mb-3 flex flex-wrap items-center justify-between gap-x-3 gap-y-2 md:mb-6">
        <div className="flex min-w-0 items-center gap-1">
          {/* On a phone the lists and labels wait behind this button, so the field and the tasks come first. */}
          <button
            type="button"
            className="-ml-2 inline-flex size-10 shrink-0 items-center justify-center rounded-md text-slate-700 hover:bg-slate-200 md:hidden dark:text-slate-200 dark:hover:bg-slate-800"
            aria-label={sidebarOpen ? "Hide lists" : "Lists and labels"}
            title="Lists and labels"
            aria-expanded={sidebarOpen}
            aria-controls="task-sidebar"
            onClick={() => setSidebarOpen((open) => !open)}
          >
            <svg aria-hidden="true" viewBox="0 0 20 20" className="size-5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round">
              {sidebarOpen ? <path d="M5 5l10 10M15 5L5 15" /> : <path d="M3.5 5.5h13M3.5 10h13M3.5 14.5h13" />}
            </svg>
          </button>
        <h1 className="flex min-w-0 items-baseline gap-3 text-2xl font-semibold tracking-tight md:text-3xl">
          <bdi className="truncate">{heading}</bdi>
          {stats.data && (
            <span className="shrink-0 text-base font-normal text-slate-500 tabular-nums dark:text-slate-400">
              {stats.data.active} open
            </span>
          )}
        </h1>
        </div>
        <div className="flex flex-wrap items-center gap-2 text-sm whitespace-nowrap">
          <span role="status" className="text-xs text-amber-700 empty:hidden dark:text-amber-400">
            {!online
              ? `Offline${waiting > 0 ? `: ${waiting} change${waiting === 1 ? "" : "s"} waiting` : ""}`
              : live === "reconnecting"
                ? "Reconnecting…"
                : ""}
          </span>
          <Link href="/account" className="text-slate-700 hover:underline dark:text-slate-300" title={`${user.email}: account settings`}>
            <bdi>{user.name}</bdi>
          </Link>
          <ThemeToggle />
          <KeyboardShortcuts
            onNewTask={() => newTaskInput.current?.focus()}
            onSearch={() => document.getElementById("task-search")?.focus()}
          />
          <button
            type="button"
            onClick={onSignOut}
            disabled={signingOut}
            className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-100 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-800"
          >
            {signingOut ? "Signing out…" : "Sign out"}
          </button>
        </div>
      </div>

      {emailUnconfirmed && (
        <p className="mb-6 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100">
          Please confirm your email address: open the link we sent to <strong>{user.email}</strong>, so you can reset your password if you ever forget
          it.{" "}
          <Suspense fallback={null}>
            <ResendVerification email={user.email} />
          </Suspense>
        </p>
      )}

      <div className="flex flex-col gap-3 md:flex-row md:items-start md:gap-6">
      <div id="task-sidebar" className={`${sidebarOpen ? "" : "max-md:hidden"} md:w-60 md:shrink-0`}>
        <ListSidebar params={params} />
        <LabelSidebar params={params} />
      </div>
      {/* data-live-sync: where live sync stands ("off" until it starts), for tools and tests to wait on. */}
      <section aria-busy={saving} data-live-sync={live ?? "off"} className="todoapp min-w-0 flex-1 rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
        <header className="header border-b border-slate-200 dark:border-slate-800">
          <form onSubmit={onAdd}>
            <input
              ref={newTaskInput}
              disabled={!ready}
              className="new-todo w-full rounded-t-lg bg-transparent px-4 py-4 text-lg placeholder:text-slate-400"
              placeholder="What needs to be done?"
              aria-label="New task"
              aria-keyshortcuts="n"
              value={title}
              dir="auto"
              aria-invalid={isOverLimit(titleAfterQuickAdd, TASK_LIMITS.titleMax) ? true : undefined}
              aria-describedby="new-task-count"
              onChange={(e) => {
                setTitle(e.target.value);
                void quickAdd.load().catch(() => {});
                void loadQuickAddChips().catch(() => {});
              }}
            />
            <div className="px-4 empty:hidden">
              <CharacterLimit id="new-task-count" text={titleAfterQuickAdd} max={TASK_LIMITS.titleMax} />
            </div>
            {chips.module && (
              <chips.module.QuickAddChips
                parsed={quickAdd.parsed}
                listName={listName}
                onDismiss={(key) => {
                  quickAdd.dismiss(key);
                  newTaskInput.current?.focus(); // the chip's button is gone: typing goes on in the field
                }}
              />
            )}
          </form>
        </header>

        {list.isPending || stats.isPending ? (
          <ul aria-busy="true" aria-label="Loading tasks">
            {[0, 1, 2].map((i) => (
              <li key={i} className="flex items-center gap-3 border-b border-slate-200 px-4 py-3 last:border-b-0 dark:border-slate-800">
                <span className="size-5 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
                <span className="h-4 flex-1 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
              </li>
            ))}
          </ul>
        ) : list.isError || stats.isError ? (
          <div role="alert" className="flex items-center justify-between gap-3 px-4 py-6 text-sm">
            <span>Could not load your tasks: {errorMessage(list.error ?? stats.error)}</span>
            <button
              type="button"
              onClick={() => void Promise.all([list.refetch(), stats.refetch()])}
              className="rounded-md border border-slate-300 px-3 py-1.5 dark:border-slate-700"
            >
              Retry
            </button>
          </div>
        ) : total === 0 && !params.search && !params.view ? (
          // Nothing at all (in this list). A search or a date view with nothing in it keeps its toolbar below.
          <p className="px-4 py-8 text-center text-slate-500 dark:text-slate-400">
            {params.label ? "No tasks with this label yet." : params.list ? "Nothing in this list yet." : "No tasks yet."} Type one above and press Enter.
          </p>
        ) : (
          <>
            <TaskToolbar params={params} />
            <section className="main">
              <div className="flex items-center gap-3 border-b border-slate-200 px-4 py-2 text-sm text-slate-600 dark:border-slate-800 dark:text-slate-400">
                <input
                  id="toggle-all"
                  type="checkbox"
                  className="toggle-all size-5 accent-brand"
                  checked={allDone.checked}
                  onChange={(e) => allDone.onChange(e.target.checked)}
                />
                <label htmlFor="toggle-all">Mark all as complete</label>
              </div>
              {tasks.length === 0 ? (
                <p className="px-4 py-8 text-center text-slate-500 dark:text-slate-400">
                  {params.search || params.view ? "No tasks match." : EMPTY_FILTER_MESSAGES[filter]}
                </p>
              ) : (
                <div ref={rowsRef} onKeyDown={onRowsKeyDown}>
                  {manual && sortable ? (
                    <sortable.SortableTaskList tasks={tasks} keyOf={actions.keyOf} onMove={moveTask} renderRow={renderRow} />
                  ) : (
                    <ul className="todo-list">{(hydrated ? tasks : tasks.slice(0, FIRST_HTML_ROWS)).map((task) => renderRow(task))}</ul>
                  )}
                </div>
              )}
              <p aria-live="polite" className="sr-only">{moveAnnouncement}</p>
              {/* After hydration only: at the cut of the first HTML it would be in view and fetch the next page at once. */}
              {list.hasNextPage && hydrated && <LoadMore loading={list.isFetchingNextPage} onLoad={() => void list.fetchNextPage()} />}
            </section>
            <TaskFooter params={params} active={active} completed={completed} onClearCompleted={actions.clearCompleted} />
          </>
        )}
      </section>
      </div>
    </main>
  );
}
