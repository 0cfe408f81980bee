// How requests reach Cohort: only correctly signed, fresh HTTP requests are
// acted on, and a delivery Slack repeats is acknowledged but acted on once.
import { describe, expect, it } from 'vitest';
import { formBody, signedRequest } from '../../fakes/slack/index.ts';
import { alice, bob, MODES, SIGNING_SECRET, startStudyGroup, study, type Harness } from './harness.ts';

const count = (h: Harness, sql: string) => h.app.count(sql);
const submit = (h: Harness, userId = alice.id) =>
  h.fake.payloads.slashCommand({ command: '/challenge', text: 'submit task:data-project five queries', user_id: userId, user_name: 'x', channel_id: study.id, channel_name: study.name });

describe('HTTP requests', () => {
  it('answers a wrongly signed request, a stale one and one from the future with 401, with no side effect', async () => {
    const h = await startStudyGroup('http');
    const before = { calls: h.fake.calls.length, responses: h.fake.responses.length };
    const body = formBody(submit(h));
    expect((await signedRequest(h.slack.url!, body, 'fedcba9876543210fedcba9876543210')).status).toBe(401);
    expect((await signedRequest(h.slack.url!, body, SIGNING_SECRET, { signature: 'v0=deadbeef' })).status).toBe(401);
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await signedRequest(h.slack.url!, body, SIGNING_SECRET, { timestamp: sixMinutesAgo })).status).toBe(401);
    // Slack's window holds either way: bolt alone accepts a request stamped in the future.
    const tenMinutesAhead = Math.floor(Date.now() / 1000) + 10 * 60;
    expect((await signedRequest(h.slack.url!, body, SIGNING_SECRET, { timestamp: tenMinutesAhead })).status).toBe(401);
    await h.slack.idle();
    expect(h.fake.calls.slice(before.calls)).toEqual([]);
    expect(h.fake.responses.slice(before.responses)).toEqual([]);
    expect(await count(h, 'SELECT count(*) AS n FROM submissions')).toBe(0);
  });
});

describe.each(MODES)('repeated deliveries over %s', (mode) => {
  it('acts once on a delivery Slack sends again (x-slack-retry-num over HTTP, a redelivered envelope over Socket Mode)', async () => {
    const h = await startStudyGroup(mode);
    const payload = submit(h);
    const before = h.fake.calls.length;
    expect(await h.deliver('slash_commands', payload)).toBe(mode === 'http' ? 200 : undefined);
    expect(await h.deliver('slash_commands', payload, { retryNum: 1, retryReason: 'http_timeout' })).toBe(mode === 'http' ? 200 : undefined);
    await h.slack.idle();
    expect(h.fake.calls.slice(before).filter((c) => c.method === 'chat.postMessage')).toHaveLength(1);
    expect(await count(h, 'SELECT count(*) AS n FROM submissions')).toBe(1);
    // One answer to the learner: the repeat is not run again (it would say the work is already waiting).
    expect(h.fake.responses.filter((r) => r.url === payload.response_url).map((r) => r.body.text)).toEqual([expect.stringContaining('waiting for a mentor')]);
  });

  it('acts on a retry of a delivery it never saw', async () => {
    const h = await startStudyGroup(mode);
    await h.deliver('slash_commands', submit(h, bob.id), { retryNum: 2, retryReason: 'http_timeout' });
    await h.slack.idle();
    // bob has not joined, so he is told how to; the retry was not dropped.
    expect(h.fake.responses.at(-1)?.body.text).toContain('/roadmap start mini');
  });
});
