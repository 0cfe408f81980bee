// Suggestions for options declared with `autocomplete`, for platforms that
// offer them while typing (Discord). Read-only: nothing is created while a
// member is still typing, not even their member row.
import { findCommunity } from '../db/queries/communities.ts';
import { findGroupByChannel } from '../db/queries/groups.ts';
import type { Platform } from '../db/types.ts';
import type { Deps } from '../domain/deps.ts';
import { allZones } from '../domain/time.ts';
import type { Roadmap } from '../content/catalog.ts';
import type { OptionDef } from './types.ts';

export interface Suggestion {
  /** What the member sees. */
  name: string;
  /** What is filled in. */
  value: string;
}

export interface AutocompleteQuery {
  platform: Platform;
  communityId: string;
  channelId: string;
  kind: NonNullable<OptionDef['autocomplete']>;
  typed: string;
  /** Other options already filled in, e.g. the roadmap a track belongs to. */
  filled: Record<string, string>;
}

/** Discord shows at most 25 suggestions. */
export const MAX_SUGGESTIONS = 25;

export async function suggestOptions(deps: Deps, q: AutocompleteQuery): Promise<Suggestion[]> {
  const typed = q.typed.trim().toLowerCase();
  const matches = (...texts: string[]) => typed === '' || texts.some((t) => t.toLowerCase().includes(typed));
  const roadmap = async (): Promise<Roadmap | undefined> => {
    const named = q.filled.roadmap?.trim().toLowerCase();
    if (named) return deps.roadmaps.get(named);
    const community = await findCommunity(deps.db, q.platform, q.communityId);
    const group = community && (await findGroupByChannel(deps.db, community.id, q.channelId));
    return group ? deps.roadmaps.get(group.roadmapId) : deps.roadmaps.get('backend') ?? deps.roadmaps.all[0];
  };
  let out: Suggestion[] = [];
  switch (q.kind) {
    case 'roadmap':
      out = deps.roadmaps.all.filter((r) => matches(r.id, r.title)).map((r) => ({ name: `${r.title} (${r.id})`, value: r.id }));
      break;
    case 'track':
      out = ((await roadmap())?.tracks ?? []).filter((t) => matches(t.id, t.title)).map((t) => ({ name: t.title, value: t.id }));
      break;
    case 'topic':
      out = ((await roadmap())?.topics ?? []).filter((t) => matches(t.id, t.title)).map((t) => ({ name: `${t.title} (${t.id})`, value: t.id }));
      break;
    case 'task':
      out = ((await roadmap())?.challenges ?? [])
        .filter((c) => c.type === 'task' && matches(c.id, c.topic.title))
        .map((c) => ({ name: `${c.id} · ${c.topic.title}`, value: c.id }));
      break;
    case 'timezone':
      out = allZones().filter((z) => matches(z, z.replace(/_/g, ' '))).map((z) => ({ name: z, value: z }));
      break;
  }
  return out.slice(0, MAX_SUGGESTIONS).map((s) => ({ name: s.name.slice(0, 100), value: s.value.slice(0, 100) }));
}
