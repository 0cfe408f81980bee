// The scheduler's way out on Slack: daily posts in the channel, reminders as
// DMs, and Slack's refusals classified so the scheduler pauses or retries.
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/commands/types.ts';
import { DeliveryError } from '../../../src/scheduler/poster.ts';
import { createScheduler } from '../../../src/scheduler/scheduler.ts';
import { createLogger } from '../../../src/log.ts';
import { SlackApiError } from '../../fakes/slack/index.ts';
import { letterShown } from '../../helpers/quiz.ts';
import { alice, posted, silent, startHarness, startStudyGroup, study } from './harness.ts';

const daily: Reply = { visibility: 'public', title: 'Daily challenge · 2026-03-02', text: 'Which method is **idempotent**?', buttons: [{ label: 'A', command: '/challenge answer A' }] };
const to = { communityId: 'T0FAKETEAM', channelId: study.id };
const nonce = { nonce: 'cohort-run-1' };

describe('the Slack poster', () => {
  it("posts the group's daily challenge at its post time; members answer with its buttons", async () => {
    const h = await startStudyGroup('http');
    const scheduler = createScheduler({ deps: h.app.deps, log: silent(), posters: [h.slack.poster] });
    h.app.clock.set('2026-03-03T08:00:00Z'); // 09:00 in Berlin
    await scheduler.tick();
    await scheduler.idle();
    const [call] = h.fake.callsTo('chat.postMessage').filter((c) => String(c.args.text).startsWith('Daily challenge · 2026-03-03'));
    expect(call?.args.channel).toBe(study.id);
    const [run] = await h.app.sql("SELECT status, message_id AS \"messageId\" FROM scheduled_runs WHERE job = 'daily'");
    expect(run).toEqual({ status: 'sent', messageId: call?.response.ts });

    const daily = posted(call!);
    expect(daily.buttons.map((b) => b.label)).toEqual(['A', 'B', 'C']);
    expect(daily.text).toContain('Which method is idempotent but not safe?');
    expect((await h.press(alice, daily, letterShown(daily.text, 'PUT'))).private[0]!.text).toContain('Correct! +10 points');
    await scheduler.stop();
  });

  it('posts in the channel and DMs a member, returning the message ts; one message a second per channel', async () => {
    const h = await startHarness('http');
    const { poster } = h.slack;
    expect(poster).toMatchObject({ platform: 'slack', channelIntervalMs: 1_100 });

    const posted = await poster.post(to, daily, nonce);
    const message = h.fake.message(study.id, posted.messageId);
    expect(message?.text).toBe('Daily challenge · 2026-03-02\nWhich method is *idempotent*?');
    expect(message?.blocks).toContainEqual(expect.objectContaining({ type: 'actions' }));

    const dm = await poster.dm({ communityId: to.communityId, userId: alice.id }, { visibility: 'private', text: 'Keep your streak' }, nonce);
    const call = h.fake.callsTo('chat.postMessage').at(-1)!;
    expect(call.args.channel).toBe(alice.id);
    expect(call.response).toMatchObject({ ok: true, ts: dm.messageId, channel: expect.stringMatching(/^D/) });
  });

  it.each([
    ['channel_not_found', 'gone', "I can't see <#C0STUDY>"],
    ['is_archived', 'gone', '<#C0STUDY> is archived'],
    ['not_in_channel', 'forbidden', "I'm not in <#C0STUDY>. Invite me with `/invite @Cohort` there"],
    ['restricted_action', 'forbidden', 'does not let me post in <#C0STUDY>'],
    ['missing_scope', 'forbidden', 'reinstall it from the manifest'],
    ['internal_error', 'transient', 'Slack answered internal_error'],
  ] as const)('turns %s into a %s failure the group settings can show', async (error, kind, says) => {
    const h = await startHarness('http');
    h.fake.failNext('chat.postMessage', error);
    const failed = await h.slack.poster.post(to, daily, nonce).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(DeliveryError);
    expect(failed).toMatchObject({ kind, message: expect.stringContaining(says) });
  });

  it('logs a daily post refused with not_in_channel as one warning line, without a stack, and pauses the group', async () => {
    const lines: Record<string, unknown>[] = [];
    const log = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) });
    const h = await startStudyGroup('http');
    const scheduler = createScheduler({ deps: h.app.deps, log, posters: [h.slack.poster] });
    h.fake.failNext('chat.postMessage', 'not_in_channel');
    h.app.clock.set('2026-03-03T08:00:00Z'); // 09:00 in Berlin
    await scheduler.tick();
    await scheduler.idle();
    await scheduler.stop();
    const about = lines.filter((l) => JSON.stringify(l).includes('not in <#C0STUDY>'));
    expect(about).toEqual([expect.objectContaining({ level: 40, msg: 'scheduled posts paused for this group' })]);
    expect(lines.filter((l) => Number(l.level) >= 50 || 'err' in l)).toEqual([]);
    const [group] = await h.app.sql('SELECT posts_paused_reason AS reason FROM groups');
    expect(String(group?.reason)).toContain('Invite me with `/invite @Cohort`');
  });

  it('leaves rate limits, server errors and an unreachable Slack to the scheduler to retry', async () => {
    const h = await startHarness('http');
    const post = () => h.slack.poster.post(to, daily, nonce).catch((e: unknown) => e);
    h.fake.rateLimitNext('chat.postMessage', 30);
    expect(await post()).toMatchObject({ kind: 'transient', message: 'Slack asked me to slow down. Try again in a minute.' });
    h.fake.handle('chat.postMessage', () => {
      throw new Error('the fake is down');
    });
    expect(await post()).toMatchObject({ kind: 'transient' });
    h.fake.handle('chat.postMessage', () => {
      throw new SlackApiError('fatal_error');
    });
    expect(await post()).toMatchObject({ kind: 'transient', message: 'Slack answered fatal_error' });
    await h.fake.close();
    expect(await post()).toMatchObject({ kind: 'transient' });
  });
});
