// A dashboard for tests: the real web server on 127.0.0.1 (a free port) over a
// test app, a seeded group, and browsers-by-fetch that keep their own cookies.
import type { Reply } from '../../src/commands/types.ts';
import type { Platform } from '../../src/db/types.ts';
import type { Identity } from '../../src/web/session.ts';
import { startWeb, type RunningWeb, type WebOptions } from '../../src/web/server.tsx';
import { chat as chatIn, groupChat, type Chat } from '../helpers/chat.ts';
import { onCleanup } from '../helpers/app.ts';

export interface Delivered {
  platform: Platform;
  to: { communityId: string; channelId: string };
  reply: Reply;
}

export interface WebHarness {
  chat: Chat;
  web: RunningWeb;
  delivered: Delivered[];
  ids: { community: number; other: number; group: number; otherGroup: number; alice: number; maya: number; bob: number };
  /** A client signed in (through a one-time link) as `userId` of community `externalId`. */
  as(userId: string, opts?: { admin?: boolean; externalId?: string }): Promise<Client>;
}

export interface Client {
  get(path: string): Promise<Response>;
  post(path: string, form: Record<string, string>, opts?: { csrf?: boolean; htmx?: boolean }): Promise<Response>;
  csrf: string;
}

/**
 * Community c1 (shell platform) with #study (mini roadmap): admin `admin`,
 * mentor `maya`, learners `alice` (one task waiting for review) and `bob`.
 * Community c2 has its own group and admin `eve`.
 */
export async function webHarness(extra: Partial<WebOptions> = {}): Promise<WebHarness> {
  const chat = await groupChat();
  await chat.say('/group mentor add @maya');
  await chat.say('@alice /roadmap start');
  await chat.say('@bob /roadmap start');
  await chat.say('@alice /roadmap done http');
  await chat.say('@alice /challenge submit task:basics-project https://github.com/alice/v1');
  const { app } = chat;
  const other = await chatIn({ app, community: 'c2', admins: ['eve'] });
  await other.say('@eve /group setup roadmap:mini');
  const delivered: Delivered[] = [];
  const web = await startWeb({
    rt: app,
    host: '127.0.0.1',
    port: 0,
    platforms: [{ name: 'shell', deliver: async (to, reply) => void delivered.push({ platform: 'shell', to, reply }) }],
    ...extra,
  });
  onCleanup(() => web.stop());
  const one = async (sql: string) => app.count(sql);
  const community = await one("SELECT id FROM communities WHERE external_id = 'c1'");
  const otherCommunity = await one("SELECT id FROM communities WHERE external_id = 'c2'");
  const ids = {
    community,
    other: otherCommunity,
    group: await one(`SELECT id FROM groups WHERE community_id = ${community} AND channel_id = 'study'`),
    otherGroup: await one(`SELECT id FROM groups WHERE community_id = ${otherCommunity} AND channel_id = 'study'`),
    alice: await one(`SELECT id FROM members WHERE community_id = ${community} AND user_id = 'alice'`),
    maya: await one(`SELECT id FROM members WHERE community_id = ${community} AND user_id = 'maya'`),
    bob: await one(`SELECT id FROM members WHERE community_id = ${community} AND user_id = 'bob'`),
  };
  return {
    chat,
    web,
    delivered,
    ids,
    as: async (userId, opts = {}) => signIn(web, { platform: 'shell', userId, name: userId, communities: [{ externalId: opts.externalId ?? 'c1', admin: opts.admin ?? false }] }),
  };
}

export async function signIn(web: RunningWeb, identity: Identity): Promise<Client> {
  const res = await fetch(web.signInLink(identity), { redirect: 'manual' });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const client: Client = {
    csrf: '',
    get: (path) => fetch(`${web.url}${path}`, { headers: { cookie }, redirect: 'manual' }),
    post: (path, form, opts = {}) =>
      fetch(`${web.url}${path}`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...(opts.htmx && { 'hx-request': 'true' }) },
        body: new URLSearchParams({ ...form, ...(opts.csrf !== false && { _csrf: client.csrf }) }),
        redirect: 'manual',
      }),
  };
  const home = await client.get('/');
  client.csrf = /name="_csrf" value="([^"]+)"/.exec(await home.text())?.[1] ?? '';
  return client;
}
