// Picture cards for replies and posts: domain data mapped to a card's input,
// rendered in the group's theme, with alt text. A group with cards off gets
// none, and a render that fails leaves the reply's text to stand alone.
import { certificateAlt, heatmapAlt, leaderboardAlt, progressAlt, recapAlt } from '../cards/alt.ts';
import type { CertificateCardInput } from '../cards/certificate.ts';
import type { HeatmapCardInput } from '../cards/heatmap.ts';
import type { LeaderboardCardInput } from '../cards/leaderboard.ts';
import type { ProgressCardInput } from '../cards/progress.ts';
import type { RecapCardInput } from '../cards/recap.ts';
import { renderCard, renderCardUnlessBusy, type CardInputs, type CardKind } from '../cards/render.ts';
import type { GroupRow } from '../db/types.ts';
import type { Deps } from '../domain/deps.ts';
import { activityHeatmap } from '../domain/heatmap.ts';
import type { Movement } from '../domain/movement.ts';
import type { Leaderboard, RankBy, Standing } from '../domain/points.ts';
import type { Progress } from '../domain/progress.ts';
import type { WeeklyRecap } from '../domain/recap.ts';
import { MAX_FREEZES } from '../domain/streak-rules.ts';
import type { Logger } from '../log.ts';
import type { Picture, Reply } from './types.ts';

/** What to say when a picture-only command runs in a group with cards off. */
export const CARDS_OFF = 'Picture cards are off in this group, so here it is as text. An admin can turn them on with `/group setup cards:on`.';

/**
 * How a card is wanted: `now` waits its turn at the renderer (a post, or a
 * card asked for on its own); `attached` rides on an answer whose text
 * already says the same, so it is skipped while the renderer is backed up.
 */
export type Urgency = 'now' | 'attached';

/** The card of a reply, drawn now if it is drawn later (see `Reply.image`). */
export async function drawPicture(image: Reply['image']): Promise<Picture | undefined> {
  return typeof image === 'function' ? image() : image;
}

async function picture<K extends CardKind>(group: GroupRow, kind: K, input: CardInputs[K], alt: string, log?: Logger, urgency: Urgency = 'now'): Promise<Picture | undefined> {
  if (!group.cards) return undefined;
  try {
    const png = urgency === 'now' ? await renderCard(kind, input, group.cardTheme) : await renderCardUnlessBusy(kind, input, group.cardTheme);
    return png && { png, name: `${kind}.png`, alt };
  } catch (err) {
    // The reply's text says the same: better without its picture than not at all.
    log?.error({ err, card: kind, group: group.id }, 'rendering a card failed; the reply goes out as text');
    return undefined;
  }
}

export function progressPicture(group: GroupRow, name: string, p: Progress, log?: Logger, urgency?: Urgency): Promise<Picture | undefined> {
  const input = progressCardInput(name, p);
  return picture(group, 'progress', input, progressAlt(input), log, urgency);
}

export function progressCardInput(name: string, p: Progress): ProgressCardInput {
  const current = p.next ? p.stage.index : -1;
  return {
    name,
    roadmap: p.roadmap.title,
    track: p.track ? (p.roadmap.tracks.find((t) => t.id === p.track)?.title ?? p.track) : null,
    // The next topic is the first not done in path order, so every stage before its stage is done.
    stages: p.roadmap.stages.map((s, i) => ({ title: s.title, state: current === -1 || i < current ? 'done' : i === current ? 'current' : 'ahead' })),
    percent: p.percent,
    done: p.done,
    total: p.total,
    next: p.next?.title ?? null,
    streak: p.streak.current,
    freezes: p.streak.freezes,
    maxFreezes: MAX_FREEZES,
  };
}

export async function heatmapPicture(deps: Deps, group: GroupRow, memberId: number, name: string, log?: Logger, urgency?: Urgency): Promise<Picture | undefined> {
  if (!group.cards) return undefined;
  const input: HeatmapCardInput = { ...(await activityHeatmap(deps, group, memberId)), name };
  return picture(group, 'heatmap', input, heatmapAlt(input), log, urgency);
}

export function leaderboardPicture(
  group: GroupRow,
  board: Leaderboard,
  movement: Movement | null,
  heading: { title: string; subtitle: string; by: RankBy },
  log?: Logger,
  urgency?: Urgency,
): Promise<Picture | undefined> {
  const input = leaderboardCardInput(board, movement, heading);
  return picture(group, 'leaderboard', input, leaderboardAlt(input), log, urgency);
}

export function leaderboardCardInput(board: Leaderboard, movement: Movement | null, heading: { title: string; subtitle: string; by: RankBy }): LeaderboardCardInput {
  const row = (s: Standing, you = false) => ({
    rank: s.rank,
    name: s.name,
    value: s.value,
    ...(movement && { movement: movement.get(s.memberId) ?? null }),
    ...(you && { you }),
  });
  return { ...heading, rows: board.top.map((s) => row(s)), you: board.you ? row(board.you, true) : null, entrants: board.entrants };
}

export function recapPicture(group: GroupRow, roadmap: string, recap: WeeklyRecap, log?: Logger): Promise<Picture | undefined> {
  const input: RecapCardInput = { roadmap, ...recap };
  return picture(group, 'recap', input, recapAlt(input), log);
}

export function certificatePicture(group: GroupRow, input: CertificateCardInput, log?: Logger): Promise<Picture | undefined> {
  return picture(group, 'certificate', input, certificateAlt(input), log);
}
