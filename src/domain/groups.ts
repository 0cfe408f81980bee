// Study groups: a channel of a community that follows one roadmap, with its
// own time zone, daily post time and reminder time. Admins set them up.
import * as q from '../db/queries/groups.ts';
import type { GroupRow, MemberRow } from '../db/types.ts';
import type { Roadmap } from '../content/catalog.ts';
import { inTransaction, type Deps } from './deps.ts';
import { UserError } from './errors.ts';
import { suggest } from './suggest.ts';
import { requireLocalTime, requireTimeZone } from './time.ts';
import { excerpt } from './excerpt.ts';

export const GROUP_DEFAULTS = { timezone: 'UTC', postTime: '09:00', reminderTime: '20:00' } as const;

export interface SetupInput {
  roadmap?: string | undefined;
  timezone?: string | undefined;
  postTime?: string | undefined;
  reminderTime?: string | undefined;
  /** Channel id for reviews; "none" clears it. */
  reviewChannel?: string | undefined;
  /** Picture cards with replies and posts: "on" or "off". */
  cards?: string | undefined;
  /** The cards' palette: "light" or "dark". */
  theme?: string | undefined;
  /** How long a mentor's claim holds, in minutes. */
  claimMinutes?: string | undefined;
  /** Hours a submission waits before mentors are nudged / admins are told. */
  reviewNudge?: string | undefined;
  reviewEscalate?: string | undefined;
  /** The admin running setup: escalations reach them. */
  adminMemberId?: number | undefined;
}

function requireChoice<T extends string>(value: string, allowed: readonly T[], what: string): T {
  const v = value.trim().toLowerCase();
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new UserError('group.badChoice', `${what} must be ${allowed.join(' or ')} — got "${value}". For example \`/group setup ${what}:${allowed[0]}\`.`);
}

function wholeNumber(value: string, option: string, min: number, max: number, unit: string): number {
  const n = /^\d{1,6}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!(n >= min && n <= max)) {
    throw new UserError('group.badNumber', `${option} must be a whole number of ${unit} from ${min} to ${max} — got "${value.slice(0, 20)}".`);
  }
  return n;
}

export function findGroup(deps: Deps, communityId: number, channelId: string): Promise<GroupRow | undefined> {
  return q.findGroupByChannel(deps.db, communityId, channelId);
}

/** The group of a channel, or the group whose review channel it is: where mentors work. */
export async function findReviewGroup(deps: Deps, communityId: number, channelId: string): Promise<GroupRow | undefined> {
  return (await findGroup(deps, communityId, channelId)) ?? q.findGroupByReviewChannel(deps.db, communityId, channelId);
}

export async function requireGroup(deps: Deps, communityId: number, channelId: string): Promise<GroupRow> {
  const group = await findGroup(deps, communityId, channelId);
  if (!group) {
    throw new UserError(
      'group.none',
      'This channel has no study group yet. An admin can start one here with `/group setup roadmap:backend timezone:Europe/Berlin`.',
    );
  }
  return group;
}

export function requireRoadmap(deps: Deps, id: string): Roadmap {
  const roadmap = deps.roadmaps.get(id);
  if (roadmap) return roadmap;
  const ids = deps.roadmaps.all.map((r) => r.id);
  const close = suggest(id, ids);
  throw new UserError(
    'roadmap.unknown',
    `There is no roadmap "${excerpt(id)}".` + (close.length ? ` Did you mean ${close.map((c) => `\`${c}\``).join(', ')}?` : '') + ` Available: ${ids.join(', ')}. See \`/roadmap list\`.`,
  );
}

/** The roadmap a group follows; a group whose roadmap file was removed gets a clear message for the admin. */
export function groupRoadmap(deps: Deps, group: GroupRow): Roadmap {
  const roadmap = deps.roadmaps.get(group.roadmapId);
  if (!roadmap) {
    throw new UserError(
      'group.roadmapMissing',
      `This group follows roadmap "${group.roadmapId}", which is no longer installed. An admin can restore roadmaps/${group.roadmapId}.yaml or switch with \`/group setup roadmap:<id>\`.`,
    );
  }
  return roadmap;
}

/** Creates the channel's group, or changes the settings given. */
export async function setupGroup(deps: Deps, communityId: number, channelId: string, input: SetupInput): Promise<{ group: GroupRow; created: boolean }> {
  const settings = {
    ...(input.roadmap !== undefined && { roadmapId: requireRoadmap(deps, input.roadmap).id }),
    ...(input.timezone !== undefined && { timezone: requireTimeZone(input.timezone) }),
    ...(input.postTime !== undefined && { postTime: requireLocalTime(input.postTime, 'post-time') }),
    ...(input.reminderTime !== undefined && { reminderTime: requireLocalTime(input.reminderTime, 'reminder-time') }),
    ...(input.reviewChannel !== undefined && { reviewChannelId: input.reviewChannel === 'none' ? null : input.reviewChannel }),
    ...(input.cards !== undefined && { cards: requireChoice(input.cards, ['on', 'off'], 'cards') === 'on' }),
    ...(input.theme !== undefined && { cardTheme: requireChoice(input.theme, ['light', 'dark'], 'theme') }),
    ...(input.claimMinutes !== undefined && { claimMinutes: wholeNumber(input.claimMinutes, 'claim-minutes', 5, 24 * 60, 'minutes') }),
    ...(input.reviewNudge !== undefined && { reviewNudgeHours: wholeNumber(input.reviewNudge, 'review-nudge', 1, 24 * 30, 'hours') }),
    ...(input.reviewEscalate !== undefined && { reviewEscalateHours: wholeNumber(input.reviewEscalate, 'review-escalate', 1, 24 * 60, 'hours') }),
    ...(input.adminMemberId !== undefined && { adminMemberId: input.adminMemberId }),
  };
  const now = deps.clock.now().getTime();
  return inTransaction(deps, async (tx) => {
    const existing = await q.findGroupByChannel(tx, communityId, channelId);
    // Running setup again is how an admin says "the channel is fixed": resume paused posts.
    if (existing) return { group: await q.updateGroup(tx, existing, { ...settings, postsPausedReason: null }, now), created: false };
    let roadmapId = settings.roadmapId;
    if (roadmapId === undefined) {
      // With a single roadmap installed there is nothing to choose.
      const only = deps.roadmaps.all.length === 1 ? deps.roadmaps.all[0] : undefined;
      if (!only) {
        throw new UserError(
          'group.needsRoadmap',
          `Say which roadmap this group follows, e.g. \`/group setup roadmap:${deps.roadmaps.all[0]?.id ?? 'backend'}\`. Available: ${deps.roadmaps.all.map((r) => r.id).join(', ')}.`,
        );
      }
      roadmapId = only.id;
    }
    const group = await q.insertGroup(
      tx,
      communityId,
      channelId,
      { ...GROUP_DEFAULTS, reviewChannelId: null, postsPausedReason: null, ...settings, roadmapId },
      now,
    );
    return { group, created: true };
  });
}

export function mentorsOf(deps: Deps, group: GroupRow): Promise<MemberRow[]> {
  return q.listMentors(deps.db, group);
}

export function isMentor(deps: Deps, group: GroupRow, memberId: number): Promise<boolean> {
  return q.isMentor(deps.db, group, memberId);
}

export function addMentor(deps: Deps, group: GroupRow, member: MemberRow): Promise<boolean> {
  return q.addMentor(deps.db, group, member.id, deps.clock.now().getTime());
}

export function removeMentor(deps: Deps, group: GroupRow, member: MemberRow): Promise<boolean> {
  return q.removeMentor(deps.db, group, member.id);
}

export function mentoredGroups(deps: Deps, communityId: number, memberId: number): Promise<GroupRow[]> {
  return q.mentoredGroups(deps.db, communityId, memberId);
}
