// What /healthz looks at in a running bot: the store answers a trivial query,
// and every configured platform says it is connected.
import type { Health } from './health.ts';
import type { HealthCheck } from './status-server.ts';

export function botChecks(store: { rows(sql: string): Promise<unknown[]> }, platforms: readonly { name: string; problem(): string | undefined }[], health?: Health): HealthCheck[] {
  return [
    {
      name: 'store',
      problem: async () => {
        try {
          await store.rows('SELECT 1');
        } catch (err) {
          return `the store does not answer: ${err instanceof Error ? err.message : String(err)}`;
        }
        // It answers reads, but the last write it was asked for was refused (disk full, read-only).
        return health?.problems()[0];
      },
    },
    ...platforms.map((p) => ({ name: p.name, problem: () => p.problem() })),
  ];
}
