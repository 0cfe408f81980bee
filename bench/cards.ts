// The bench's cards part (run by bench/run.ts, or alone: `npm run bench:cards`).
// 1. Render time per card, cold (cache emptied before each), from the inputs
//    of a realistic seeded group (bench/card-group.ts): p50, p95 (target
//    < 50 ms) and max, with the longest the event loop was held meanwhile.
// 2. A fan-out: every group's weekly recap rendered as the scheduler's queue
//    would (8 sends at once; renders bounded by the cards' own limit), each
//    PNG dropped once "sent": how much memory grows (target + 100 MiB) and how
//    long the event loop was held at most.
import { availableParallelism, loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { RecapCardInput } from '../src/cards/recap.ts';
import { cardStats, clearCardCache, MAX_CONCURRENT_RENDERS, renderCard, type CardInputs, type CardKind } from '../src/cards/render.ts';
import { leaderboardCardInput, progressCardInput } from '../src/commands/pictures.ts';
import { resolveCommunity, resolveMember } from '../src/domain/community.ts';
import { groupRoadmap } from '../src/domain/groups.ts';
import { activityHeatmap } from '../src/domain/heatmap.ts';
import { rankMovement } from '../src/domain/movement.ts';
import { leaderboard } from '../src/domain/points.ts';
import { progressOf } from '../src/domain/progress.ts';
import { weeklyRecap } from '../src/domain/recap.ts';
import { addDays } from '../src/domain/time.ts';
import { gc } from './gc.ts';
import { MEMBERS, seedCardGroup, START, WEEKS } from './card-group.ts';

const SAMPLES = 60;
const TARGET_P95 = 50;
const TARGET_FANOUT_MIB = 100;
const FANOUT_GROUPS = Number(process.env.BENCH_CARD_GROUPS ?? 2_000);
const SENDERS = 8;

export interface CardTiming {
  kind: CardKind;
  p50: number;
  p95: number;
  max: number;
  /** CPU time per render (main thread and the encoder's), which load on a shared machine inflates less than wall time. */
  cpuP50: number;
  cpuP95: number;
  bytes: number;
}

export interface CardsResult {
  seedMs: number;
  timings: CardTiming[];
  renderStallMs: number;
  renderStallP99Ms: number;
  load: [number, number];
  fanout: { groups: number; ms: number; rssGrowth: number; heapGrowth: number; stallMs: number; stallP99Ms: number; maxRunning: number };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** Real inputs for every card, from the seeded group. */
async function inputsFromGroup(): Promise<{ inputs: { [K in CardKind]: CardInputs[K][] }; seedMs: number }> {
  const t = performance.now();
  const g = await seedCardGroup();
  const seedMs = performance.now() - t;
  const { deps } = g.app;
  const community = await resolveCommunity(deps, 'shell', 'northwind');
  const roadmap = groupRoadmap(deps, g.group);
  const inputs: { [K in CardKind]: CardInputs[K][] } = { progress: [], heatmap: [], leaderboard: [], recap: [], certificate: [] };
  for (const name of MEMBERS) {
    const m = await resolveMember(deps, community, name.split(' ')[0]!.toLowerCase(), name);
    inputs.progress.push(progressCardInput(name, await progressOf(deps, g.group, m)));
    inputs.heatmap.push({ ...(await activityHeatmap(deps, g.group, m.id)), name });
    for (const period of ['week', 'month', 'all'] as const) {
      const board = await leaderboard(deps, g.group, period, 'points', m.id);
      inputs.leaderboard.push(leaderboardCardInput(board, await rankMovement(deps, g.group, period, 'points', board), { title: `Leaderboard · points this ${period}`, subtitle: 'Places moved since the last period', by: 'points' }));
    }
    roadmap.stages.slice(0, 4).forEach((stage, i) =>
      inputs.certificate.push({ name, roadmap: roadmap.title, stage: { number: i + 1, of: roadmap.stages.length, title: stage.title }, date: '2026-06-03', group: '#backend-study', community: 'Northwind Devs', topics: stage.topics.length }),
    );
  }
  for (let w = 1; w < WEEKS; w++) inputs.recap.push({ roadmap: roadmap.title, ...(await weeklyRecap(deps, g.group, addDays(START, 7 * w))) });
  await g.close();
  return { inputs, seedMs };
}

async function timeKind<K extends CardKind>(kind: K, inputs: CardInputs[K][]): Promise<CardTiming> {
  const times: number[] = [];
  const cpu: number[] = [];
  let bytes = 0;
  for (let i = 0; i < SAMPLES + 5; i++) {
    clearCardCache();
    const input = inputs[i % inputs.length]!;
    const t = performance.now();
    const c = process.cpuUsage();
    const png = await renderCard(kind, input, i % 2 ? 'dark' : 'light');
    const used = process.cpuUsage(c);
    // The first few warm up fonts and code.
    if (i >= 5) {
      times.push(performance.now() - t);
      cpu.push((used.user + used.system) / 1000);
    }
    bytes = Math.max(bytes, png.length);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { kind, p50: pct(times, 50), p95: pct(times, 95), max: times.at(-1)!, cpuP50: pct(cpu, 50), cpuP95: pct(cpu, 95), bytes };
}

/** A different recap per group, as 10,000 groups' Monday posts would be. */
function recapFor(base: RecapCardInput, g: number): RecapCardInput {
  return { ...base, activeMembers: (g * 7) % 40, members: 40, solved: (g * 13) % 300, topicsDone: (g * 3) % 90, reviewsGiven: g % 17, top: base.top.map((t, i) => ({ ...t, points: t.points + g + i })) };
}

async function fanout(base: RecapCardInput): Promise<CardsResult['fanout']> {
  clearCardCache();
  cardStats.maxRunning = 0;
  gc();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  }, 20);
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const t = performance.now();
  let next = 0;
  // Like the scheduler's paced queue: a few sends at once, each builds its post when its turn comes.
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (next < FANOUT_GROUPS) {
        const png = await renderCard('recap', recapFor(base, next++));
        if (png.length === 0) throw new Error('empty card');
      }
    }),
  );
  const ms = performance.now() - t;
  loop.disable();
  clearInterval(sampler);
  const after = process.memoryUsage();
  peakRss = Math.max(peakRss, after.rss);
  peakHeap = Math.max(peakHeap, after.heapUsed);
  return { groups: FANOUT_GROUPS, ms, rssGrowth: peakRss - before.rss, heapGrowth: peakHeap - before.heapUsed, stallMs: loop.max / 1e6, stallP99Ms: loop.percentile(99) / 1e6, maxRunning: cardStats.maxRunning };
}

export async function benchCards(): Promise<CardsResult> {
  const { inputs, seedMs } = await inputsFromGroup();
  const loadBefore = loadavg()[0]!;
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const timings: CardTiming[] = [];
  for (const kind of Object.keys(inputs) as CardKind[]) timings.push(await timeKind(kind, inputs[kind] as never));
  loop.disable();
  const renderStallMs = loop.max / 1e6;
  const renderStallP99Ms = loop.percentile(99) / 1e6;
  const fan = await fanout(inputs.recap.at(-1)!);
  return { seedMs, timings, renderStallMs, renderStallP99Ms, load: [loadBefore, loadavg()[0]!], fanout: fan };
}

const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;

export function printCards(r: CardsResult): void {
  console.log(`\nCards · rendered from a seeded group (14 members, ${WEEKS} weeks through the real commands: ${(r.seedMs / 1000).toFixed(1)} s, setup), cold cache, n=${SAMPLES} each`);
  console.log(`machine: ${availableParallelism()} cores, load average ${r.load[0].toFixed(2)} before the renders, ${r.load[1].toFixed(2)} after`);
  console.log(`${'card'.padEnd(12)}   p50 ms   p95 ms   max ms   cpu p50  cpu p95   PNG    (target p95 < ${TARGET_P95} ms)`);
  for (const t of r.timings) {
    const n = (x: number) => x.toFixed(1).padStart(8);
    console.log(`${t.kind.padEnd(12)} ${n(t.p50)} ${n(t.p95)} ${n(t.max)} ${n(t.cpuP50)} ${n(t.cpuP95)}   ${(t.bytes / 1024).toFixed(0).padStart(3)} KB  ${t.p95 < TARGET_P95 ? 'ok' : 'OVER TARGET'}`);
  }
  console.log(`event loop delay while rendering: p99 ${r.renderStallP99Ms.toFixed(1)} ms, max ${r.renderStallMs.toFixed(1)} ms (drawing is on the loop; the PNG encode runs off it)`);
  const f = r.fanout;
  console.log(
    `fan-out: ${f.groups.toLocaleString('en')} groups' weekly recaps, ${SENDERS} sends at once, at most ${f.maxRunning} renders at once (limit ${MAX_CONCURRENT_RENDERS}): ` +
      `${(f.ms / 1000).toFixed(1)} s (${((f.ms / f.groups) * 10_000 / 60_000).toFixed(1)} min per 10,000), rss +${mib(f.rssGrowth)}, heap +${mib(f.heapGrowth)} at peak   target +${TARGET_FANOUT_MIB} MiB   ${f.rssGrowth < TARGET_FANOUT_MIB * 2 ** 20 ? 'ok' : 'OVER TARGET'}`,
  );
  console.log(`event loop delay during the fan-out: p99 ${f.stallP99Ms.toFixed(1)} ms, max ${f.stallMs.toFixed(1)} ms`);
}

export function cardsMisses(r: CardsResult): string[] {
  const miss = r.timings.filter((t) => t.p95 >= TARGET_P95).map((t) => `${t.kind} card p95 ${t.p95.toFixed(1)} ms`);
  if (r.fanout.rssGrowth >= TARGET_FANOUT_MIB * 2 ** 20) miss.push(`card fan-out rss +${mib(r.fanout.rssGrowth)}`);
  return miss;
}

// Alone: the cards part only.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchCards();
  printCards(r);
  const miss = cardsMisses(r);
  console.log(`Cards: ${miss.length ? `MISSED ${miss.join('; ')}` : 'all targets met'}`);
  process.exitCode = miss.length ? 1 : 0;
}
