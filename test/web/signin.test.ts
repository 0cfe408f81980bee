// Signing in to the dashboard with Discord (OAuth2 + PKCE) and Slack (OpenID
// Connect) against a fake provider on 127.0.0.1, following the redirects the
// way a browser would (cookies included).
import { afterEach, describe, expect, it } from 'vitest';
import { startWeb, type WebOptions } from '../../src/web/server.tsx';
import { onCleanup } from '../helpers/app.ts';
import { groupChat } from '../helpers/chat.ts';
import { FakeOAuth, MANAGE_GUILD } from '../fakes/oauth.ts';

const GUILD = '111111111111111111';
const USER = '222222222222222222';
let fake: FakeOAuth | undefined;
afterEach(async () => fake?.close());

/** A browser: follows redirects by hand, keeping cookies per name. */
function browser() {
  const jar = new Map<string, string>();
  const go = async (url: string, hops = 6): Promise<{ res: Response; url: string }> => {
    const res = await fetch(url, { headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') }, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, v] = pair!.split('=');
      if (/Max-Age=0/i.test(c) || v === '') jar.delete(k!);
      else jar.set(k!, v!);
    }
    const location = res.headers.get('location');
    if (location && hops > 0 && res.status >= 300 && res.status < 400) return go(new URL(location, url).toString(), hops - 1);
    return { res, url };
  };
  return { go, jar };
}

async function setup(extra: Partial<WebOptions> = {}) {
  fake = await FakeOAuth.start();
  const chat = await groupChat({ platform: 'discord', community: GUILD });
  await chat.say(`@${USER} /roadmap start`);
  const web = await startWeb({
    rt: chat.app,
    host: '127.0.0.1',
    port: 0,
    platforms: [],
    discord: { clientId: fake.client.id, clientSecret: fake.client.secret, apiUrl: fake.discordApiUrl },
    ...extra,
  });
  onCleanup(() => web.stop());
  const communityId = await chat.app.count(`SELECT id FROM communities WHERE external_id = '${GUILD}'`);
  return { chat, web, communityId, fake };
}

describe('sign in with Discord', () => {
  it('runs the code flow with PKCE and lands on the communities the guild list names; Manage Server makes an admin', async () => {
    const { web, communityId, fake } = await setup();
    fake.signInAsDiscord({ id: USER, username: 'ada', guilds: [{ id: GUILD, permissions: MANAGE_GUILD }, { id: '999999999999999999', permissions: '0' }] });
    const b = browser();
    const { res, url } = await b.go(`${web.url}/auth/discord`);
    expect(url).toBe(`${web.url}/`);
    expect(res.status).toBe(200);
    const home = await res.text();
    expect(home).toContain(`Discord server ${GUILD}`);
    expect(home).toContain('You are an admin here.');
    expect(b.jar.has('cohort_session')).toBe(true);
    expect((await b.go(`${web.url}/c/${communityId}`)).res.status).toBe(200);
    expect(fake.requests.map((r) => r.path)).toEqual(expect.arrayContaining(['/api/oauth2/authorize', '/api/oauth2/token', '/api/v10/users/@me', '/api/v10/users/@me/guilds']));
  });

  it('without Manage Server the community page is not allowed; a callback with no matching state is refused', async () => {
    const { web, communityId, fake } = await setup();
    fake.signInAsDiscord({ id: USER, username: 'ada', guilds: [{ id: GUILD, permissions: '0' }] });
    const b = browser();
    await b.go(`${web.url}/auth/discord`);
    expect((await b.go(`${web.url}/c/${communityId}`)).res.status).toBe(403);
    const forged = await browser().go(`${web.url}/auth/discord/callback?code=abc&state=xyz`);
    expect(forged.url).toContain('/signin?error=');
    expect(await forged.res.text()).toContain('did not complete');
  });

  it('re-reads the guild list when stale: rights taken away on Discord are gone on the next request', async () => {
    const { web, communityId, fake } = await setup({ recheckMs: 0 });
    const user = { id: USER, username: 'ada', guilds: [{ id: GUILD, permissions: MANAGE_GUILD }] };
    fake.signInAsDiscord(user);
    const b = browser();
    await b.go(`${web.url}/auth/discord`);
    expect((await b.go(`${web.url}/c/${communityId}`)).res.status).toBe(200);
    user.guilds[0]!.permissions = '0';
    expect((await b.go(`${web.url}/c/${communityId}`)).res.status).toBe(403);
    // A revoked token ends the session.
    fake.tokens.clear();
    expect((await b.go(`${web.url}/c/${communityId}`)).url).toBe(`${web.url}/signin`);
  });
});

describe('sign in with Slack', () => {
  it('verifies the signed ID token (state, nonce, PKCE) and asks the Slack platform who is admin', async () => {
    fake = await FakeOAuth.start({ id: '1234567890.1234567890', secret: '0123456789abcdef0123456789abcdef' });
    const chat = await groupChat({ platform: 'slack', community: 'T0001' });
    await chat.say('@U0ADMIN /roadmap start');
    const web = await startWeb({
      rt: chat.app,
      host: '127.0.0.1',
      port: 0,
      slack: { clientId: fake.client.id, clientSecret: fake.client.secret, issuer: fake.url },
      platforms: [{ name: 'slack', isAdmin: async ({ userId }) => userId === 'U0ADMIN' }],
    });
    onCleanup(() => web.stop());
    const communityId = await chat.app.count("SELECT id FROM communities WHERE external_id = 'T0001'");
    fake.signInAsSlack({ teamId: 'T0001', userId: 'U0ADMIN', name: 'Grace' });
    const admin = browser();
    const { res } = await admin.go(`${web.url}/auth/slack`);
    expect(await res.text()).toContain('Slack workspace T0001');
    expect((await admin.go(`${web.url}/c/${communityId}`)).res.status).toBe(200);
    fake.signInAsSlack({ teamId: 'T0001', userId: 'U0PLAIN', name: 'Pat' });
    const plain = browser();
    await plain.go(`${web.url}/auth/slack`);
    expect((await plain.go(`${web.url}/c/${communityId}`)).res.status).toBe(403);
    // Another workspace's user sees nothing of this one.
    fake.signInAsSlack({ teamId: 'T0OTHER', userId: 'U0ADMIN', name: 'Mallory' });
    const other = browser();
    await other.go(`${web.url}/auth/slack`);
    expect((await other.go(`${web.url}/c/${communityId}`)).res.status).toBe(404);
  });
});
