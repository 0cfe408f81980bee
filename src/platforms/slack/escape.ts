// Slack's message format in both directions.
//
// In: slash commands are declared with should_escape, so Slack sends mentions,
// channels and links as <@U…|name>, <#C…|name>, <https://…|label>, special
// mentions as <!channel> and the rest with &, < and > escaped. We turn that
// into the plain text the shared parser reads.
//
// Out: everything in a reply is escaped except the bot's own user and channel
// refs, so text a member typed — "<!channel>", "<!here>", "<!subteam^…>" —
// shows as text and never notifies anyone.

/** The only Slack control sequences a reply may carry: a user or a channel, by id. */
const KEPT_REF = /<(@[UWB][A-Z0-9]+|#[CGD][A-Z0-9]+)(?:\|[^<>]*)?>/g;

/** Escapes &, < and > for Slack, keeping <@U…> and <#C…> refs live (without their labels). */
export function escapeText(text: string): string {
  let out = '';
  let at = 0;
  for (const m of text.matchAll(KEPT_REF)) {
    out += escapeRun(text.slice(at, m.index)) + `<${m[1]}>`;
    at = m.index + m[0].length;
  }
  return out + escapeRun(text.slice(at));
}

// A ">" that opens a line is a quote in mrkdwn and stays; with every "<"
// escaped, no other ">" can close a control sequence, but Slack asks for them escaped.
const escapeRun = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/(?<!^|\n)>/g, '&gt;');

/** Slack's escaped command text → plain text for the command parser. */
export function fromSlackText(text: string): string {
  return (
    text
      .replace(/<([^<>]*)>/g, (_, inner: string) => {
        const [target = '', label] = inner.split('|', 2);
        // Users by id only: the command layer looks up their display name.
        if (target.startsWith('@')) return `<${target}>`;
        if (target.startsWith('#')) return `<${inner}>`;
        // <!channel>, <!here|here>, <!subteam^S1|@devs>, <!date^…|fallback>: inert text from here on.
        if (target.startsWith('!')) {
          const name = target.slice(1).split('^')[0]!;
          return ['channel', 'here', 'everyone'].includes(name) ? `@${name}` : (label ?? `@${name}`);
        }
        return /^https?:/.test(target) ? target : (label ?? target);
      })
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
  );
}
