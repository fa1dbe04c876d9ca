import { redirect } from "next/navigation";
import { TaskApp } from "@/components/tasks/task-app";
import { getEmailVerification, getSessionUser } from "@/server/session";
import { getServerAuth, HydrateClient, serverApi } from "@/server/trpc/rsc";
import { canPrefetch, parseTaskPageParams, taskPageInput, taskStatsInput } from "@/shared/task-view";

/**
 * The task list, rendered with its data: the first page and the counts are fetched here, through
 * the same token check as the API, and handed to the browser. Signed-out visitors go to sign-in.
 */
export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { context, accessToken } = await getServerAuth();
  const user = context.user;
  if (!user) {
    // Signed in, but no token: EMAIL_VERIFICATION=required and the address is not confirmed yet.
    const verification = getEmailVerification();
    const sessionUser = verification.mode === "required" ? await getSessionUser() : null;
    // Its own page: the task page's first load carries none of it.
    if (sessionUser && !sessionUser.emailVerified) redirect("/confirm-email");
    redirect("/sign-in");
  }
  const query = await searchParams;
  const params = parseTaskPageParams((name) => {
    const value = query[name];
    return typeof value === "string" ? value : null;
  });
  // Read before the data: live sync resumes from here, so a change made while the page loads still shows.
  const syncCursor = String(await context.sync.log.latest(context.db, user.id));
  await Promise.all([
    // Date views are computed in the browser's time zone, so the browser loads those itself.
    canPrefetch(params) && serverApi.task.list.prefetchInfinite(taskPageInput(params)),
    canPrefetch(params) && serverApi.task.stats.prefetch(taskStatsInput(params)),
    serverApi.list.all.prefetch(),
    serverApi.label.all.prefetch(),
  ]);
  return (
    <HydrateClient>
      <TaskApp
        user={{ id: user.id, name: user.name, email: user.email }}
        accessToken={accessToken}
        syncCursor={syncCursor}
        emailUnconfirmed={!user.emailVerified && getEmailVerification().mode === "optional"}
      />
    </HydrateClient>
  );
}
