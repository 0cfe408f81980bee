// Answers through response_url, as the member sees them: a Slack hiccup (5xx)
// is tried again and the answer arrives once; an expired URL loses only that
// answer, which the log records, and the next command is answered as usual.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/log.ts';
import { alice, MODES, startHarness, study } from './harness.ts';

describe.each(MODES)('response_url over %s', (mode) => {
  it('tries an answer again after a 5xx, and after an expired URL logs the lost answer and answers the next command', async () => {
    const lines: { msg?: string; err?: { message?: string }; user?: string }[] = [];
    const h = await startHarness(mode, { log: createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) }) });
    const command = (id: string) => h.fake.payloads.slashCommand({ command: '/roadmap', text: 'list', user_id: alice.id, user_name: alice.name, channel_id: study.id, channel_name: study.name, response_url: h.fake.responseUrl(id) });

    h.fake.failNextResponse('hiccup', 503, 'service_unavailable');
    await h.deliver('slash_commands', command('hiccup'));
    await h.slack.idle();
    const tries = h.fake.responses.filter((r) => r.id === 'hiccup');
    expect(tries.map((r) => r.status)).toEqual([503, 200]);
    expect(tries[1]!.body).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(tries[1]!.body)).toContain('Mini Backend');

    h.fake.failNextResponse('expired', 404, 'expired_url');
    await h.deliver('slash_commands', command('expired'));
    await h.slack.idle();
    expect(h.fake.responses.filter((r) => r.id === 'expired').map((r) => r.status)).toEqual([404]);
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'slack: a private reply failed', user: alice.id, err: expect.objectContaining({ message: expect.stringContaining('HTTP 404') }) }));

    await h.deliver('slash_commands', command('next'));
    await h.slack.idle();
    expect(h.fake.responses.filter((r) => r.id === 'next').map((r) => r.status)).toEqual([200]);
  });
});
