// Replies as plain text for a terminal: public replies prefixed with the
// channel, only-you replies with who sees them, buttons shown as the command
// they would run.
import type { Reply } from '../../commands/types.ts';

export function toPlain(markdown: string): string {
  return markdown
    .replace(/\*\*(.+?)\*\*/gs, '$1')
    .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, '$1 <$2>')
    .replace(/<@!?([\w.-]+)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<#([\w-]+)(?:\|[^>]*)?>/g, '#$1');
}

/** `picture`: where the reply's card was written, printed under its text. */
export function renderReply(reply: Reply, where: { channel: string; speaker: string }, picture?: string): string {
  const lines: string[] = [];
  if (reply.title) lines.push(toPlain(reply.title).toUpperCase());
  if (reply.text) lines.push(...toPlain(reply.text).split('\n'));
  for (const f of reply.fields ?? []) lines.push(`${toPlain(f.name)}: ${toPlain(f.value).replace(/\n/g, '\n  ')}`);
  if (reply.footer) lines.push(`(${toPlain(reply.footer)})`);
  if (picture) lines.push(`[picture: ${picture}]`);
  if (reply.buttons?.length) lines.push(reply.buttons.map((b) => `[${b.label}: ${b.command}${b.ask ? ' <text>' : ''}]`).join(' '));
  // The shell keeps no posts to edit: an edit is shown as the post's new state.
  if (reply.edit) lines.unshift('(post updated)');
  const prefix = reply.directTo
    ? `only ${reply.directTo} (DM) | `
    : reply.visibility === 'public'
      ? `#${reply.channelId ?? where.channel} | `
      : `only ${where.speaker} | `;
  return lines.flatMap((l) => l.split('\n')).map((l) => `${prefix}${l}`).join('\n');
}
