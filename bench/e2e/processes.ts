// Child processes for the end-to-end bench: Cohort as admins run it
// (`node dist/main.js`) and the bare baselines, each watched through its
// JSON log lines, with its resident memory read from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Child {
  child: ChildProcess;
  started: number;
  /** Resolves with the first JSON log line whose msg is `msg`. */
  line(msg: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resident memory in MiB, from /proc (Linux). */
  rssMiB(): number;
  /** Resident memory of its own child processes (Cohort's card renderer, while it runs), in MiB. */
  childrenRssMiB(): number;
  /** CPU time the process has used so far (user + system), in ms, from /proc (10 ms ticks). */
  cpuMs(): number;
  /**
   * CPU time so far by thread, in ms, user and system apart: the main thread
   * as "main", the others summed by their name (V8's helpers, mostly the
   * garbage collector's, and libuv's pool keep the process's, "node").
   */
  threadsCpuMs(): Map<string, { user: number; system: number }>;
  stop(): Promise<number | null>;
  output(): string;
}

/** `logTo`: a file that gets everything the child writes, whole (its output() keeps only the last 100–200 KB). */
export function startChild(args: string[], env: Record<string, string>, opts: { logTo?: string | undefined } = {}): Child {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const waiters: { msg: string; resolve: (l: Record<string, unknown>) => void }[] = [];
  const lines: Record<string, unknown>[] = [];
  let partial = '';
  const onData = (d: Buffer) => {
    if (opts.logTo) appendFileSync(opts.logTo, d);
    out += d.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
    partial += d.toString();
    const parts = partial.split('\n');
    partial = parts.pop()!;
    for (const p of parts) {
      if (!p.startsWith('{')) continue;
      const l = JSON.parse(p) as Record<string, unknown>;
      lines.push(l);
      for (const w of waiters.filter((x) => x.msg === l.msg)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(l);
      }
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    started,
    line(msg, timeoutMs = 60_000) {
      const seen = lines.find((l) => l.msg === msg);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "${msg}" within ${timeoutMs} ms from ${args.join(' ')}:\n${out.slice(-3000)}`)), timeoutMs);
        waiters.push({ msg, resolve: (l) => (clearTimeout(timer), resolve(l)) });
      });
    },
    rssMiB: () => rssOf(child.pid!),
    cpuMs: () => cpuOf(child.pid!),
    threadsCpuMs: () => threadsCpuOf(child.pid!),
    childrenRssMiB() {
      const kids = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
      return kids.reduce((sum, pid) => sum + (rssOf(Number(pid)) || 0), 0);
    },
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
    output: () => out,
  };
}

/** User and system CPU time of a process or one of its threads, in ms: fields 14 and 15 of its stat, after the name in parentheses (10 ms ticks). */
function timesOf(statFile: string): { user: number; system: number } {
  const fields = readFileSync(statFile, 'utf8').replace(/^.*\) /, '').split(' ');
  return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 };
}

function cpuOf(pid: number): number {
  const t = timesOf(`/proc/${pid}/stat`);
  return t.user + t.system;
}

function threadsCpuOf(pid: number): Map<string, { user: number; system: number }> {
  const by = new Map<string, { user: number; system: number }>();
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      // Node's own threads mostly keep the process's name: the main thread is told apart by its id.
      const name = task === String(pid) ? 'main' : readFileSync(`/proc/${pid}/task/${task}/comm`, 'utf8').trim();
      const t = timesOf(`/proc/${pid}/task/${task}/stat`);
      const sum = by.get(name) ?? { user: 0, system: 0 };
      by.set(name, { user: sum.user + t.user, system: sum.system + t.system });
    } catch {
      // the thread ended meanwhile
    }
  }
  return by;
}

/** What each thread (by name) used between two `threadsCpuMs()` readings, per `n` interactions, as a line. */
export function threadsLine(before: Map<string, { user: number; system: number }>, after: Map<string, { user: number; system: number }>, n: number): string {
  return [...after]
    .map(([name, t]) => ({ name, user: (t.user - (before.get(name)?.user ?? 0)) / n, system: (t.system - (before.get(name)?.system ?? 0)) / n }))
    .filter((t) => t.user + t.system > 0)
    .sort((a, b) => b.user + b.system - (a.user + a.system))
    .map((t) => `${t.name} ${t.user.toFixed(3)} + ${t.system.toFixed(3)}`)
    .join(' · ');
}

function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN; // it exited meanwhile
  }
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : NaN;
};
export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};

/**
 * Resolves once the fake has heard nothing from its bot for `ms`: what a bot
 * does after its answers (Cohort's cards, added by editing them once it is
 * quiet) is over. Both benches end each block of one bot with it.
 */
export async function untilQuiet(fake: { readonly requests: readonly unknown[] }, ms: number): Promise<void> {
  let seen = -1;
  for (let since = performance.now(); performance.now() - since < ms; await new Promise((r) => setTimeout(r, 50))) {
    if (fake.requests.length !== seen) [seen, since] = [fake.requests.length, performance.now()];
  }
}

/** A port free on 127.0.0.1 right now (for a child that needs a fixed PORT). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen({ host: '127.0.0.1', port: 0 }, () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
