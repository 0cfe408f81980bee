// npm run bench:e2e — Cohort against bare bots on the same fakes, as processes:
// start-up, read and write throughput on Discord, Slack's ack latency over
// HTTP, and memory after a fan-out. A benchmark, not a test: it prints the
// figures, and exits non-zero only when one misses its target.
import { spawnSync } from 'node:child_process';
import { benchDiscord } from './discord.ts';
import { ROOT } from './processes.ts';
import { benchSlack } from './slack.ts';

const TARGETS = { readRatio: 0.9, writeRatio: 0.8, slackAckRatio: 1.2, startMs: 1_000, rssMiB: 150 };
const quick = process.argv.includes('--quick');

console.log('Building dist/ (npm run build) …');
const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

// `--only discord` or `--only slack` runs one half, for iterating on it; the full run checks every target.
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const d = only === 'slack' ? undefined : await benchDiscord(quick ? { blocks: 2, blockSize: 300, fanOut: 200 } : { blocks: 5, blockSize: 1_000, fanOut: 1_000 });
const sl = only === 'discord' ? undefined : await benchSlack(quick ? { commands: 200, blockSize: 100, learners: 200, warmUp: 200 } : { commands: 500, blockSize: 100, learners: 500, warmUp: 1_000 });
const misses: string[] = [];
const check = (ok: boolean, what: string) => (ok ? '✓' : (misses.push(what), '✗'));
const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);

if (d) {
  console.log('\nDiscord (dispatch → interaction callback, sequential, interleaved blocks)');
  console.log('| command | bare /s | bare p50 ms | Cohort /s | Cohort p50 ms | ratio (pairs: lowest–highest) | target | CPU per interaction, bot · fake: bare | Cohort |');
  console.log('|---|---|---|---|---|---|---|---|---|');
  for (const c of d.commands) {
    const write = c.command.includes('answer');
    const target = write ? TARGETS.writeRatio : TARGETS.readRatio;
    console.log(`| ${c.command} | ${f1(c.bare.perSec)} | ${f2(c.bare.p50)} | ${f1(c.cohort.perSec)} | ${f2(c.cohort.p50)} | ${f2(c.ratio)} (${f2(c.ratioRange[0])}–${f2(c.ratioRange[1])}) | ≥ ${target} ${check(c.ratio >= target, `${c.command} ratio ${f2(c.ratio)}`)} | ${f2(c.bare.botCpuMs)} · ${f2(c.bare.fakeCpuMs)} ms | ${f2(c.cohort.botCpuMs)} · ${f2(c.cohort.fakeCpuMs)} ms |`);
  }
  for (const c of d.commands.filter((x) => x.cards.added > 0)) console.log(`${c.command}: ${c.cards.added} of ${c.cards.answers} answers got their card, added by an edit once Cohort was quiet`);
}
if (sl) console.log(`\nSlack over HTTP (/streak, back to back): ack p50 bare ${f2(sl.ackP50.bare)} ms, Cohort ${f2(sl.ackP50.cohort)} ms, ratio ${f2(sl.ratio)} (block pairs ${f2(sl.ratioRange[0])}–${f2(sl.ratioRange[1])}; ≤ ${TARGETS.slackAckRatio} ${check(sl.ratio <= TARGETS.slackAckRatio, `Slack ack ratio ${f2(sl.ratio)}`)}); p99 bare ${f2(sl.ackP99.bare)} ms, Cohort ${f2(sl.ackP99.cohort)} ms; each app's CPU per command: bare ${f2(sl.cpuMs.bare)} ms, Cohort ${f2(sl.cpuMs.cohort)} ms`);
if (d) {
  console.log(`\nStart-up, spawn → first answer (median of 3): node dist/main.js ${Math.round(d.startMs.dist)} ms ${check(d.startMs.dist < TARGETS.startMs, `start ${Math.round(d.startMs.dist)} ms`)} · npm start (tsx) ${Math.round(d.startMs.npmStart)} ms · bare bot ${Math.round(d.startMs.bare)} ms`);
  console.log(`Fan-out: ${d.fanOut.groups} daily posts in ${f1(d.fanOut.seconds)} s`);
  console.log(`RSS after the fan-out and every block: Cohort ${f1(d.rssMiB.cohort)} MiB ${check(d.rssMiB.cohort < TARGETS.rssMiB, `RSS ${f1(d.rssMiB.cohort)} MiB`)} · bare bot ${f1(d.rssMiB.bare)} MiB · Cohort's card renderer (a child process, exits when idle) ${f1(d.rssMiB.renderer)} MiB`);
  console.log(`  Cohort's V8 heap: ${f1(d.rssMiB.heapUsed)} MiB used of ${f1(d.rssMiB.heapTotal)} MiB; external (buffers, SQLite's page cache is not counted here) ${f1(d.rssMiB.external)} MiB`);
}

if (misses.length) {
  console.log(`\nMissed: ${misses.join('; ')}`);
  process.exit(1);
}
console.log(only ? `\nEvery target of this half met (${only}).` : '\nEvery target met.');
