// A newcomer's first minutes in the shell (issue 12 §6): the banner before
// anything else, speakers in any script, a bad name explained, and log
// warnings as one readable line on a terminal.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, readableLines } from '../../../src/log.ts';
import { ensureShellGroup, handleLine, runShell } from '../../../src/platforms/shell/shell.ts';
import { REAL_ROADMAPS, testApp } from '../../helpers/app.ts';

async function shellApp() {
  const app = await testApp({ roadmapsDir: REAL_ROADMAPS });
  await ensureShellGroup(app, 'Europe/Berlin');
  return app;
}

describe('the shell for a newcomer', () => {
  it('prints its banner before what is due at start, such as the daily post', async () => {
    const app = await shellApp();
    const input = new PassThrough();
    const output = new PassThrough();
    let out = '';
    output.on('data', (b: Buffer) => (out += b.toString()));
    const done = runShell(app, {
      input,
      output,
      interactive: true,
      timezone: 'Europe/Berlin',
      // What main.ts does here: catch up, which prints today's post.
      onReady: async () => void output.write('#study | DAILY CHALLENGE · 2026-03-02\n'),
    });
    input.end(':quit\n');
    await done;
    expect(out.indexOf('Cohort shell — you are "you"')).toBeGreaterThanOrEqual(0);
    expect(out.indexOf('Cohort shell — you are "you"')).toBeLessThan(out.indexOf('DAILY CHALLENGE'));
  });

  it('runs a line as a speaker whose name is in any script', async () => {
    const app = await shellApp();
    const out = await handleLine(app, '@élodie /roadmap start');
    expect(out).toMatch(/^#study \| ÉLODIE JOINED/m);
    expect(await handleLine(app, '@北京 /streak')).toMatch(/^only 北京 \| /m);
    expect(await app.count("SELECT count(*) FROM members WHERE display_name = 'élodie'")).toBe(1);
  });

  it('says why a name is not a speaker instead of running the line as `you`', async () => {
    const app = await shellApp();
    expect(await handleLine(app, '@😀 /roadmap start')).toBe(`"@😀" can't be a speaker: names are letters, digits, ".", "-" and "_". Write it as @name /command, e.g. @élodie /roadmap start`);
    expect(await handleLine(app, `@${'n'.repeat(40)} /streak`)).toContain("can't be a speaker: names are at most 32 characters");
    expect(await handleLine(app, '@ /streak')).toContain("can't be a speaker: a name goes right after the @");
    expect(await handleLine(app, '@ann')).toContain("can't be a speaker: a command goes after the name");
    expect(await app.count('SELECT count(*) FROM members')).toBe(0);
  });
});

describe('log lines on a terminal', () => {
  it('are one readable line each, with the details after the message', () => {
    const lines: string[] = [];
    const log = createLogger('warn', readableLines({ write: (t: string) => lines.push(t) }));
    log.warn({ job: 'daily', date: '2026-03-01' }, 'missed while the bot was down; not posted late');
    log.error({ err: new Error('disk full') }, 'could not record a sent post');
    log.info('ready');
    expect(lines).toEqual(['warning: missed while the bot was down; not posted late (job=daily date=2026-03-01)\n', 'error: could not record a sent post — disk full\n']);
  });
});
