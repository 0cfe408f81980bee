// Alt text for every card: what each picture shows, in words, for screen
// readers and for anyone who cannot see it (Discord's attachment description,
// Slack's alt text). Kept apart from the drawing so that commands can say it
// without loading the canvas library.
import type { CertificateCardInput } from './certificate.ts';
import type { HeatmapCardInput } from './heatmap.ts';
import type { LeaderboardCardInput, LeaderboardCardRow } from './leaderboard.ts';
import type { ProgressCardInput } from './progress.ts';
import type { RecapCardInput } from './recap.ts';
import { plural, unit } from './words.ts';

function moveText(m: number | null | undefined): string {
  return m === undefined ? '' : m === null ? 'new' : m > 0 ? `up ${m}` : m < 0 ? `down ${-m}` : 'same place';
}

export function progressAlt(p: ProgressCardInput): string {
  const current = p.stages.findIndex((s) => s.state === 'current');
  const stage = current >= 0 ? `stage ${current + 1} of ${p.stages.length}, ${p.stages[current]!.title}` : `all ${p.stages.length} stages done`;
  return (
    `${p.name}'s progress on ${p.roadmap}${p.track ? ` (${p.track} track)` : ''}: ${p.percent}%, ${p.done} of ${p.total} topics, ${stage}. ` +
    `Next topic: ${p.next ?? 'none, all done'}. Streak ${plural(p.streak, 'day')}, ${p.freezes} of ${p.maxFreezes} freezes.`
  );
}

export function heatmapAlt(h: HeatmapCardInput): string {
  const frozen = h.days.filter((d) => d.frozen).length;
  return (
    `${h.name}'s activity over the last 52 weeks (${h.timezone}): ${plural(h.activeDays, 'active day')}` +
    `${frozen ? `, ${plural(frozen, 'day')} covered by a freeze` : ''}. Current streak ${plural(h.current, 'day')}, longest ${plural(h.longest, 'day')}.`
  );
}

export function leaderboardAlt(input: LeaderboardCardInput): string {
  const line = (r: LeaderboardCardRow) => `${r.rank}. ${r.name}, ${unit(input.by, r.value)}${r.movement === undefined ? '' : ` (${moveText(r.movement)})`}`;
  if (input.rows.length === 0) return `${input.title}: nobody ranked yet.`;
  return `${input.title}, ${input.subtitle}: ${input.rows.map(line).join('; ')}${input.you ? `; … ${line(input.you)} (you)` : ''}.`;
}

export function recapAlt(r: RecapCardInput): string {
  return (
    `The group's week on ${r.roadmap}, ${r.from} to ${r.to}: ${r.activeMembers} of ${plural(r.members, 'member')} active, ${plural(r.solved, 'challenge')} solved` +
    `${r.correctRate === null ? '' : ` (${r.correctRate}% correct)`}, ${plural(r.topicsDone, 'topic')} done, ${plural(r.reviewsGiven, 'review')} given.` +
    (r.top.length ? ` Top: ${r.top.map((t) => `${t.rank}. ${t.name} ${t.points} pts`).join(', ')}.` : '') +
    (r.climbers.length ? ` Climbers: ${r.climbers.map((c) => `${c.name} up ${c.movement}`).join(', ')}.` : '')
  );
}

export function certificateAlt(c: CertificateCardInput): string {
  return `Certificate: ${c.name} completed stage ${c.stage.number} of ${c.stage.of}, ${c.stage.title}, of ${c.roadmap} (${c.topics} topics) on ${c.date}, in ${[c.group, c.community].filter(Boolean).join(', ')}.`;
}
