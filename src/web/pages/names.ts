// How communities and groups are named on the pages: the store keeps platform
// ids only, so names are what the ids say (a channel id, a guild id).
import type { CommunityRow, GroupRow } from '../../db/types.ts';

export const communityName = (c: CommunityRow): string =>
  c.platform === 'shell' ? 'Local shell' : `${c.platform === 'discord' ? 'Discord server' : 'Slack workspace'} ${c.externalId}`;

export const groupName = (g: GroupRow): string => `#${g.channelId}`;

export const groupNav = (communityId: number, group: GroupRow, staff: boolean, admin: boolean, current: string) => {
  const base = `/c/${communityId}/g/${group.id}`;
  const items = [
    ...(admin ? [{ label: 'Community', href: `/c/${communityId}` }] : []),
    ...(staff
      ? [
          { label: groupName(group), href: base },
          { label: 'Challenges', href: `${base}/challenges` },
          { label: 'Review queue', href: `${base}/reviews` },
        ]
      : []),
  ];
  return items.map((n) => ({ ...n, current: n.href === current }));
};

export const fmtDate = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
export const pct = (x: number) => `${Math.round(x * 100)}%`;
