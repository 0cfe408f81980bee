// Saved replies: a group's mentors keep the feedback they give again and
// again under a short name; `:name:` in feedback expands to its text. Names
// that are not snippets (":tada:") are left alone.
import { deleteSnippet, listSnippets, saveSnippet, type SnippetRow } from '../db/queries/snippets.ts';
import type { GroupRow, MemberRow } from '../db/types.ts';
import type { Deps } from './deps.ts';
import { UserError } from './errors.ts';
import { isMentor } from './groups.ts';

export type { SnippetRow };

export const MAX_SNIPPET_LENGTH = 1500;
const NAME = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/** Mentors and admins only: saved replies, review figures. */
export async function requireMentorOrAdmin(deps: Deps, group: GroupRow, member: MemberRow, isAdmin: boolean, what: string): Promise<void> {
  if (isAdmin || (await isMentor(deps, group, member.id))) return;
  throw new UserError('review.mentorsOnly', `Only this group's mentors (and admins) ${what}.`);
}

const requireMentor = (deps: Deps, group: GroupRow, member: MemberRow, isAdmin: boolean) => requireMentorOrAdmin(deps, group, member, isAdmin, 'keep saved replies');

export function snippetsOf(deps: Deps, group: GroupRow): Promise<SnippetRow[]> {
  return listSnippets(deps.db, group);
}

export async function addSnippet(deps: Deps, group: GroupRow, member: MemberRow, isAdmin: boolean, name: string, text: string): Promise<{ name: string; replaced: boolean }> {
  await requireMentor(deps, group, member, isAdmin);
  const key = name.trim().replace(/^:|:$/g, '').toLowerCase();
  if (!NAME.test(key)) throw new UserError('snippet.badName', `A snippet name is one short word (letters, digits, - or _), e.g. \`readme\` — got "${name.slice(0, 40)}".`);
  const body = text.trim();
  if (!body) throw new UserError('snippet.empty', `Give the text to save: \`/review snippet add ${key} <text>\`.`);
  if (body.length > MAX_SNIPPET_LENGTH) throw new UserError('snippet.tooLong', `That is ${body.length} characters; a saved reply holds at most ${MAX_SNIPPET_LENGTH}.`);
  const replaced = await saveSnippet(deps.db, group, { name: key, text: body, createdBy: member.id, createdAt: deps.clock.now().getTime() });
  return { name: key, replaced };
}

export async function removeSnippet(deps: Deps, group: GroupRow, member: MemberRow, isAdmin: boolean, name: string): Promise<void> {
  await requireMentor(deps, group, member, isAdmin);
  const key = name.trim().replace(/^:|:$/g, '').toLowerCase();
  if (!(await deleteSnippet(deps.db, group, key))) {
    throw new UserError('snippet.unknown', `There is no saved reply "${key.slice(0, 40)}" here. \`/review snippet list\` shows them.`);
  }
}

/** Expands every `:name:` that names one of the group's snippets. */
export async function expandSnippets(deps: Deps, group: GroupRow, text: string): Promise<string> {
  if (!/:[a-z0-9][a-z0-9_-]*:/i.test(text)) return text;
  const byName = new Map((await listSnippets(deps.db, group)).map((s) => [s.name, s.text]));
  return text.replace(/:([a-z0-9][a-z0-9_-]*):/gi, (whole, name: string) => byName.get(name.toLowerCase()) ?? whole);
}
