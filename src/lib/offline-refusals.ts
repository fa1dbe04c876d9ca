import { toast } from "@/lib/toast";
import { errorMessage } from "./errors";

/** Why each change made offline was refused once sent, until they are reported together. */
let refused: string[] = [];

/**
 * Notes that a change made offline (or saved from an earlier visit) was refused when it was finally
 * sent: a task deleted on another device, say. Several such refusals are one report, not a row of toasts.
 */
export function noteRefusedOffline(error: unknown): void {
  refused.push(errorMessage(error));
}

/** Reports the refusals noted so far, once, in one toast; call when the queue of changes is empty. */
export function reportRefusedOffline(): void {
  if (refused.length === 0) return;
  const reasons = [...new Set(refused)];
  const count = refused.length;
  refused = [];
  const what = count === 1 ? "A change made offline was not saved" : `${count} changes made offline were not saved`;
  // Long enough to read; dismissed by the user, not by time, as a lost change deserves.
  toast.error(`${what}: ${reasons.slice(0, 3).join("; ")}${reasons.length > 3 ? "; …" : ""}`, { duration: Infinity, closeButton: true });
}
