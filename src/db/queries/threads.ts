import { and, eq } from 'drizzle-orm';
import { threads } from '../schema.ts';
import type { Q, ThreadRow } from '../types.ts';

export function findThread(q: Q, communityId: number, key: string): ThreadRow | undefined {
  return q.select().from(threads).where(and(eq(threads.communityId, communityId), eq(threads.key, key))).get();
}

/** Records a thread; when another process recorded one for the key first, that one is kept and returned. */
export function insertThread(q: Q, row: Omit<ThreadRow, 'id'>): ThreadRow {
  q.insert(threads).values(row).onConflictDoNothing().run();
  return findThread(q, row.communityId, row.key)!;
}

export function deleteThread(q: Q, communityId: number, key: string): void {
  q.delete(threads).where(and(eq(threads.communityId, communityId), eq(threads.key, key))).run();
}
