import { lt, sql } from 'drizzle-orm';
import { prepared } from '../store.ts';
import type { Platform, Q } from '../types.ts';

/** @returns true the first time a delivery id is recorded, false for a repeat (from any process). */
export async function recordDelivery(q: Q, platform: Platform, deliveryId: string, now: number): Promise<boolean> {
  // Prepared: every Slack request records its delivery, after the ack and before the next request's.
  const query = prepared(q, 'record_delivery', ({ t: { deliveries } }) =>
    q
      .insert(deliveries)
      .values({ platform: sql.placeholder('platform'), deliveryId: sql.placeholder('deliveryId'), seenAt: sql.placeholder('seenAt') })
      .onConflictDoNothing()
      .returning({ id: deliveries.deliveryId }),
  );
  const inserted = (await query.execute({ platform, deliveryId, seenAt: now })) as unknown[];
  return inserted.length > 0;
}

export async function forgetDeliveriesBefore(q: Q, before: number): Promise<void> {
  const { deliveries } = q.t;
  await q.delete(deliveries).where(lt(deliveries.seenAt, before));
}
