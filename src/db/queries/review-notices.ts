import { eq } from 'drizzle-orm';
import type { Q } from '../types.ts';

export type NoticeKind = 'nudge' | 'escalate';

/** Claims a notice before it is sent; of two processes claiming at once, one gets true. */
export async function claimNotice(q: Q, row: { communityId: number; groupId: number; submissionId: number; kind: NoticeKind; at: number }): Promise<boolean> {
  const { reviewNotices: n } = q.t;
  const r = await q.insert(n).values(row).onConflictDoNothing().returning({ id: n.id });
  return r.length > 0;
}

/** Keys ("submissionId:kind") of the notices already claimed for pending submissions. */
export async function claimedNotices(q: Q): Promise<Set<string>> {
  const { reviewNotices: n, submissions: s } = q.t;
  const rows = await q
    .select({ s: n.submissionId, k: n.kind })
    .from(n)
    .innerJoin(s, eq(s.id, n.submissionId))
    .where(eq(s.status, 'pending'));
  return new Set(rows.map((r) => `${r.s}:${r.k}`));
}
