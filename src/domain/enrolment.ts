// Joining and leaving a group's roadmap. Leaving keeps the member's history,
// so starting again picks up where they were.
import * as q from '../db/queries/enrolments.ts';
import type { EnrolmentRow, GroupRow, MemberRow } from '../db/types.ts';
import type { Roadmap } from '../content/catalog.ts';
import { inTransaction, type Deps } from './deps.ts';
import { UserError } from './errors.ts';
import { groupRoadmap, requireRoadmap } from './groups.ts';
import { suggest } from './suggest.ts';
import { requireLocalTime } from './time.ts';
import { excerpt } from './excerpt.ts';

export type StartOutcome = 'started' | 'already' | 'rejoined' | 'trackChanged';

export function requireTrack(roadmap: Roadmap, input: string): string {
  const track = roadmap.tracks.find((t) => t.id === input.toLowerCase());
  if (track) return track.id;
  if (roadmap.tracks.length === 0) {
    throw new UserError('enrolment.noTracks', `The ${roadmap.id} roadmap has no tracks; start it without one: \`/roadmap start ${roadmap.id}\`.`);
  }
  const ids = roadmap.tracks.map((t) => t.id);
  const close = suggest(input, ids, 1);
  throw new UserError(
    'enrolment.unknownTrack',
    `"${excerpt(input)}" is not a track of ${roadmap.id}.` + (close[0] ? ` Did you mean \`${close[0]}\`?` : '') + ` Tracks: ${ids.join(', ')}.`,
  );
}

export async function startRoadmap(
  deps: Deps,
  group: GroupRow,
  member: MemberRow,
  input: { roadmap?: string | undefined; track?: string | undefined },
): Promise<{ outcome: StartOutcome; enrolment: EnrolmentRow; roadmap: Roadmap }> {
  const roadmap = groupRoadmap(deps, group);
  if (input.roadmap !== undefined && input.roadmap !== roadmap.id) {
    const wanted = requireRoadmap(deps, input.roadmap);
    throw new UserError(
      'enrolment.otherRoadmap',
      `This channel's group follows **${roadmap.id}**, not ${wanted.id}. Start it here with \`/roadmap start ${roadmap.id}\`, or join a channel whose group follows ${wanted.id} (an admin can set one up with \`/group setup roadmap:${wanted.id}\`).`,
    );
  }
  const track = input.track !== undefined ? requireTrack(roadmap, input.track) : undefined;
  const now = deps.clock.now().getTime();
  return inTransaction(deps, async (tx) => {
    const existing = await q.findEnrolment(tx, group, member.id);
    if (!existing) return { outcome: 'started' as const, enrolment: await q.insertEnrolment(tx, group, member.id, track ?? null, now), roadmap };
    if (existing.leftAt !== null) {
      return { outcome: 'rejoined' as const, enrolment: await q.updateEnrolment(tx, existing, { leftAt: null, ...(track && { track }) }), roadmap };
    }
    if (track !== undefined && track !== existing.track) {
      return { outcome: 'trackChanged' as const, enrolment: await q.updateEnrolment(tx, existing, { track }), roadmap };
    }
    return { outcome: 'already' as const, enrolment: existing, roadmap };
  });
}

export async function leaveRoadmap(deps: Deps, group: GroupRow, member: MemberRow): Promise<EnrolmentRow> {
  const enrolment = await requireEnrolment(deps, group, member, 'leave');
  return q.updateEnrolment(deps.db, enrolment, { leftAt: deps.clock.now().getTime() });
}

export async function findActiveEnrolment(deps: Deps, group: GroupRow, memberId: number): Promise<EnrolmentRow | undefined> {
  const e = await q.findEnrolment(deps.db, group, memberId);
  return e && e.leftAt === null ? e : undefined;
}

/** The member's active enrolment, or a UserError that says how to start. */
export async function requireEnrolment(
  deps: Deps,
  group: GroupRow,
  member: MemberRow,
  doing = 'do that',
  who: 'you' | 'they' = 'you',
): Promise<EnrolmentRow> {
  const e = await findActiveEnrolment(deps, group, member.id);
  if (e) return e;
  if (who === 'they') {
    throw new UserError('enrolment.memberNotEnrolled', `${member.displayName} has not started this group's roadmap.`);
  }
  throw new UserError(
    'enrolment.notEnrolled',
    `You need to join this group's roadmap to ${doing}. Start with \`/roadmap start ${group.roadmapId}\`.`,
  );
}

/** `/remind on|off|time`: the member's own reminder settings in this group. */
export async function setReminders(deps: Deps, group: GroupRow, member: MemberRow, change: { on?: boolean; time?: string }): Promise<EnrolmentRow> {
  const enrolment = await requireEnrolment(deps, group, member, 'get reminders');
  return q.updateEnrolment(deps.db, enrolment, {
    ...(change.on !== undefined && { remindersOn: change.on }),
    ...(change.time !== undefined && { reminderTime: requireLocalTime(change.time, 'time'), remindersOn: true }),
  });
}
