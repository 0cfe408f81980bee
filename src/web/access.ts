// Who may see what, decided on every request from the session and the ids in
// the URL: a community is visible only to its own people (another community's
// ids are "not found"); admins see and change everything of theirs, a group's
// mentors see its members and queue, a member sees their own pages.
import { HTTPException } from 'hono/http-exception';
import { findMemberByUserId } from '../db/queries/communities.ts';
import { findCommunityById } from '../db/queries/dashboard.ts';
import { findGroup } from '../db/queries/groups.ts';
import { findEnrolment } from '../db/queries/enrolments.ts';
import type { CommunityRow, GroupRow, MemberRow } from '../db/types.ts';
import type { Deps } from '../domain/deps.ts';
import { isMentor } from '../domain/groups.ts';
import type { Session } from './session.ts';

export interface CommunityScope {
  community: CommunityRow;
  admin: boolean;
  /** The signed-in person as a member of this community, once they have used Cohort there. */
  me: MemberRow | undefined;
}

export interface GroupScope extends CommunityScope {
  group: GroupRow;
  mentor: boolean;
  enrolled: boolean;
}

export const notFound = () => new HTTPException(404, { message: 'Not found, or not yours to see.' });
export const forbidden = (why: string) => new HTTPException(403, { message: why });

/** An id from the URL: digits only, else nothing matches it. */
export function idParam(raw: string | undefined): number {
  if (!raw || !/^\d{1,9}$/.test(raw)) throw notFound();
  return Number(raw);
}

export async function communityScope(deps: Deps, session: Session, rawId: string | undefined): Promise<CommunityScope> {
  const community = await findCommunityById(deps.db, idParam(rawId));
  const membership = community && community.platform === session.identity.platform ? session.identity.communities.find((c) => c.externalId === community.externalId) : undefined;
  if (!community || !membership) throw notFound();
  return { community, admin: membership.admin, me: await findMemberByUserId(deps.db, community.id, session.identity.userId) };
}

export async function groupScope(deps: Deps, scope: CommunityScope, rawId: string | undefined): Promise<GroupScope> {
  const group = await findGroup(deps.db, scope.community.id, idParam(rawId));
  if (!group) throw notFound();
  const me = scope.me;
  const mentor = me ? await isMentor(deps, group, me.id) : false;
  const enrolment = me ? await findEnrolment(deps.db, group, me.id) : undefined;
  return { ...scope, group, mentor, enrolled: Boolean(enrolment && enrolment.leftAt === null) };
}

/** Admins and the group's mentors: the group page, its queue, its challenges, its export. */
export function requireStaff(scope: GroupScope): void {
  if (!scope.admin && !scope.mentor) throw forbidden("Only this community's admins and this group's mentors can see this page.");
}

export function requireAdmin(scope: CommunityScope): void {
  if (!scope.admin) throw forbidden("Only this community's admins can see or change this.");
}
