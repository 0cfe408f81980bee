// What users see when something goes wrong that is not their fault.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.ts';
import { failInserts, testApp } from '../helpers/app.ts';
import { chat, groupChat } from '../helpers/chat.ts';
import { ENGINE } from '../helpers/engine.ts';

async function appWithCapturedLog() {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line)) });
  return { app: await testApp({ log }), lines };
}

describe('unexpected errors', () => {
  it('apologise with a reference that is also in the log, with the command and who ran it', async () => {
    const { app, lines } = await appWithCapturedLog();
    const c = await chat({ app });
    await c.say('/group setup roadmap:mini');
    await failInserts(app, 'enrolments', 'disk on fire');
    const r = await c.say('@alice /roadmap start');
    expect(r.error).toBe(true);
    expect(r.public).toBe(false);
    const ref = /reference `([0-9a-f]{6})`/.exec(r.text)?.[1];
    expect(ref).toBeDefined();
    expect(r.text).not.toContain('disk on fire');
    const logged = lines.find((l) => l.ref === ref);
    expect(logged).toMatchObject({ level: 50, msg: 'command failed', command: '/roadmap start', user: 'alice', channel: 'study' });
    expect(JSON.stringify(logged)).toContain('disk on fire');
  });

  it('do not log user mistakes as failures', async () => {
    const { app, lines } = await appWithCapturedLog();
    const c = await chat({ app });
    await c.say('@alice /roadmap dance');
    expect(lines.filter((l) => (l.level as number) >= 40)).toEqual([]);
  });
});

describe('nothing is half-written', () => {
  it('a correct answer whose points cannot be recorded leaves no attempt, streak or activity behind', async () => {
    const c = await groupChat();
    await c.say('@alice /roadmap start');
    const repair = await failInserts(c.app, 'ledger', 'ledger unavailable');
    const failed = await c.say('@alice /challenge answer PUT');
    expect(failed.text).toContain('something went wrong on our side and nothing was changed');
    expect(failed.error).toBe(true);
    // SQLite shows the grade before it is saved (Store.decide), so the grade is taken back;
    // PostgreSQL saves first, and the apology is the answer.
    if (ENGINE === 'sqlite') expect(failed.text).toMatch(/^That was not saved\nWhat I just told you does not count\. Sorry/);
    expect(failed.text).not.toContain('Correct!');
    for (const table of ['quiz_attempts', 'activities', 'streaks', 'ledger']) {
      expect(await c.app.count(`SELECT count(*) AS n FROM ${table}`), table).toBe(0);
    }
    // The attempt was not spent: once the fault is gone the answer counts.
    await repair();
    expect((await c.say('@alice /challenge answer PUT')).text).toContain('Correct! +10 points');
  });

  it('an approval whose points cannot be paid leaves the submission pending', async () => {
    const c = await groupChat();
    await c.say('/group mentor add @maya');
    await c.say('@alice /roadmap start');
    await c.say('@alice /challenge submit task:basics-project https://github.com/alice/x');
    await failInserts(c.app, 'ledger', 'ledger unavailable');
    expect((await c.say('@maya /review approve 1')).error).toBe(true);
    expect(await c.app.sql('SELECT status FROM submissions WHERE id = 1')).toEqual([{ status: 'pending' }]);
  });
});
