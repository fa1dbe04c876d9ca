import { redirect } from "next/navigation";
import { TaskApp } from "@/components/tasks/task-app";
import { getServerContext, HydrateClient, serverApi } from "@/server/trpc/rsc";
import { parseFilter, taskPageInput } from "@/shared/task-fields";

/**
 * The task list, rendered with its data: the first page and the counts are fetched here, through
 * the same token check as the API, and handed to the browser. Signed-out visitors go to sign-in.
 */
export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { user } = await getServerContext();
  if (!user) redirect("/sign-in");
  const { filter } = await searchParams;
  await Promise.all([
    serverApi.task.list.prefetchInfinite(taskPageInput(parseFilter(typeof filter === "string" ? filter : null))),
    serverApi.task.stats.prefetch(),
  ]);
  return (
    <HydrateClient>
      <TaskApp user={{ name: user.name, email: user.email }} />
    </HydrateClient>
  );
}
