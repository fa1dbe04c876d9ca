import { sql, type SqlBool } from "kysely";
import { v7 as uuidv7 } from "uuid";
import { inTransaction } from "@db/in-transaction";
import type { LabelRow } from "@db/schema";
import type { Db } from "../db";
import { isUniqueViolation } from "../unique-violation";
import { lockUser } from "../user-lock";
import { LABEL_COLORS, type CreateLabelInput, type LabelColor, type UpdateLabelInput } from "@/shared/label-input";
import type { ChangeRecorder } from "../sync/change-log";

/** A label as clients see it. */
export interface Label {
  id: string;
  name: string;
  color: LabelColor;
  createdAt: Date;
  updatedAt: Date;
}

/** A label with how many of the user's tasks carry it (open ones, and all). */
export interface LabelWithCounts extends Label {
  active: number;
  total: number;
}

/** Raised when the user already has a label of that name (ignoring case); the router answers CONFLICT. */
export class LabelNameTakenError extends Error {
  override name = "LabelNameTakenError";
  constructor(labelName: string) {
    super(`You already have a label called "${labelName}"`);
  }
}

/** Raised past `LABEL_QUOTA_PER_USER`; the router answers FORBIDDEN. */
export class LabelQuotaExceededError extends Error {
  override name = "LabelQuotaExceededError";
  constructor(readonly quota: number) {
    super(`You have reached the limit of ${quota} labels: delete one first`);
  }
}

const colorOf = (value: string): LabelColor => LABEL_COLORS.find((color) => color === value) ?? "gray";
export const toLabel = (row: LabelRow): Label => ({ id: row.id, name: row.name, color: colorOf(row.color), createdAt: new Date(row.created_at), updatedAt: new Date(row.updated_at) });

export interface LabelRepositoryOptions {
  /** How many labels the user may have (`LABEL_QUOTA_PER_USER`). Default 200. */
  quota?: number;
  clock?: () => Date;
  /** Where each change is recorded for `sync.changes`: a `resync`, as a label shows on many tasks. */
  changes?: ChangeRecorder;
}

/**
 * Label queries for one user. Every statement is filtered by `userId`: another user's label behaves
 * exactly like a missing one (`undefined`, nothing changed).
 */
export function labelRepository(db: Db, userId: string, { quota = 200, clock = () => new Date(), changes }: LabelRepositoryOptions = {}) {
  const resync = (trx: Db) => changes?.record(trx, userId, [{ type: "resync" }]) ?? Promise.resolve();
  const named = async <T>(labelName: string, write: () => Promise<T>): Promise<T> => {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error)) throw new LabelNameTakenError(labelName);
      throw error;
    }
  };

  /** In `trx`: a new label, with the user's other label writes waiting (the quota holds). */
  const insert = (trx: Db, { name, color }: CreateLabelInput) =>
    named(name, async () => {
      await lockUser(trx, userId);
      const now = clock().toISOString();
      const count = trx.selectFrom("label").select((eb) => eb.fn.countAll().as("n")).where("user_id", "=", userId);
      const inserted = await trx
        .insertInto("label")
        .columns(["id", "user_id", "name", "color", "created_at", "updated_at"])
        .expression(
          trx
            .selectNoFrom((eb) => [eb.val(uuidv7()).as("id"), eb.val(userId).as("user_id"), eb.val(name).as("name"), eb.val(color).as("color"), eb.val(now).as("created_at"), eb.val(now).as("updated_at")])
            .where(sql<SqlBool>`(${count}) < ${quota}`),
        )
        .returningAll()
        .executeTakeFirst();
      if (!inserted) throw new LabelQuotaExceededError(quota);
      return toLabel(inserted);
    });

  return {
    /** Every label by name, with counts over the user's tasks (deleted ones aside). */
    async all(): Promise<LabelWithCounts[]> {
      const rows = await db
        .selectFrom("label")
        .leftJoin("task_label", (join) => join.onRef("task_label.label_id", "=", "label.id").onRef("task_label.user_id", "=", "label.user_id"))
        .leftJoin("task", (join) => join.onRef("task.id", "=", "task_label.task_id").onRef("task.user_id", "=", "label.user_id"))
        .where("label.user_id", "=", userId)
        .groupBy(["label.id", "label.user_id", "label.name", "label.color", "label.created_at", "label.updated_at"])
        .select((eb) => [
          "label.id",
          "label.user_id",
          "label.name",
          "label.color",
          "label.created_at",
          "label.updated_at",
          eb.fn.count("task.id").as("total"),
          sql<number>`sum(case when ${sql.ref("task.completed")} = 0 then 1 else 0 end)`.as("active"),
        ])
        .execute();
      return rows
        .map((row) => ({ ...toLabel(row), total: Number(row.total), active: Number(row.active ?? 0) }))
        .sort((a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" }) || a.id.localeCompare(b.id));
    },

    /** @throws {LabelNameTakenError} {@link LabelQuotaExceededError} */
    async create(input: CreateLabelInput): Promise<Label> {
      return inTransaction(db, async (trx) => {
        const label = await insert(trx, input);
        await resync(trx);
        return label;
      });
    },

    /** Renames or recolours a label. @throws {LabelNameTakenError} */
    async update({ id, name, color }: UpdateLabelInput): Promise<Label | undefined> {
      const row = await named(name ?? "", () =>
        inTransaction(db, async (trx) => {
          const updated = await trx
            .updateTable("label")
            .set({ ...(name !== undefined && { name }), ...(color !== undefined && { color }), updated_at: clock().toISOString() })
            .where("id", "=", id)
            .where("user_id", "=", userId)
            .returningAll()
            .executeTakeFirst();
          if (updated) await resync(trx);
          return updated;
        }),
      );
      return row && toLabel(row);
    },

    /** Deletes a label and takes it off every task (the tasks stay). `undefined` if it is not the user's. */
    async delete(id: string): Promise<{ id: string; tasks: number } | undefined> {
      return inTransaction(db, async (trx) => {
        const links = await trx.deleteFrom("task_label").where("user_id", "=", userId).where("label_id", "=", id).executeTakeFirst();
        const deleted = await trx.deleteFrom("label").where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
        if (Number(deleted.numDeletedRows) === 0) return undefined;
        await resync(trx);
        return { id, tasks: Number(links.numDeletedRows) };
      });
    },

    /**
     * The ids of labels named `names` (ignoring case), made where the user has none, in the caller's
     * transaction (an import, which records its own `resync`): new ones take their colour from `colors`
     * (by lower-case name), else gray. Resolves the ids by lower-case name, and the names it made.
     * @throws {LabelQuotaExceededError}
     */
    async matchOrMake(names: Iterable<string>, colors: ReadonlyMap<string, LabelColor>): Promise<{ ids: Map<string, string>; made: string[] }> {
      const existing = new Map((await db.selectFrom("label").selectAll().where("user_id", "=", userId).execute()).map((row) => [row.name.toLowerCase(), row.id]));
      const made: string[] = [];
      for (const name of names) {
        const key = name.toLowerCase();
        if (existing.has(key)) continue;
        existing.set(key, (await insert(db, { name, color: colors.get(key) ?? "gray" })).id);
        made.push(name);
      }
      return { ids: existing, made };
    },
  };
}

/** The repository type routers receive. */
export type LabelRepository = ReturnType<typeof labelRepository>;
