import { and, eq } from 'drizzle-orm';
import { first } from '../store.ts';
import type { Q } from '../types.ts';
import type * as schema from '../schema/sqlite.ts';

export type PostRow = typeof schema.posts.$inferSelect;

export async function findPost(q: Q, communityId: number, key: string): Promise<PostRow | undefined> {
  const { posts } = q.t;
  return first(await q.select().from(posts).where(and(eq(posts.communityId, communityId), eq(posts.key, key))).limit(1));
}

/** Records where a post landed; the first record for a key is kept. */
export async function insertPost(q: Q, row: Omit<PostRow, 'id'>): Promise<void> {
  await q.insert(q.t.posts).values(row).onConflictDoNothing();
}
