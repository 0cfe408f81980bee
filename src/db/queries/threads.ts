import { and, eq } from 'drizzle-orm';
import { first } from '../store.ts';
import type { Q, ThreadRow } from '../types.ts';

export async function findThread(q: Q, communityId: number, key: string): Promise<ThreadRow | undefined> {
  const { threads } = q.t;
  return first(await q.select().from(threads).where(and(eq(threads.communityId, communityId), eq(threads.key, key))).limit(1));
}

/** Records a thread; when another process recorded one for the key first, that one is kept and returned. */
export async function insertThread(q: Q, row: Omit<ThreadRow, 'id'>): Promise<ThreadRow> {
  await q.insert(q.t.threads).values(row).onConflictDoNothing();
  return (await findThread(q, row.communityId, row.key))!;
}

export async function deleteThread(q: Q, communityId: number, key: string): Promise<void> {
  const { threads } = q.t;
  await q.delete(threads).where(and(eq(threads.communityId, communityId), eq(threads.key, key)));
}
