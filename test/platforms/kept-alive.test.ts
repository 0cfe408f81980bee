// The one request Cohort sends on nearly every command's answering path (the
// interaction callback, response_url, users.info, a card's edit), against a
// real local HTTP server: what arrives, how an unanswered request ends, and
// that the connection is kept for the next request.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { requestKeptAlive, TryAgain, type Answer } from '../../src/platforms/kept-alive.ts';

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((r) => server?.close(r) ?? r(undefined));
  server = undefined;
});

/** A server that records each request and answers as `answer` says (or never, when it returns undefined). */
async function serve(answer: (r: Received, res: ServerResponse) => void = (_, res) => res.writeHead(204).end()) {
  const received: Received[] = [];
  const sockets = new Set<unknown>();
  server = createServer((req, res) => {
    sockets.add(req.socket);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
      received.push(r);
      answer(r, res);
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { received, base, connections: () => sockets.size };
}

const asText = { headers: {}, timeoutMs: 2_000, attempts: 1, judge: (a: Answer) => a };

describe('a request over a kept-alive connection', () => {
  it('sends the method, path, query, headers and body, and gives back the status, headers and text', async () => {
    const s = await serve((_, res) => res.writeHead(200, { 'content-type': 'application/json', 'retry-after': '2' }).end('{"ok":true}'));
    const answer = await requestKeptAlive(new URL(`${s.base}/api/v10/interactions/1/tok/callback?x=1`), '{"type":4}', { ...asText, method: 'PATCH', headers: { 'content-type': 'application/json' } });
    expect(answer).toMatchObject({ status: 200, text: '{"ok":true}', headers: { 'retry-after': '2' } });
    expect(s.received).toHaveLength(1);
    expect(s.received[0]).toMatchObject({ method: 'PATCH', url: '/api/v10/interactions/1/tok/callback?x=1', headers: { 'content-type': 'application/json', 'content-length': '10' } });
    expect(s.received[0]!.body.toString()).toBe('{"type":4}');
  });

  it('sends a body given in pieces (text around a picture) whole and unchanged, with its length', async () => {
    const s = await serve();
    const picture = Buffer.from(Array.from({ length: 70_000 }, (_, k) => k % 251));
    await requestKeptAlive(new URL(`${s.base}/upload`), ['--b\r\nhead: é\r\n\r\n', picture, '\r\n--b--\r\n'], asText);
    const expected = Buffer.concat([Buffer.from('--b\r\nhead: é\r\n\r\n'), picture, Buffer.from('\r\n--b--\r\n')]);
    expect(s.received[0]!.headers['content-length']).toBe(String(expected.length));
    expect(s.received[0]!.body.equals(expected)).toBe(true);
  });

  it('keeps its connections for the requests that follow, instead of a new one each', async () => {
    const s = await serve();
    for (let k = 0; k < 10; k++) await requestKeptAlive(new URL(`${s.base}/n/${k}`), 'x', asText);
    expect(s.received.map((r) => r.url)).toEqual(Array.from({ length: 10 }, (_, k) => `/n/${k}`));
    // undici's pool may open a second connection while the first finishes reading an answer.
    expect(s.connections()).toBeLessThanOrEqual(2);
  });

  it('gives up on a server that never answers, saying which and how long it waited', async () => {
    const s = await serve(() => undefined);
    await expect(requestKeptAlive(new URL(`${s.base}/slow`), 'x', { ...asText, timeoutMs: 200 })).rejects.toThrow(`127.0.0.1:${new URL(s.base).port} did not answer within 0.2 s`);
  });

  it('tries again when the judge asks, and fails with its error once the tries are used up', async () => {
    let calls = 0;
    const s = await serve((_, res) => res.writeHead(++calls < 3 ? 503 : 200).end(String(calls)));
    const judge = (a: Answer) => (a.status >= 500 ? new TryAgain(0, new Error(`HTTP ${a.status}`)) : a.text);
    expect(await requestKeptAlive(new URL(`${s.base}/flaky`), 'x', { ...asText, attempts: 3, judge })).toBe('3');
    calls = 0;
    await expect(requestKeptAlive(new URL(`${s.base}/flaky`), 'x', { ...asText, attempts: 2, judge })).rejects.toThrow('HTTP 503');
    expect(s.received).toHaveLength(5);
  });

  it('sends a body in pieces whole again each time it is tried again', async () => {
    let calls = 0;
    const s = await serve((_, res) => res.writeHead(++calls < 2 ? 429 : 200).end());
    const picture = Buffer.alloc(50_000, 7);
    const judge = (a: Answer) => (a.status === 429 ? new TryAgain(0, new Error('HTTP 429')) : a.status);
    expect(await requestKeptAlive(new URL(`${s.base}/upload`), ['head\r\n', picture, '\r\ntail'], { ...asText, attempts: 2, judge })).toBe(200);
    const expected = Buffer.concat([Buffer.from('head\r\n'), picture, Buffer.from('\r\ntail')]);
    expect(s.received.map((r) => r.body.equals(expected))).toEqual([true, true]);
  });
});
