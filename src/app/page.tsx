import { redirect } from "next/navigation";
import { TaskApp } from "@/components/tasks/task-app";
import { getSessionUser } from "@/server/session";

/** The task list. Signed-out visitors go to sign-in. */
export default async function HomePage() {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  return <TaskApp user={user} />;
}
