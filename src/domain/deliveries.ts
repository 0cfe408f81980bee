// Platforms redeliver: Slack retries a request it thinks was lost, and with
// several bot processes the retry can reach another process. Whether a
// delivery was already acted on is therefore decided in the store.
import { forgetDeliveriesBefore, recordDelivery } from '../db/queries/deliveries.ts';
import type { Platform } from '../db/types.ts';
import type { Deps } from './deps.ts';

/** Slack retries within minutes; a day of ids is plenty, and keeps the table small. */
export const DELIVERY_MEMORY_MS = 24 * 3_600_000;
const PRUNE_EVERY = 500;
let sincePrune = 0;

/** @returns true the first time this delivery is seen by any process, false for a repeat. */
export async function firstDelivery(deps: Deps, platform: Platform, deliveryId: string): Promise<boolean> {
  const now = deps.clock.now().getTime();
  if (++sincePrune >= PRUNE_EVERY) {
    sincePrune = 0;
    await forgetDeliveriesBefore(deps.db, now - DELIVERY_MEMORY_MS);
  }
  return recordDelivery(deps.db, platform, deliveryId, now);
}
