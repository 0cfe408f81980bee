// The command registry: every platform serves exactly these.
import challenge from './challenge.ts';
import group from './group.ts';
import { helpCommand } from './help.ts';
import leaderboard from './leaderboard.ts';
import remind from './remind.ts';
import review from './review.ts';
import roadmap from './roadmap.ts';
import streak from './streak.ts';
import type { Command } from './types.ts';

export const commands: readonly Command[] = [roadmap, challenge, streak, leaderboard, remind, review, group, helpCommand(() => commands)];
