// Fuzz over the parser and the command layer, in process, through the shell's
// own line loop (issue 12 §5): command lines built from the declarations in
// src/commands/index.ts with hostile values and odd speakers, interleaved
// with `:clock` moves (extreme ones included) and host-clock glitches the
// shell cannot refuse. Each case is a few steps on one long-lived store, so
// state builds up the way it does in a real community.
//
// Checked: every line gets a reply; none is the generic apology (that is an
// unexpected error); nothing throws out of the shell; and, every so often and
// at the end, the store's integrity and the money invariants.
//
// `npm test` runs a modest count with a fixed seed. `npm run fuzz` runs
// FUZZ_RUNS (100,000 by default) with FUZZ_SEED (random unless set); a
// failure prints the seed and the shrunk counterexample (fast-check's report).
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/commands/index.ts';
import type { OptionDef } from '../../src/commands/types.ts';
import { runShell } from '../../src/platforms/shell/shell.ts';
import { createScheduler } from '../../src/scheduler/scheduler.ts';
import { createLogger } from '../../src/log.ts';
import { REAL_ROADMAPS, testApp, type TestApp } from '../helpers/app.ts';
import { RecordingPoster } from '../helpers/poster.ts';
import { ENGINE } from '../helpers/engine.ts';

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : process.env.FUZZ_RUNS ? Date.now() % 2 ** 31 : 20261128;
const START = '2026-03-02T08:00:00Z';
const APOLOGY = /something went wrong/i;

// ---- values ---------------------------------------------------------------

const HOSTILE = [
  'x'.repeat(5000),
  "'; DROP TABLE members; --",
  "' OR '1'='1",
  '<script>alert(1)</script>',
  '${process.exit(1)}',
  '{{7*7}}',
  '%s%s%n',
  '../../../../etc/passwd',
  '\u0000',
  '\u202eevil',
  '😀'.repeat(200),
  'Zalgo: Z̷̢̛a̸l̵g̶o̷',
  'élodie',
  '北京',
  '"',
  '“unclosed',
  'name:',
  ':',
  '-1',
  '0',
  '1e309',
  'NaN',
  '9'.repeat(40),
  '#',
  '@',
  '<@>',
  '<#>',
  '\t\t',
];
const hostile = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 4000, maxLength: 5000 }) },
);

const roadmapIds = ['backend', 'git-basics', 'nope'];
const zones = ['Europe/Berlin', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'UTC', 'Mars/Olympus', 'Etc/GMT+12', 'europe/berlin', '+05:30'];
const times = ['09:00', '00:00', '23:59', '24:00', '25:99', '9', '9am', '-1:00', '12:60'];

function valueFor(o: OptionDef): fc.Arbitrary<string> {
  const typical: fc.Arbitrary<string>[] = [];
  if (o.choices) typical.push(fc.constantFrom(...o.choices));
  switch (o.autocomplete) {
    case 'roadmap':
      typical.push(fc.constantFrom(...roadmapIds));
      break;
    case 'timezone':
      typical.push(fc.constantFrom(...zones));
      break;
    case 'track':
      typical.push(fc.constantFrom('python', 'node', 'go', 'java', 'csharp', 'none'));
      break;
    case 'topic':
    case 'task':
      typical.push(fc.constantFrom('http-basics', 'git-intro', 'build-api', 'unknown-id'));
      break;
  }
  if (/time/.test(o.name)) typical.push(fc.constantFrom(...times));
  if (o.type === 'integer') typical.push(fc.integer({ min: -5, max: 40 }).map(String), fc.constantFrom('#1', '#2', '99999999999'));
  if (o.type === 'channel') typical.push(fc.constantFrom('#study', '<#C123>', '#reviews', '<#>'));
  if (o.type === 'user') typical.push(fc.constantFrom('@ann', '@ben', '<@U1>', '<@U1|ann>', '@'));
  if (o.type === 'string' && o.rest) typical.push(fc.constantFrom('A', 'B', 'C', '1', 'https://github.com/ann/api', 'looks good'));
  return typical.length ? fc.oneof({ weight: 3, arbitrary: fc.oneof(...typical) }, { weight: 1, arbitrary: hostile }) : hostile;
}

const quote = (v: string) => (/\s/.test(v) && !v.includes('"') ? `"${v}"` : v);

/** One command line from the declarations: options positional or `name:value`, some left out. */
const commandLine: fc.Arbitrary<string> = fc.oneof(
  ...commands.flatMap((c) =>
    (c.subcommands ?? [{ ...c, name: '' }]).map((action) =>
      fc
        .tuple(...action.options.map((o) => fc.option(fc.tuple(valueFor(o), fc.boolean()), { freq: 3 })))
        .map((values) => {
          const parts = [`/${c.name}`, ...(action.name ? [action.name] : [])];
          action.options.forEach((o, i) => {
            const v = values[i];
            if (v) parts.push(v[1] || o.rest ? (o.rest ? v[0] : quote(v[0])) : `${o.name}:${quote(v[0])}`);
          });
          return parts.join(' ');
        }),
    ),
  ),
);

const speaker = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('', '@ann ', '@ben ', '@cleo ') },
  { weight: 1, arbitrary: fc.constantFrom('@élodie ', '@O’Brien ', '@x.y-z ', `@${'n'.repeat(300)} `, '@😀 ', '@ ', '@@ann ', '@you ') },
);

const EXTREME = ['9999-12-31T23:59', '+275760-09-13T00:00:00Z', '-271821-04-20T00:00:00Z', '0001-01-01T00:00', '1999-12-31T23:59', '2100-12-31T23:59', '2101-01-01T00:00', 'yesterday', ''];

type Step = { kind: 'line'; line: string } | { kind: 'clock'; minutes: number } | { kind: 'clockText'; text: string } | { kind: 'glitch'; at: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 12, arbitrary: fc.tuple(speaker, commandLine).map(([s, l]): Step => ({ kind: 'line', line: s + l })) },
  { weight: 1, arbitrary: fc.tuple(speaker, hostile).map(([s, l]): Step => ({ kind: 'line', line: s + l })) },
  { weight: 3, arbitrary: fc.integer({ min: -36 * 60, max: 4 * 24 * 60 }).map((minutes): Step => ({ kind: 'clock', minutes })) },
  { weight: 1, arbitrary: fc.constantFrom(...EXTREME).map((text): Step => ({ kind: 'clockText', text })) },
  // The host's clock jumping somewhere absurd and back: the shell never sees it, the scheduler and dispatch do.
  { weight: 1, arbitrary: fc.constantFrom(-8.64e15, -1e14, 0, 253402300799000, 8.64e15, Number.NaN).map((at): Step => ({ kind: 'glitch', at })) },
);

// ---- running --------------------------------------------------------------

interface Bot {
  app: TestApp;
  run(steps: Step[]): Promise<void>;
}

async function bot(): Promise<Bot> {
  const app = await testApp({ now: START, roadmapsDir: REAL_ROADMAPS });
  const scheduler = createScheduler({ deps: app.deps, log: createLogger('silent'), posters: [new RecordingPoster()], queue: { retryDelaysMs: [1] } });
  const catchUp = async () => {
    await scheduler.catchUp();
    await scheduler.idle();
  };
  let sane = new Date(START);

  async function shell(lines: string[]): Promise<string> {
    const input = new PassThrough();
    const output = new PassThrough();
    let out = '';
    output.on('data', (b: Buffer) => (out += b.toString('utf8')));
    input.end(lines.map((l) => `${l.replace(/[\r\n\u2028\u2029\u0085]/g, ' ')}\n`).join(''));
    await runShell(app, {
      input,
      output,
      interactive: false,
      timezone: 'Europe/Berlin',
      setClock: async (to) => {
        app.clock.set(to);
        sane = to;
        await catchUp();
      },
    });
    return out;
  }

  return {
    app,
    async run(steps) {
      for (const s of steps) {
        if (s.kind === 'glitch') {
          app.clock.set(new Date(s.at));
          await scheduler.tick();
          await scheduler.idle();
          const out = await shell(['@ann /streak']);
          expect(out).not.toMatch(APOLOGY);
          app.clock.set(sane);
          continue;
        }
        const line = s.kind === 'line' ? s.line : s.kind === 'clock' ? `:clock ${new Date(sane.getTime() + s.minutes * 60_000).toISOString()}` : `:clock ${s.text}`;
        const shown = line.replace(/[\r\n\u2028\u2029\u0085]/g, ' ').trim();
        const out = await shell([line]);
        // A line the shell reads (not blank, not a # comment) is echoed, then answered.
        if (shown && !shown.startsWith('#') && shown !== ':quit' && shown !== ':exit') {
          const [echo, ...reply] = out.split('\n');
          expect(echo).toBe(`› ${shown}`);
          expect(reply.join('\n').trim(), `no reply to ${JSON.stringify(line)}`).not.toBe('');
        }
        expect(out, `the apology for ${JSON.stringify(line.slice(0, 300))}`).not.toMatch(APOLOGY);
      }
    },
  };
}

/**
 * A well-formed YYYY-MM-DD local date, as SQL. The clock is bounded to 2000–2100 as an instant,
 * so a group's local date may be a day outside it (2100-12-31T23:59Z is 2101-01-01 in Kiritimati).
 */
const SANE_DATE = (col: string) => `(${col} GLOB '[12][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]' AND CAST(substr(${col}, 1, 4) AS INTEGER) BETWEEN 1999 AND 2101)`;

/** The store's integrity and the invariants the money and streaks rest on; each query lists offenders. */
async function invariants(app: TestApp): Promise<Record<string, unknown[]>> {
  return {
    integrity: (await app.sql<{ integrity_check: string }>('PRAGMA integrity_check')).filter((r) => r.integrity_check !== 'ok'),
    foreignKeys: await app.sql('PRAGMA foreign_key_check'),
    nonPositivePoints: await app.sql('SELECT * FROM ledger WHERE points <= 0'),
    paidTwice: await app.sql('SELECT member_id, group_id, ref, count(*) AS n FROM ledger GROUP BY member_id, group_id, ref HAVING count(*) > 1'),
    unsourced: await app.sql(`
      SELECT l.* FROM ledger l WHERE NOT (
        (l.ref LIKE 'quiz:%' AND EXISTS (SELECT 1 FROM quiz_attempts a WHERE a.member_id = l.member_id AND a.correct
          AND 'quiz:' || a.daily_challenge_id = l.ref))
        OR (l.ref LIKE 'task:%' AND EXISTS (SELECT 1 FROM submissions s WHERE s.member_id = l.member_id AND s.group_id = l.group_id
          AND s.status = 'approved' AND 'task:' || s.challenge_id = l.ref))
        OR (l.ref LIKE 'topic:%' AND EXISTS (SELECT 1 FROM topic_completions t WHERE t.member_id = l.member_id AND t.group_id = l.group_id
          AND 'topic:' || t.topic_id = l.ref)))`),
    streakLongerThanActiveDays: await app.sql(`
      SELECT s.member_id, s.longest, s.current, (SELECT count(DISTINCT a.local_date) FROM activities a WHERE a.member_id = s.member_id AND a.group_id = s.group_id) AS days
      FROM streaks s WHERE s.current > s.longest OR s.longest > (SELECT count(DISTINCT a.local_date) FROM activities a WHERE a.member_id = s.member_id AND a.group_id = s.group_id)`),
    datesOutOfRange: await app.sql(`
      SELECT 'streaks' AS t, last_active AS d FROM streaks WHERE NOT ${SANE_DATE('last_active')}
      UNION ALL SELECT 'activities', local_date FROM activities WHERE NOT ${SANE_DATE('local_date')}
      UNION ALL SELECT 'runs', local_date FROM scheduled_runs WHERE NOT ${SANE_DATE('local_date')}`),
  };
}

const clean = (found: Record<string, unknown[]>) => Object.fromEntries(Object.entries(found).filter(([, rows]) => rows.length > 0));

describe.runIf(ENGINE === 'sqlite')('fuzz: the shell, the parser and the commands', () => {
  it(`${RUNS} generated sessions get a reply to every line, never the apology, and leave the store whole`, { timeout: Math.max(60_000, RUNS * 200) }, async () => {
    const b = await bot();
    let cases = 0;
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 6 }), async (steps) => {
        await b.run(steps);
        if (++cases % 2000 === 0) {
          expect(clean(await invariants(b.app))).toEqual({});
          if (process.env.FUZZ_RUNS) console.log(`fuzz: ${cases} cases, ${Math.round((performance.now() - started) / 1000)} s`);
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: false, verbose: 1 },
    );
    expect(clean(await invariants(b.app))).toEqual({});
    // The session did something: members, points and posts, not only refusals.
    expect(await b.app.count('SELECT count(*) FROM members')).toBeGreaterThan(1);
    if (process.env.FUZZ_RUNS) console.log(`fuzz: seed ${SEED}, ${RUNS} cases clean in ${Math.round((performance.now() - started) / 1000)} s`);
  });
});
