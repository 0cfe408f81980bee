// How Cohort asks V8 to size its heap: to what the bot keeps, not to its
// busiest moment. Left to its defaults on a machine with memory to spare, V8
// kept a bot that had answered a few thousand commands 50–90 MiB larger than
// it needed, for good (README → Performance has the figures):
//
// - It grows the young generation from 1 MiB to 16 MiB per semi-space under a
//   burst of work, and keeps it. A command makes little garbage and nearly
//   none of it lives past the command, so a young generation that stays small
//   collects it as well, in more but smaller collections.
// - It lets the old generation grow to up to four times what is alive before
//   collecting it, and does not collect it at all until a large first limit,
//   so what start-up left behind (module loading, roadmap parsing, every
//   server's payload at connect) stays. Here it may grow by half, and a full
//   collection once the bot is running starts that from what the bot
//   actually keeps.
//
// V8 reads these settings as it runs, so setting them from inside the
// process takes effect. A setting given to node for the same thing says how
// the admin wants it, and is left to work: --max-semi-space-size on node's
// command line or in NODE_OPTIONS, --heap-growing-percent on the command line
// (node refuses that one in NODE_OPTIONS).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Sets both, unless the admin gave node a setting for the same thing. Called first thing (main-first.ts). */
export function sizeHeapForTheBot(): void {
  const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  const adminChose = (flag: RegExp) => given.some((a) => flag.test(a));
  if (!adminChose(/^--(max[-_])?semi[-_]space/)) setFlagsFromString('--semi-space-growth-factor=1');
  if (!adminChose(/^--heap[-_]growing[-_]percent/)) setFlagsFromString('--heap-growing-percent=50');
}

/**
 * A full collection now, once start-up is over (main.ts). It holds the event
 * loop for the collection, about 30 ms. Not repeated later: forcing one after
 * every few cards kept glibc's heap smaller, but Cohort's CPU per answer rose
 * 0.2–0.5 ms in the bursts that followed (README → Performance).
 */
export function collectGarbage(): void {
  // `gc` exists only in contexts made after --expose-gc is set: a fresh one hands it over.
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}
