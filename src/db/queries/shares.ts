import { and, eq } from 'drizzle-orm';
import { first } from '../store.ts';
import type { Q } from '../types.ts';
import type * as schema from '../schema/sqlite.ts';

export type ShareRow = typeof schema.shares.$inferSelect;

/** Records a share; true only for the one caller that recorded it first (the unique key decides). */
export async function insertShare(q: Q, row: Omit<ShareRow, 'id'>): Promise<boolean> {
  const { shares } = q.t;
  const r = await q.insert(shares).values(row).onConflictDoNothing().returning({ id: shares.id });
  return r.length > 0;
}

/** Who shared `key` in the group on `localDate`, and when. */
export async function findShare(q: Q, groupId: number, key: string, localDate: string): Promise<{ by: string; at: number } | undefined> {
  const { shares } = q.t;
  return first(
    await q
      .select({ by: q.t.members.displayName, at: shares.at })
      .from(shares)
      .innerJoin(q.t.members, eq(q.t.members.id, shares.sharedBy))
      .where(and(eq(shares.groupId, groupId), eq(shares.key, key), eq(shares.localDate, localDate)))
      .limit(1),
  );
}
