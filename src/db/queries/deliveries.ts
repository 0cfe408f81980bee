import { lt } from 'drizzle-orm';
import type { Platform, Q } from '../types.ts';

/** @returns true the first time a delivery id is recorded, false for a repeat (from any process). */
export async function recordDelivery(q: Q, platform: Platform, deliveryId: string, now: number): Promise<boolean> {
  const { deliveries } = q.t;
  const r = await q.insert(deliveries).values({ platform, deliveryId, seenAt: now }).onConflictDoNothing().returning({ id: deliveries.deliveryId });
  return r.length > 0;
}

export async function forgetDeliveriesBefore(q: Q, before: number): Promise<void> {
  const { deliveries } = q.t;
  await q.delete(deliveries).where(lt(deliveries.seenAt, before));
}
