// The shell as a user runs it: a child process reading piped stdin.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadRoadmaps } from '../../../src/content/load.ts';
import { failInserts, FIXTURE_ROADMAPS, REAL_ROADMAPS, tempDir, testApp, testStore } from '../../helpers/app.ts';
import { ENGINE } from '../../helpers/engine.ts';
import { letterShown } from '../../helpers/quiz.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Input typed in two goes: `first`, then — once the output so far matches `until` — whatever `then` makes of that output. */
interface Typed {
  first: string;
  until: RegExp;
  then: (stdout: string) => string;
}

/** Runs `npm start`'s program with piped input, on a fresh store of this run's engine unless `env` names one. */
async function runShell(input: string | Typed, env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const store = env.DATABASE_PATH || env.DATABASE_URL ? {} : (await testStore()).env;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TZ: 'Europe/Lisbon', ...store, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let waiting = typeof input === 'string' ? undefined : input;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (waiting && waiting.until.test(stdout)) {
        const rest = waiting.then(stdout);
        waiting = undefined;
        child.stdin.end(rest);
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (typeof input === 'string') child.stdin.end(input);
    else child.stdin.write(input.first);
  });
}

describe('the local shell, piped', () => {
  it("prints alice's enrolment and her progress at 0 of all topics, then exits 0", async () => {
    const total = loadRoadmaps(REAL_ROADMAPS).get('backend')!.topics.length;
    const r = await runShell('@alice /roadmap start backend\n@alice /roadmap progress\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('› @alice /roadmap start backend');
    expect(r.stdout).toMatch(/^#study \| ALICE JOINED BACKEND DEVELOPER$/m);
    expect(r.stdout).toContain(`only alice | Topics: 0 of ${total} topics done (0%)`);
    expect(r.stderr).toBe('');
  });

  it('sets #study up in the machine time zone with `you` as its admin', async () => {
    const r = await runShell('/group settings\n/group setup post-time:07:00\n@bob /group setup post-time:08:00\n');
    expect(r.stdout).toContain('only you | Time zone: Europe/Lisbon');
    expect(r.stdout).toContain('#study | Daily post: 07:00');
    expect(r.stdout).toContain('only bob | Only community admins can run `/group setup`.');
  });

  it('writes cards as PNG files beside the database and prints their paths', async () => {
    const dir = tempDir();
    const r = await runShell('@alice /roadmap start backend\n@alice /roadmap card\n@alice /streak heatmap\n/group setup cards:off\n@alice /roadmap card\n', {
      DATABASE_PATH: join(dir, 'cohort.db'),
    });
    expect(r.code).toBe(0);
    const paths = [...r.stdout.matchAll(/^only alice \| \[picture: (.+)\]$/gm)].map((m) => m[1]!);
    expect(paths).toEqual([expect.stringMatching(/progress-[0-9a-f]{12}\.png$/), expect.stringMatching(/heatmap-[0-9a-f]{12}\.png$/)]);
    for (const path of paths) {
      expect(path.startsWith(join(dir, 'cards'))).toBe(true);
      expect(readFileSync(path).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    }
    // With cards off the same command answers in text and says why.
    expect(r.stdout).toContain('only alice | (Picture cards are off in this group');
  });

  it('prints bad input as an error and carries on', async () => {
    const r = await runShell('hello\n/roadmap dance\n:nope\n@alice /roadmap start backend\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Commands start with a slash');
    expect(r.stdout).toContain('`/roadmap dance` is not a command');
    expect(r.stdout).toContain('Unknown shell command :nope');
    expect(r.stdout).toContain('ALICE JOINED');
  });

  it('shows a python learner Python resources where a java learner sees Java ones', async () => {
    const r = await runShell('@py /roadmap start backend track:python\n@py /roadmap next\n@jv /roadmap start backend track:java\n@jv /roadmap next\n');
    const py = r.stdout.split('\n').filter((l) => l.startsWith('only py |')).join('\n');
    const jv = r.stdout.split('\n').filter((l) => l.startsWith('only jv |')).join('\n');
    expect(py).toContain('docs.python.org');
    expect(py).not.toMatch(/dev\.java|docs\.oracle\.com/);
    expect(jv).toMatch(/dev\.java|docs\.oracle\.com/);
    expect(jv).not.toContain('docs.python.org');
  });

  it('shows a day passing with :clock: the daily post, an answer, and a reminder only for the member who was not active', async () => {
    // With everyone at the start of the path, the day's pick is the first challenge for everyone.
    const first = loadRoadmaps(REAL_ROADMAPS).get('backend')!.dailyPool[0]!;
    expect(first.type === 'quiz' && first.choices && first.answer).toBeTruthy();
    const answer = first.type === 'quiz' ? first.answer! : '';
    // Choices are shuffled per group and day, so alice reads the daily post, as printed,
    // and answers with the letter it shows for the right choice.
    let letter = '';
    const r = await runShell({
      first: [
        ':clock 2026-03-03T08:00', // Tuesday in Lisbon
        '@alice /roadmap start backend',
        '@bob /roadmap start backend',
        '@alice /roadmap done choosing-a-language', // both start a streak today
        '@bob /roadmap done language-setup',
        ':clock 2026-03-04T09:00',
        '',
      ].join('\n'),
      until: /#study \| DAILY CHALLENGE · 2026-03-04\n[\s\S]*?\n#study \| \[A: [^\n]*\n/,
      then: (stdout) => {
        const post = stdout.slice(stdout.indexOf('#study | DAILY CHALLENGE · 2026-03-04'));
        const card = post.slice(0, post.indexOf('\n#study | [A: ')).replace(/^#study \| /gm, '');
        letter = letterShown(card, answer);
        return [`@alice /challenge answer ${letter}`, ':clock 2026-03-04T20:00', ''].join('\n');
      },
    });
    expect(letter).toMatch(/^[A-E]$/);
    expect(r.stdout).toContain(`[${letter}: /challenge answer ${letter}]`);
    expect(r.code).toBe(0);
    const out = r.stdout;
    const at = (text: string) => out.indexOf(text);
    expect(at('#study | DAILY CHALLENGE · 2026-03-04')).toBeGreaterThan(at('› :clock 2026-03-04T09:00'));
    expect(out).toContain(first.prompt);
    expect(out).toMatch(/only alice \| CORRECT! \+10 POINTS/);
    expect(at('only bob (DM) | 🔥 KEEP YOUR 1-DAY STREAK')).toBeGreaterThan(at('› :clock 2026-03-04T20:00'));
    expect(out).not.toContain('only alice (DM)');
  });

  it('keeps data between runs on the same database', async () => {
    const db = (await testStore()).env;
    await runShell('@alice /roadmap start backend\n@alice /roadmap done http\n', db);
    const again = await runShell('@alice /roadmap progress\n', db);
    expect(again.stdout).toMatch(/Topics: 1 of \d+ topics done/);
  });

  it('follows an answer that could not be saved with the apology, and keeps nothing of it', async () => {
    const store = await testStore();
    const app = await testApp({ store, roadmapsDir: REAL_ROADMAPS });
    await failInserts(app, 'quiz_attempts', 'disk trouble');
    await app.close();
    const r = await runShell('@alice /roadmap start backend\n@alice /challenge answer A\n', store.env);
    expect(r.code).toBe(0);
    const answer = r.stdout.slice(r.stdout.indexOf('/challenge answer A'));
    // SQLite shows the grade before it is saved (Store.decide), then takes it back; PostgreSQL saves first.
    if (ENGINE === 'sqlite') expect(answer).toMatch(/(Correct!|Not quite)[\s\S]*That was not saved[\s\S]*What I just told you does not count/i);
    expect(answer).toContain('nothing was changed');
    const after = await testApp({ store, roadmapsDir: REAL_ROADMAPS });
    expect(await after.count('SELECT count(*) FROM quiz_attempts')).toBe(0);
    await after.close();
  });

  it('refuses to start on bad configuration, naming each variable', async () => {
    const r = await runShell('', { LOG_LEVEL: 'loud' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "loud")');
  });

  it('refuses to start on a broken roadmap, naming the file, the place and the reason', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'broken.yaml'),
      'id: broken\ntitle: B\ndescription: D\nstages:\n  - id: s\n    title: S\n    topics:\n      - id: t\n        title: T\n        summary: S\n        resources: [{ title: R, url: "http://insecure.example" }]\n',
    );
    const r = await runShell('', { ROADMAPS_DIR: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('broken.yaml: stages[0] (s).topics[0] (t).resources[0].url: must be an https:// URL');
  });
});

describe('the shell clock', () => {
  it('refuses a date outside 2000–2100 and keeps working', async () => {
    const r = await runShell(':clock 9999-12-31T23:59\n:clock 10000-01-01T00:00\n@alice /roadmap start backend\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('is outside the years Cohort keeps (2000–2100); the clock was not changed');
    expect(r.stdout).toContain('ALICE JOINED BACKEND DEVELOPER');
  }, 30_000);
});

describe('mentoring in the shell, start to finish', () => {
  it('submit, claim, a refused second claim, lapse, changes with a snippet, resubmit, approve with criteria, points once, stats', async () => {
    const lines = [
      ':clock 2026-03-02T12:00',
      '/group setup review-channel:#reviews',
      '/group mentor add @maya',
      '/group mentor add @omar',
      '@alice /roadmap start',
      '@alice /challenge submit task:basics-project https://github.com/alice/v1',
      ':clock 2026-03-02T12:10',
      '@maya /review claim 1',
      '@omar /review claim 1',
      ':clock 2026-03-02T12:41',
      '@omar /review snippet add readme Please add a README that says how to run it.',
      '@omar /review claim 1',
      '@omar /review changes 1 :readme:',
      ':clock 2026-03-02T13:00',
      '@alice /challenge submit task:basics-project https://github.com/alice/v2',
      ':clock 2026-03-02T13:30',
      '@omar /review approve 2 met:1,2 Great work',
      '@omar /review approve 2',
      '@alice /leaderboard',
      '@alice /leaderboard mentors',
      '@omar /review stats',
    ];
    const r = await runShell(`${lines.join('\n')}\n`, { ROADMAPS_DIR: FIXTURE_ROADMAPS });
    expect(r.code).toBe(0);
    const out = r.stdout;
    // 1–2: the post, in the review channel, with Claim.
    expect(out).toContain('#reviews | SUBMISSION #1 · BASICS-PROJECT');
    expect(out).toContain('#reviews | [Claim: /review claim 1] [Approve: /review approve 1] [Request changes: /review changes 1 <text>]');
    // 3: one holds it, the other is told who; the learner hears it by DM (the review channel is not hers).
    expect(out).toContain('only maya | 🔒 #1 is yours until Mon 2 Mar 12:40');
    expect(out).toContain('only omar | Submission #1 is claimed by maya, 30 min left.');
    expect(out).toContain('only alice (DM) | 👀 maya is reviewing your submission #1 (basics-project) now.');
    // 4–5: lapsed; omar claims and asks for changes with the snippet.
    expect(out).toContain('only omar | 🔒 #1 is yours until Mon 2 Mar 13:11');
    expect(out).toContain('omar asked for changes on submission #1 (basics-project):');
    expect(out).toContain('> Please add a README that says how to run it.');
    // 6: the resubmission names the previous round.
    expect(out).toContain('Round 2 — follows #1, where omar asked: Please add a README that says how to run it.');
    // 7–8: approved with criteria; the post is updated, its buttons gone.
    expect(out).toContain('#reviews | (post updated)');
    expect(out).toContain('Status: ✅ Approved by omar · Mon 2 Mar 13:30 · criteria met: 1,2');
    expect(out).toContain('✅ 1. Answers GET /health with 200');
    // 9: points once, for the learner and the mentor.
    expect(out).toContain('only omar | Submission #2 was already approved by omar.');
    expect(out).toContain('alice — 50 pts');
    expect(out).toContain('🥇 omar — 20 pts · 2 reviews');
    // 10: the times. First reviews 10 min (#1) and 30 min (#2); decisions 41 and 30 min.
    expect(out).toContain('Group: 2 this week · 2 this month · first review 20 min · decision 35 min (medians) · longest wait now —');
  }, 60_000);
});
