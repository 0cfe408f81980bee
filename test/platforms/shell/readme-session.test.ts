// The README's shell section, run as written: its two example blocks are one
// session; their `you ›` lines are piped into the shell, and every line the
// README shows must come out, in order ("…" stands for lines left out, and a
// line ending in " …" for the rest of that line). A newcomer following the
// README sees what it shows (issue 12 §6).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/app.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The README's ```text blocks between the shell's heading and "Running in production". */
function readmeSession(): string[] {
  const readme = readFileSync(new URL('README.md', `file://${ROOT}`), 'utf8');
  const section = readme.slice(readme.indexOf('opens the **local shell**'), readme.indexOf('## Running in production'));
  return [...section.matchAll(/```text\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.trimEnd().split('\n'));
}

function pipe(input: string, dir: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: ROOT,
      // The README's clock lines are Berlin's; a new database, as a newcomer has.
      env: { PATH: process.env.PATH, HOME: process.env.HOME, TZ: 'Europe/Berlin', DATABASE_PATH: `${dir}/cohort.db` },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

// The README's session is the shell on the embedded store (vitest.config.ts leaves it out of the postgres project).
describe("the README's shell session", () => {
  it('piped in as written, prints every line the README shows, in order', async () => {
    const shown = readmeSession();
    const typed = shown.filter((l) => l.startsWith('you › ')).map((l) => l.slice('you › '.length));
    expect(typed.length).toBeGreaterThan(4);
    const r = await pipe(`${typed.join('\n')}\n`, tempDir());
    expect(r.code).toBe(0);
    const out = r.stdout.split('\n');
    let at = 0;
    let skipping = false;
    for (const line of shown) {
      if (line === '…') {
        skipping = true;
        continue;
      }
      // Piped, the shell echoes a typed line as "› line" where a terminal shows the prompt "you › ".
      const want = line.startsWith('you › ') ? line.slice('you '.length) : line;
      const matches = (got: string) => (want.endsWith(' …') ? got.startsWith(want.slice(0, -2)) : got === want);
      const found = skipping ? out.findIndex((got, i) => i >= at && matches(got)) : matches(out[at] ?? '') ? at : -1;
      expect(found, `README line ${JSON.stringify(line)} ${skipping ? 'later in' : 'next in'} the output:\n${out.slice(at, at + 12).join('\n')}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
      skipping = false;
    }
  });
});
