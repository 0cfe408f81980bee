// The operator's window into a running bot, on METRICS_PORT (off unless set):
//   GET /healthz  200 when the store answers and every platform is connected,
//                 503 naming what is down (for a supervisor or load balancer)
//   GET /metrics  Prometheus text (prom-client)
// Plain node:http: two routes need no framework, and it stays up even when
// the dashboard is off.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from './metrics.ts';

/** One thing /healthz looks at: it answers a problem in words, or undefined when fine. */
export interface HealthCheck {
  name: string;
  problem(): Promise<string | undefined> | string | undefined;
}

export interface StatusServerOptions {
  host: string;
  port: number;
  metrics: Metrics;
  checks: readonly HealthCheck[];
  log: Logger;
}

export interface StatusServer {
  /** Where it listens, e.g. http://127.0.0.1:9464 (with the port actually bound). */
  url: string;
  close(): Promise<void>;
}

/** A check that takes longer than this counts as down: a hung store must not hang the probe. */
const CHECK_TIMEOUT_MS = 2_000;

export async function health(checks: readonly HealthCheck[]): Promise<{ ok: boolean; checks: Record<string, string> }> {
  const results = await Promise.all(
    checks.map(async (c) => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<string>((resolve) => (timer = setTimeout(() => resolve(`did not answer within ${CHECK_TIMEOUT_MS / 1000} s`), CHECK_TIMEOUT_MS)));
      try {
        const problem = await Promise.race([Promise.resolve().then(() => c.problem()), timeout]);
        return [c.name, problem ?? 'ok'] as const;
      } catch (err) {
        return [c.name, err instanceof Error ? err.message : String(err)] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return { ok: results.every(([, r]) => r === 'ok'), checks: Object.fromEntries(results) };
}

export async function startStatusServer(opts: StatusServerOptions): Promise<StatusServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain; charset=utf-8', 'Only GET and HEAD are served here.\n');
    if (path === '/healthz') {
      void health(opts.checks).then(({ ok, checks }) => {
        const down = Object.entries(checks).filter(([, r]) => r !== 'ok');
        if (!ok) opts.log.warn({ down: Object.fromEntries(down) }, 'health check: down');
        send(ok ? 200 : 503, 'application/json', `${JSON.stringify({ status: ok ? 'ok' : 'down', checks })}\n`);
      });
      return;
    }
    if (path === '/metrics') {
      opts.metrics.text().then(
        (text) => send(200, opts.metrics.registry.contentType, text),
        (err: unknown) => {
          opts.log.error({ err }, 'metrics could not be collected');
          send(500, 'text/plain; charset=utf-8', 'Metrics could not be collected; see the bot log.\n');
        },
      );
      return;
    }
    send(404, 'text/plain; charset=utf-8', 'Not found. Cohort serves /healthz and /metrics here.\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new ConfigError([`METRICS_PORT: ${opts.port} is already in use on ${opts.host} — stop what listens there, or choose another METRICS_PORT`])
          : err.code === 'EADDRNOTAVAIL'
            ? new ConfigError([`HOST: ${opts.host} is not an address of this machine — use 127.0.0.1, 0.0.0.0 or one of its interface addresses`])
            : err,
      ),
    );
    server.listen({ host: opts.host, port: opts.port }, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`;
  opts.log.info({ url: `${url}/healthz`, metrics: `${url}/metrics` }, 'status endpoints listening');
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
