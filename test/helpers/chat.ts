// Conversation-style tests: people type commands in a channel, and the test
// reads what Cohort answers, as text, the way the shell shows it.
import { runText } from '../../src/commands/dispatch.ts';
import { drawPicture } from '../../src/commands/pictures.ts';
import type { Picture, Reply } from '../../src/commands/types.ts';
import type { Platform } from '../../src/db/types.ts';
import { toPlain } from '../../src/platforms/shell/render.ts';
import { testApp, type TestApp } from './app.ts';

/** A reply as a platform ends up showing it: its card, if drawn after the answer, drawn. */
export type ShownReply = Omit<Reply, 'image'> & { image?: Picture };

export interface Said {
  replies: ShownReply[];
  /** Every reply's title, text, fields and footer as plain text. */
  text: string;
  /** The first reply. */
  reply: ShownReply;
  public: boolean;
  error: boolean;
}

export function flatten(r: Pick<Reply, 'title' | 'text' | 'fields' | 'footer'>): string {
  return toPlain(
    [r.title, r.text, ...(r.fields ?? []).map((f) => `${f.name}: ${f.value}`), r.footer].filter((x) => x !== undefined).join('\n'),
  );
}

export interface Chat {
  app: TestApp;
  /** `say('@alice /roadmap start')`; a line without `@name` is said by the admin `admin`. */
  say(line: string, where?: { channel?: string }): Promise<Said>;
}

export interface ChatOptions {
  now?: string;
  roadmapsDir?: string;
  platform?: Platform;
  community?: string;
  admins?: string[];
  app?: TestApp;
}

export async function chat(opts: ChatOptions = {}): Promise<Chat> {
  const app = opts.app ?? (await testApp(opts));
  const admins = new Set(opts.admins ?? ['admin']);
  return {
    app,
    async say(line, where = {}) {
      const m = /^@([\w.-]+)\s+(.*)$/s.exec(line);
      const user = m ? m[1]! : 'admin';
      const answered = await runText(
        app,
        {
          platform: opts.platform ?? 'shell',
          communityId: opts.community ?? 'c1',
          channelId: where.channel ?? 'study',
          user: { id: user, name: user, isAdmin: admins.has(user) },
        },
        m ? m[2]! : line,
      );
      const replies: ShownReply[] = [];
      // An answer whose writes could not be saved is shown as its correction, as Discord edits it into one.
      for (const r of answered) {
        const shown = (await r.correction) ?? r;
        replies.push({ ...shown, image: await drawPicture(shown.image) });
      }
      return {
        replies,
        reply: replies[0]!,
        text: replies.map(flatten).join('\n---\n'),
        public: replies[0]!.visibility === 'public',
        error: replies[0]!.tone === 'error',
      };
    },
  };
}

/** A chat whose #study group follows `roadmap` (default: the mini fixture) in `timezone`. */
export async function groupChat(opts: ChatOptions & { timezone?: string; roadmap?: string } = {}): Promise<Chat> {
  const c = await chat(opts);
  const setup = await c.say(`/group setup roadmap:${opts.roadmap ?? 'mini'} timezone:${opts.timezone ?? 'Europe/Berlin'}`);
  if (setup.error) throw new Error(setup.text);
  return c;
}
