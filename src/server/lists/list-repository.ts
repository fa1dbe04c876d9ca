import { sql, type SqlBool } from "kysely";
import { v7 as uuidv7 } from "uuid";
import { inTransaction } from "@db/in-transaction";
import type { ListRow } from "@db/schema";
import type { Db } from "../db";
import { isUniqueViolation } from "../unique-violation";
import { taskRepository, type TaskRepositoryOptions } from "../tasks/task-repository";
import { lockUser } from "../user-lock";
import type { DeleteListInput } from "@/shared/list-input";
import type { SyncEvent } from "@/shared/sync-events";
import type { ChangeRecorder } from "../sync/change-log";

/** A task list as clients see it. */
export interface List {
  id: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

/** Open and total task counts, for the sidebar. */
export interface TaskCounts {
  active: number;
  total: number;
}

/** The user's lists with their counts, and the Inbox's (tasks in no list). */
export interface ListOverview {
  inbox: TaskCounts;
  lists: (List & TaskCounts)[];
}

/** Raised when the user already has a list of that name (ignoring case); the router answers CONFLICT. */
export class ListNameTakenError extends Error {
  override name = "ListNameTakenError";
  constructor(listName: string) {
    super(`You already have a list called "${listName}"`);
  }
}

/** Raised past `LIST_QUOTA_PER_USER`; the router answers FORBIDDEN. */
export class ListQuotaExceededError extends Error {
  override name = "ListQuotaExceededError";
  constructor(readonly quota: number) {
    super(`You have reached the limit of ${quota} lists: delete one first`);
  }
}

const toList = (row: ListRow): List => ({ id: row.id, name: row.name, createdAt: new Date(row.created_at), updatedAt: new Date(row.updated_at) });
const counts = (total: unknown, active: unknown): TaskCounts => ({ total: Number(total ?? 0), active: Number(active ?? 0) });


/**
 * List queries for one user. Every statement is filtered by `userId`: another user's list behaves
 * exactly like a missing one (`undefined`, nothing changed).
 */
export interface ListRepositoryOptions {
  /** How many lists the user may have at once. Default 100. */
  quota?: number;
  /** How long a deleted list (and the tasks deleted with it) can be restored, in seconds. Default 60. */
  undoWindowSeconds?: number;
  /** The task quota, which a restore must respect. */
  taskQuota?: number;
  clock?: () => Date;
  /** Where each change is recorded, in its own transaction, for `sync.changes` (none: nothing is). */
  changes?: ChangeRecorder;
}

export function listRepository(db: Db, userId: string, { quota = 100, undoWindowSeconds = 60, taskQuota, clock = () => new Date(), changes }: ListRepositoryOptions = {}) {
  const own = () => db.selectFrom("list").selectAll().where("user_id", "=", userId);
  const taskOptions: TaskRepositoryOptions = { undoWindowSeconds, quota: taskQuota, clock, changes };
  /** Records `events` in `trx`, the transaction that makes the change. */
  const record = (trx: Db, ...events: SyncEvent[]) => changes?.record(trx, userId, events) ?? Promise.resolve();
  const cutoff = () => new Date(clock().getTime() - undoWindowSeconds * 1000).toISOString();
  const named = async <T>(listName: string, write: () => Promise<T>): Promise<T> => {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error)) throw new ListNameTakenError(listName);
      throw error;
    }
  };

  return {
    /** Every list, oldest first, with counts; and the Inbox's counts. */
    async all(): Promise<ListOverview> {
      const active = sql<number>`sum(case when ${sql.ref("task.completed")} = 0 then 1 else 0 end)`;
      const rows = await db
        .selectFrom("list")
        .leftJoin("task", (join) => join.onRef("task.list_id", "=", "list.id").onRef("task.user_id", "=", "list.user_id"))
        .where("list.user_id", "=", userId)
        .groupBy(["list.id", "list.name", "list.created_at", "list.updated_at"])
        .select((eb) => ["list.id", "list.name", "list.created_at", "list.updated_at", eb.fn.count("task.id").as("total"), active.as("active")])
        .orderBy("list.created_at")
        .orderBy("list.id")
        .execute();
      const inbox = await db
        .selectFrom("task")
        .where("user_id", "=", userId)
        .where("list_id", "is", null)
        .select((eb) => [eb.fn.countAll().as("total"), sql<number>`sum(case when completed = 0 then 1 else 0 end)`.as("active")])
        .executeTakeFirstOrThrow();
      return {
        inbox: counts(inbox.total, inbox.active),
        lists: rows.map((row) => ({ ...toList({ ...row, user_id: userId }), ...counts(row.total, row.active) })),
      };
    },

    /** @throws {ListNameTakenError} {@link ListQuotaExceededError} */
    async create(listName: string): Promise<List> {
      const now = clock().toISOString();
      const id = uuidv7();
      const row = await named(listName, () =>
        // Checked in the insert itself, with the same user's concurrent creates taking turns (user-lock.ts).
        inTransaction(db, async (trx) => {
          await lockUser(trx, userId);
          const inserted = await trx
            .insertInto("list")
            .columns(["id", "user_id", "name", "created_at", "updated_at"])
            .expression(
              trx
                .selectNoFrom((eb) => [eb.val(id).as("id"), eb.val(userId).as("user_id"), eb.val(listName).as("name"), eb.val(now).as("created_at"), eb.val(now).as("updated_at")])
                .where(sql<SqlBool>`(${trx.selectFrom("list").select((eb) => eb.fn.countAll().as("n")).where("user_id", "=", userId)}) < ${quota}`),
            )
            .returningAll()
            .executeTakeFirst();
          if (inserted) await record(trx, { type: "list.upserted", list: toList(inserted) });
          return inserted;
        }),
      );
      if (!row) throw new ListQuotaExceededError(quota);
      return toList(row);
    },

    /** @throws {ListNameTakenError} */
    async rename(id: string, listName: string): Promise<List | undefined> {
      const row = await named(listName, () =>
        inTransaction(db, async (trx) => {
          const renamed = await trx
            .updateTable("list")
            .set({ name: listName, updated_at: clock().toISOString() })
            .where("id", "=", id)
            .where("user_id", "=", userId)
            .returningAll()
            .executeTakeFirst();
          if (renamed) await record(trx, { type: "list.upserted", list: toList(renamed) });
          return renamed;
        }),
      );
      return row && toList(row);
    },

    /** Deletes a list; its tasks move to the Inbox, or are deleted with it. `undefined` if it is not the user's. */
    async delete({ id, deleteTasks }: DeleteListInput): Promise<{ id: string; tasks: number } | undefined> {
      return inTransaction(db, async (trx) => {
        // The copy first: it takes the write lock before anything is read, and tells whether the list is the user's.
        const kept = await trx
          .insertInto("deleted_list")
          .columns(["id", "user_id", "name", "created_at", "updated_at", "deleted_at"])
          .expression((eb) =>
            eb
              .selectFrom("list")
              .select(["id", "user_id", "name", "created_at", "updated_at", eb.val(clock().toISOString()).as("deleted_at")])
              .where("id", "=", id)
              .where("user_id", "=", userId),
          )
          .executeTakeFirst();
        if (!kept.numInsertedOrUpdatedRows) return undefined;
        // Deleted with it: restorable together (`restore`); moved to the Inbox: nothing is lost.
        const tasks = deleteTasks
          ? await taskRepository(trx, userId, taskOptions).deleteInList(id)
          : Number((await trx.updateTable("task").set({ list_id: null }).where("user_id", "=", userId).where("list_id", "=", id).executeTakeFirst()).numUpdatedRows);
        await trx.deleteFrom("list").where("id", "=", id).where("user_id", "=", userId).execute();
        await trx.deleteFrom("deleted_list").where("user_id", "=", userId).where("deleted_at", "<", cutoff()).execute();
        // Its tasks moved or went too: clients refetch them rather than get one event each.
        await record(trx, { type: "list.deleted", id }, ...(tasks > 0 ? [{ type: "resync" } as const] : []));
        return { id, tasks };
      });
    },

    /**
     * Brings back a list deleted within the undo window, with its id, name and place, and the tasks
     * deleted with it; `undefined` when there is none. Tasks moved to the Inbox stay there.
     * @throws {ListNameTakenError} a list of that name was made since; {@link ListQuotaExceededError}
     */
    async restore(id: string): Promise<{ list: List; tasks: number } | undefined> {
      return named(await this.deletedName(id), () =>
        inTransaction(db, async (trx) => {
          await lockUser(trx, userId);
          const restored = await trx
            .insertInto("list")
            .columns(["id", "user_id", "name", "created_at", "updated_at"])
            .expression(
              trx
                .selectFrom("deleted_list")
                .select(["id", "user_id", "name", "created_at", "updated_at"])
                .where("id", "=", id)
                .where("user_id", "=", userId)
                .where("deleted_at", ">=", cutoff()),
            )
            .executeTakeFirst();
          if (!restored.numInsertedOrUpdatedRows) return undefined;
          if (Number((await trx.selectFrom("list").select((eb) => eb.fn.countAll().as("n")).where("user_id", "=", userId).executeTakeFirstOrThrow()).n) > quota) {
            throw new ListQuotaExceededError(quota); // rolls the insert back
          }
          await trx.deleteFrom("deleted_list").where("id", "=", id).where("user_id", "=", userId).execute();
          const list = toList(await trx.selectFrom("list").selectAll().where("id", "=", id).where("user_id", "=", userId).executeTakeFirstOrThrow());
          await record(trx, { type: "list.upserted", list });
          // Its tasks come back with a `resync` of their own (restoreBatch).
          const tasks = await taskRepository(trx, userId, taskOptions).restoreBatch(id);
          return { list, tasks };
        }),
      );
    },

    /** The name a deleted list had, for the conflict message (empty if there is none). */
    async deletedName(id: string): Promise<string> {
      return (await db.selectFrom("deleted_list").select("name").where("id", "=", id).where("user_id", "=", userId).executeTakeFirst())?.name ?? "";
    },

    async byId(id: string): Promise<List | undefined> {
      const row = await own().where("id", "=", id).executeTakeFirst();
      return row && toList(row);
    },
  };
}

/** The repository type the list router receives. */
export type ListRepository = ReturnType<typeof listRepository>;
