// Who pressed or typed: a Slack user's display name, and whether they are a
// workspace admin or owner — the community's admins. Read with users.info
// and cached briefly, so a burst of commands costs one call per person and a
// promotion or rename shows within a minute.
import type { Logger } from '../../log.ts';
import type { SlackUserInfo } from './users-info.ts';

export interface SlackUser {
  name: string;
  isAdmin: boolean;
}

export interface UserDirectory {
  /** users.info, cached; rejects when Slack does. */
  lookup(userId: string): Promise<SlackUser>;
  /** As `lookup`, but a failure is logged and the user taken as a non-admin named `fallbackName`. */
  who(userId: string, fallbackName: string): Promise<SlackUser>;
}

/** `info` is users.info (users-info.ts), or a stand-in in tests. */
export function userDirectory(info: (userId: string) => Promise<SlackUserInfo>, log: Logger, ttlMs = 60_000): UserDirectory {
  const cache = new Map<string, { user: Promise<SlackUser>; until: number }>();
  const lookup = (userId: string): Promise<SlackUser> => {
    const now = Date.now();
    const hit = cache.get(userId);
    if (hit && hit.until > now) return hit.user;
    const user = info(userId).then((u) => ({
      name: u?.profile?.display_name || u?.profile?.real_name || u?.real_name || u?.name || userId,
      isAdmin: Boolean(u?.is_admin || u?.is_owner || u?.is_primary_owner),
    }));
    // Concurrent lookups share one call; a failure is not cached.
    cache.set(userId, { user, until: now + ttlMs });
    user.catch(() => cache.delete(userId));
    return user;
  };
  return {
    lookup,
    who: (userId, fallbackName) =>
      lookup(userId).catch((err: unknown) => {
        // Failing closed: admin commands are refused until Slack answers again.
        log.warn({ err, user: userId }, 'slack: users.info failed; treating the user as a non-admin');
        return { name: fallbackName, isAdmin: false };
      }),
  };
}
