// Messages Cohort edits later (a submission's post, when it is claimed or
// decided): the platform posts, the store remembers where, found again by key.
import { findPost, insertPost, type PostRow } from '../db/queries/posts.ts';
import type { Deps } from './deps.ts';

export type { PostRow };

export function postFor(deps: Deps, communityId: number, key: string): Promise<PostRow | undefined> {
  return findPost(deps.db, communityId, key);
}

export function rememberPost(deps: Deps, communityId: number, key: string, where: { channelId: string; messageId: string }): Promise<void> {
  return insertPost(deps.db, { communityId, key, ...where, createdAt: deps.clock.now().getTime() });
}
