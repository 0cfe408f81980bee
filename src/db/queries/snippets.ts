import { and, asc, eq } from 'drizzle-orm';
import type { GroupRow, Q } from '../types.ts';
import type * as schema from '../schema/sqlite.ts';

export type SnippetRow = typeof schema.reviewSnippets.$inferSelect;

export async function listSnippets(q: Q, group: GroupRow): Promise<SnippetRow[]> {
  const { reviewSnippets: r } = q.t;
  return q.select().from(r).where(and(eq(r.communityId, group.communityId), eq(r.groupId, group.id))).orderBy(asc(r.name));
}

/** Adds or replaces the group's snippet `name`; returns whether it replaced one. */
export async function saveSnippet(q: Q, group: GroupRow, row: { name: string; text: string; createdBy: number; createdAt: number }): Promise<boolean> {
  const { reviewSnippets: r } = q.t;
  const existing = await q
    .select({ id: r.id })
    .from(r)
    .where(and(eq(r.groupId, group.id), eq(r.name, row.name)))
    .limit(1);
  await q
    .insert(r)
    .values({ communityId: group.communityId, groupId: group.id, ...row })
    .onConflictDoUpdate({ target: [r.groupId, r.name], set: { text: row.text, createdBy: row.createdBy, createdAt: row.createdAt } });
  return existing.length > 0;
}

export async function deleteSnippet(q: Q, group: GroupRow, name: string): Promise<boolean> {
  const { reviewSnippets: r } = q.t;
  const gone = await q
    .delete(r)
    .where(and(eq(r.communityId, group.communityId), eq(r.groupId, group.id), eq(r.name, name)))
    .returning({ id: r.id });
  return gone.length > 0;
}
