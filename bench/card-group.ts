// A realistic study group for the cards, built through the real commands on
// a simulated clock: 14 members of #backend-study in Berlin walking the
// backend roadmap for 21 weeks and three days, each with their own habits — some study
// daily, some in bursts, some drift off — answering the daily quiz (right or
// wrong) and finishing topics. Streaks break and freezes cover missed days
// the way they would. Used by the cards bench and the README's examples.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { createApp, type App } from '../src/app.ts';
import { ManualClock } from '../src/clock.ts';
import { runText, type Invocation } from '../src/commands/dispatch.ts';
import type { Reply } from '../src/commands/types.ts';
import type { GroupRow } from '../src/db/types.ts';
import { resolveCommunity } from '../src/domain/community.ts';
import { findGroup } from '../src/domain/groups.ts';
import { createLogger } from '../src/log.ts';

export const ZONE = 'Europe/Berlin';
export const MEMBERS = ['Amara Okafor', 'Jonas Weber', 'Priya Nair', 'Mateo García', 'Yuki Tanaka', 'Lena Fischer', 'Omar Haddad', 'Sofia Rossi', 'Chen Wei', 'Noah Müller', 'Ines Duarte', 'Kofi Mensah', 'Hanna Berg', 'Liam Byrne'];
/** Days a member studies, of 10: the first few are steady, the last drift off. */
const HABIT = [9, 9, 8, 8, 7, 7, 6, 6, 5, 5, 4, 4, 3, 3];
export const START = '2026-01-05'; // a Monday
export const WEEKS = 21;
/** Simulated days: 21 weeks and then Monday to Wednesday, so the current week has a board. */
const DAYS = WEEKS * 7 + 3;

export interface CardGroup {
  app: App;
  clock: ManualClock;
  group: GroupRow;
  say(member: string, line: string): Promise<Reply[]>;
  /** The last stage certificate posted during the weeks simulated. */
  certificate: Reply | undefined;
  close(): Promise<void>;
}

const userId = (name: string) => name.split(' ')[0]!.toLowerCase();

/** Mulberry32: the same group every run. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedCardGroup(): Promise<CardGroup> {
  const dir = mkdtempSync(join(tmpdir(), 'cohort-cards-'));
  const clock = new ManualClock(DateTime.fromISO(`${START}T08:00`, { zone: ZONE }).toJSDate());
  const app = await createApp({ store: { databasePath: join(dir, 'cards.db') }, roadmapsDir: fileURLToPath(new URL('../roadmaps', import.meta.url)), clock, log: createLogger('silent') });
  const inv = (name: string): Invocation => ({
    platform: 'shell',
    communityId: 'northwind',
    channelId: 'backend-study',
    user: { id: name === 'admin' ? 'admin' : userId(name), name: name === 'admin' ? 'Admin' : name, isAdmin: name === 'admin' },
    names: { community: 'Northwind Devs', channel: 'backend-study' },
  });
  const say = (member: string, line: string) => runText(app, inv(member), line);
  await say('admin', `/group setup roadmap:backend timezone:${ZONE}`);
  const tracks = ['python', 'javascript', 'go', 'java'];
  for (const [i, m] of MEMBERS.entries()) await say(m, `/roadmap start backend track:${tracks[i % tracks.length]}`);
  const roadmap = app.deps.roadmaps.get('backend')!;
  const next = new Map(MEMBERS.map((m) => [m, 0]));
  const random = prng(14);
  let certificate: Reply | undefined;
  for (let d = 0; d < DAYS; d++) {
    const date = DateTime.fromISO(START, { zone: ZONE }).plus({ days: d });
    for (const [i, m] of MEMBERS.entries()) {
      // Habits fade a little over the weeks for the less steady half.
      const chance = (HABIT[i]! - (i > 7 ? d / 60 : 0)) / 10;
      if (random() > chance) continue;
      clock.set(date.set({ hour: 7 + Math.floor(random() * 15), minute: Math.floor(random() * 60) }).toJSDate());
      const today = (await say(m, '/challenge today')).map((r) => r.text ?? '').join('\n');
      const quiz = roadmap.challenges.find((c) => c.type === 'quiz' && today.includes(c.prompt));
      if (quiz?.type === 'quiz') {
        // Right three times in four; the letter is read off the card, as a member would.
        const right = random() < 0.75;
        const choices = [...today.matchAll(/\*\*([A-J])\)\*\* (.*)/g)].map((x) => [x[1]!, x[2]!.trim()] as const);
        const answer = choices.length
          ? (choices.find(([, text]) => (text === quiz.answer) === right) ?? choices[0]!)[0]
          : right ? (quiz.accept?.[0] ?? 'x') : 'not sure';
        await say(m, `/challenge answer ${answer}`);
      }
      // A topic every few active days, more for the steady ones.
      if (random() < 0.25 + HABIT[i]! / 40) {
        const topic = roadmap.topics[next.get(m)!];
        if (topic) {
          const replies = await say(m, `/roadmap done ${topic.id}`);
          next.set(m, next.get(m)! + 1);
          const cert = replies.find((r) => r.title?.includes('completed stage'));
          if (cert) certificate = cert;
        }
      }
    }
  }
  clock.set(DateTime.fromISO(START, { zone: ZONE }).plus({ days: DAYS - 1 }).set({ hour: 22 }).toJSDate());
  const community = await resolveCommunity(app.deps, 'shell', 'northwind');
  const group = (await findGroup(app.deps, community.id, 'backend-study'))!;
  return {
    app,
    clock,
    group,
    say,
    certificate,
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
