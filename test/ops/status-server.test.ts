// /healthz and /metrics as an operator's probe sees them, on a real bot
// (discord.js against the fake Discord, the real store).
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.ts';
import { createLogger } from '../../src/log.ts';
import { botChecks } from '../../src/ops/checks.ts';
import { startStatusServer, type StatusServer } from '../../src/ops/status-server.ts';
import { discordHarness, type Harness } from '../platforms/discord/harness.ts';
import { studyServer } from '../platforms/discord/seed.ts';
import { failInserts } from '../helpers/app.ts';

const servers: StatusServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function serve(h: Harness): Promise<StatusServer> {
  const s = await startStatusServer({ host: '127.0.0.1', port: 0, metrics: h.app.metrics!, checks: botChecks(h.app.store, [h.bot]), log: createLogger('silent') });
  servers.push(s);
  return s;
}

const get = async (url: string) => {
  const res = await fetch(url);
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
};

/** One sample of a metric from the Prometheus text, e.g. value(text, 'cohort_interactions_total', { outcome: 'ok' }). */
function value(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const m = /^(\w+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe('the status endpoints', () => {
  it('say healthy while the store answers and Discord is connected, and name Discord when its gateway is lost', async () => {
    const h = await discordHarness();
    const status = await serve(h);
    const up = await get(`${status.url}/healthz`);
    expect(up.status).toBe(200);
    expect(JSON.parse(up.body)).toEqual({ status: 'ok', checks: { store: 'ok', discord: 'ok' } });

    // Discord goes away: the client keeps trying to reconnect, and the probe says so.
    await h.fake.close();
    await expect.poll(async () => (await get(`${status.url}/healthz`)).status, { timeout: 10_000 }).toBe(503);
    const down = JSON.parse((await get(`${status.url}/healthz`)).body) as { status: string; checks: Record<string, string> };
    expect(down.status).toBe('down');
    expect(down.checks.store).toBe('ok');
    expect(down.checks.discord).toMatch(/not connected/);
  });

  it('count a gateway reconnect', async () => {
    const h = await discordHarness();
    const status = await serve(h);
    h.fake.requestReconnect();
    await expect
      .poll(async () => value((await get(`${status.url}/metrics`)).body, 'cohort_gateway_reconnects_total', { platform: 'discord' }), { timeout: 10_000 })
      .toBe(1);
    // Back again: healthy.
    await expect.poll(async () => (await get(`${status.url}/healthz`)).status, { timeout: 10_000 }).toBe(200);
  });

  it('name the store when it stops answering', async () => {
    const h = await discordHarness();
    const status = await serve(h);
    await h.app.store.close();
    const res = await get(`${status.url}/healthz`);
    expect(res.status).toBe(503);
    expect(JSON.parse(res.body).checks.store).toMatch(/^the store does not answer/);
  });

  it('count interactions by command and outcome, and a failing command shows as a failure', async () => {
    const h = await studyServer();
    const status = await serve(h);
    const study = { channel: 'study' };
    await h.command('bob', '/help', {}, study);
    await h.command('bob', '/roadmap progress', {}, study); // not enrolled: the user's to fix
    const restore = await failInserts(h.app, 'enrolments', 'disk trouble');
    const failed = await h.command('bob', '/roadmap start', {}, study);
    await restore();
    expect(failed.text).toMatch(/went wrong/);
    // An answer whose save fails (on SQLite after it was shown) counts once, as a failure; the next one, saved, as ok.
    await h.command('bob', '/roadmap start', {}, study);
    const refuse = await failInserts(h.app, 'quiz_attempts', 'disk trouble');
    expect((await h.command('bob', '/challenge answer', { answer: 'A' }, study)).text).toMatch(/went wrong/);
    await refuse();
    expect((await h.command('bob', '/challenge answer', { answer: 'A' }, study)).text).toMatch(/Correct!|Not quite/);

    const metrics = await get(`${status.url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(value(metrics.body, 'cohort_interactions_total', { platform: 'discord', command: 'help', outcome: 'ok' })).toBe(1);
    expect(value(metrics.body, 'cohort_interactions_total', { platform: 'discord', command: 'roadmap progress', outcome: 'user_error' })).toBe(1);
    expect(value(metrics.body, 'cohort_interactions_total', { platform: 'discord', command: 'roadmap start', outcome: 'failure' })).toBe(1);
    expect(value(metrics.body, 'cohort_interactions_total', { platform: 'discord', command: 'challenge answer', outcome: 'failure' })).toBe(1);
    expect(value(metrics.body, 'cohort_interactions_total', { platform: 'discord', command: 'challenge answer', outcome: 'ok' })).toBe(1);
    expect(value(metrics.body, 'cohort_interaction_seconds_count', { platform: 'discord', command: 'challenge answer' })).toBe(2);
    expect(value(metrics.body, 'cohort_interaction_seconds_count', { platform: 'discord', command: 'help' })).toBe(1);
    // Every statement the commands ran was timed.
    expect(value(metrics.body, 'cohort_store_query_seconds_count', {})).toBeGreaterThan(3);
    expect(value(metrics.body, 'cohort_send_queue_depth', {})).toBe(0);
  });

  it('answer nothing else, and name METRICS_PORT when the port is taken', async () => {
    const h = await discordHarness();
    const status = await serve(h);
    expect((await get(`${status.url}/`)).status).toBe(404);
    expect((await fetch(`${status.url}/metrics`, { method: 'POST' })).status).toBe(405);

    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen({ host: '127.0.0.1', port: 0 }, resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const failed = await startStatusServer({ host: '127.0.0.1', port, metrics: h.app.metrics!, checks: [], log: createLogger('silent') }).catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(ConfigError);
      expect((failed as ConfigError).problems).toEqual([`METRICS_PORT: ${port} is already in use on 127.0.0.1 — stop what listens there, or choose another METRICS_PORT`]);
    } finally {
      taken.close();
    }
  });
});
