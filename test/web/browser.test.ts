// The dashboard in a real browser: playwright-core driving Debian's Chromium
// against the real server, with the real Discord bot logged in to the fake
// Discord and sign-in through the fake OAuth provider. Screenshots of every
// page, at desktop and phone widths, go to test-output/web/ (gitignored).
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWeb } from '../../src/web/server.tsx';
import { FakeOAuth, MANAGE_GUILD } from '../fakes/oauth.ts';
import { onCleanup } from '../helpers/app.ts';
import { textOf } from '../platforms/discord/harness.ts';
import { studyServer } from '../platforms/discord/seed.ts';

const CHROMIUM = '/usr/bin/chromium';
const OUT = 'test-output/web';
const haveChromium = existsSync(CHROMIUM);
// Locally a missing Chromium skips these (saying how to get it); CI must run them.
if (!haveChromium && process.env.CI) throw new Error(`Browser tests need Chromium at ${CHROMIUM} under CI: apt-get install -y chromium (.ci/run does this).`);
if (!haveChromium) console.warn(`Browser tests skipped: no Chromium at ${CHROMIUM}. Install it with \`apt-get install -y chromium\` to run them.`);

const SIZES = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;

describe.skipIf(!haveChromium)('the dashboard in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
  });
  afterAll(async () => browser?.close());

  async function world() {
    const s = await studyServer();
    const at = { channel: 'study' };
    await s.command('bob', '/roadmap start', {}, at);
    await s.command('carol', '/roadmap start', {}, at);
    await s.command('bob', '/roadmap done', { topic: 'http' }, at);
    await s.command('bob', '/challenge submit', { work: 'https://github.com/bob/v1', task: 'basics-project' }, at);
    const oauth = await FakeOAuth.start();
    onCleanup(() => oauth.close());
    const web = await startWeb({
      rt: s.app,
      host: '127.0.0.1',
      port: 0,
      platforms: [s.bot],
      discord: { clientId: oauth.client.id, clientSecret: oauth.client.secret, apiUrl: oauth.discordApiUrl },
    });
    onCleanup(() => web.stop());
    const guild = s.fake.guild.id;
    const signIn = async (name: string, admin: boolean, size: keyof typeof SIZES = 'desktop'): Promise<Page> => {
      oauth.signInAsDiscord({ id: s.id(name), username: name, guilds: [{ id: guild, permissions: admin ? MANAGE_GUILD : '0' }] });
      const page = await (await browser.newContext({ viewport: SIZES[size] })).newPage();
      await page.goto(`${web.url}/signin`);
      await page.getByRole('link', { name: 'Sign in with Discord' }).click();
      await page.waitForURL(`${web.url}/`);
      return page;
    };
    return { s, web, signIn, at };
  }

  /** Both widths of the page at `path`, as `name`. */
  async function shoot(signIn: (size: keyof typeof SIZES) => Promise<Page>, url: string, name: string) {
    for (const size of Object.keys(SIZES) as (keyof typeof SIZES)[]) {
      const page = await signIn(size);
      await page.goto(url);
      await page.screenshot({ path: `${OUT}/${name}-${size}.png`, fullPage: true });
      await page.context().close();
    }
  }

  it('signs a mentor in with Discord; approving from the queue posts in the submission’s Discord thread', async () => {
    const { s, web, signIn } = await world();
    const page = await signIn('maya', false);
    await expect.poll(() => page.getByRole('heading', { name: 'Your communities' }).isVisible()).toBe(true);
    await page.screenshot({ path: `${OUT}/home-desktop.png`, fullPage: true });
    await page.getByRole('link', { name: 'review queue' }).click();
    await expect.poll(() => page.getByRole('heading', { name: /Review queue · 1 waiting/ }).isVisible()).toBe(true);
    await shoot((size) => signIn('maya', false, size), page.url(), 'reviews');
    await page.getByLabel(/Feedback for Bob/).fill('Clean and clear — well done.');
    await page.getByRole('button', { name: 'Approve' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('#1 approved');
    const thread = s.fake.guild.threads.find((t) => t.name === 'Review · basics-project · Bob')!;
    const inThread = s.fake.messagesIn(thread.id).map(textOf).join('\n');
    expect(inThread).toContain('was approved by Maya');
    expect(inThread).toContain('Clean and clear — well done.');
    expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
  });

  it('an admin changes the post time on the group page, and /group settings reports it', async () => {
    const { s, signIn, at } = await world();
    const page = await signIn('alice', true);
    await page.getByRole('link', { name: /Discord server/ }).click();
    await shoot((size) => signIn('alice', true, size), page.url(), 'community');
    await page.getByRole('link', { name: '#' + s.channel.id }).click();
    const groupUrl = page.url();
    await page.getByLabel('Daily post time').fill('07:45');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Settings saved.');
    const settings = await s.command('alice', '/group settings', {}, at);
    expect(settings.text).toContain('Daily post: 07:45');
    // Sorting and filtering work without JavaScript: links and a GET form.
    await page.getByRole('link', { name: /^Progress/ }).click();
    await page.getByRole('link', { name: /^Progress/ }).click();
    const first = await page.locator('#members ~ .scroll tbody tr th').first().textContent();
    expect(first).toBe('Bob');
    await shoot((size) => signIn('alice', true, size), groupUrl, 'group');
    await shoot((size) => signIn('alice', true, size), `${groupUrl}/challenges`, 'challenges');
  });

  it('renders a member’s page: path with done topics, submissions with feedback, points', async () => {
    const { s, signIn } = await world();
    const page = await signIn('bob', false);
    await page.getByRole('link', { name: 'your path' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toContain('Bob');
    const text = await page.locator('main').textContent();
    expect(text).toContain('basics-project');
    expect(text).toContain('waiting for review');
    expect(text).toContain('topic done');
    expect(text).toContain('1 active days in the last year');
    await shoot((size) => signIn('bob', false, size), page.url(), 'member');
    // Another learner's page is not theirs to see.
    const carol = await s.app.count(`SELECT id FROM members WHERE user_id = '${s.id('carol')}'`);
    const other = await page.goto(page.url().replace(/\/m\/\d+$/, `/m/${carol}`));
    expect(other?.status()).toBe(403);
  });
});
