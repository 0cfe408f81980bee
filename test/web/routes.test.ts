// Who sees what on the dashboard, route by route: the right role gets in, the
// wrong role gets 403, another community's people (or ids) get 404, and a
// state change without the session's CSRF token gets 403 and changes nothing.
import { describe, expect, it } from 'vitest';
import { startWeb } from '../../src/web/server.tsx';
import { webHarness, type WebHarness } from './harness.ts';

const paths = (h: WebHarness) => {
  const g = `/c/${h.ids.community}/g/${h.ids.group}`;
  return { community: `/c/${h.ids.community}`, group: g, challenges: `${g}/challenges`, reviews: `${g}/reviews`, alice: `${g}/m/${h.ids.alice}`, csv: `${g}/export.csv` };
};

describe('dashboard routes', () => {
  it('sends a visitor without a session to sign-in, and a one-time link works once', async () => {
    const h = await webHarness();
    const res = await fetch(`${h.web.url}${paths(h).group}`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/signin');
    const link = h.web.signInLink({ platform: 'shell', userId: 'admin', name: 'admin', communities: [{ externalId: 'c1', admin: true }] });
    expect((await fetch(link, { redirect: 'manual' })).status).toBe(303);
    const again = await fetch(link, { redirect: 'manual' });
    expect(again.status).toBe(403);
    expect(await again.text()).toContain('already used');
  });

  it('community page: admins only; another community is not found', async () => {
    const h = await webHarness();
    const p = paths(h);
    const admin = await h.as('admin', { admin: true });
    const page = await admin.get(p.community);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('#study');
    expect((await (await h.as('maya')).get(p.community)).status).toBe(403);
    expect((await (await h.as('eve', { admin: true, externalId: 'c2' })).get(p.community)).status).toBe(404);
    expect((await admin.get(`/c/${h.ids.other}`)).status).toBe(404);
  });

  it('group page, challenges, queue and CSV: admins and the group’s mentors; not learners; not other communities', async () => {
    const h = await webHarness();
    const p = paths(h);
    const admin = await h.as('admin', { admin: true });
    const maya = await h.as('maya');
    const alice = await h.as('alice');
    const eve = await h.as('eve', { admin: true, externalId: 'c2' });
    for (const path of [p.group, p.challenges, p.reviews, p.csv]) {
      expect((await admin.get(path)).status, `admin ${path}`).toBe(200);
      expect((await maya.get(path)).status, `mentor ${path}`).toBe(200);
      expect((await alice.get(path)).status, `learner ${path}`).toBe(403);
      expect((await eve.get(path)).status, `other community ${path}`).toBe(404);
    }
    // A group id of another community under this community's id is not found either.
    expect((await admin.get(`/c/${h.ids.community}/g/${h.ids.otherGroup}`)).status).toBe(404);
    const group = await (await maya.get(p.group)).text();
    expect(group).toContain('alice');
    expect(group).toMatch(/Stage funnel/);
    const csv = await (await admin.get(p.csv)).text();
    expect(csv.split('\r\n')[0]).toBe('member,user_id,track,stage,topics_done,topics_total,percent,streak,last_active,at_risk');
    expect(csv).toContain('alice,alice,');
  });

  it('member page: the member themself, mentors and admins; not another learner', async () => {
    const h = await webHarness();
    const p = paths(h);
    const own = await (await h.as('alice')).get(p.alice);
    expect(own.status).toBe(200);
    const text = await own.text();
    expect(text).toContain('basics-project');
    expect(text).toContain('waiting for review');
    expect((await (await h.as('maya')).get(p.alice)).status).toBe(200);
    expect((await (await h.as('admin', { admin: true })).get(p.alice)).status).toBe(200);
    expect((await (await h.as('bob')).get(p.alice)).status).toBe(403);
    expect((await (await h.as('eve', { admin: true, externalId: 'c2' })).get(p.alice)).status).toBe(404);
  });

  it('settings: an admin changes the post time through /group setup’s rules; a mentor cannot; no CSRF token changes nothing', async () => {
    const h = await webHarness();
    const p = paths(h);
    const form = { timezone: 'Europe/Berlin', postTime: '07:30', reminderTime: '20:00', reviewChannel: '' };
    const admin = await h.as('admin', { admin: true });
    expect((await admin.post(`${p.group}/settings`, form, { csrf: false })).status).toBe(403);
    expect((await (await h.as('maya')).post(`${p.group}/settings`, form)).status).toBe(403);
    expect((await (await h.as('eve', { admin: true, externalId: 'c2' })).post(`${p.group}/settings`, form)).status).toBe(404);
    expect((await h.chat.say('/group settings')).text).toContain('Daily post: 09:00');
    const saved = await admin.post(`${p.group}/settings`, form);
    expect(saved.status).toBe(303);
    expect((await h.chat.say('/group settings')).text).toContain('Daily post: 07:30');
    const bad = await admin.post(`${p.group}/settings`, { ...form, timezone: 'Mars/Olympus' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Mars/Olympus');
    // The cards and review settings of /group setup are on the page too, with its checks.
    const more = await admin.post(`${p.group}/settings`, { ...form, cards: 'off', theme: 'dark', claimMinutes: '45', reviewNudge: '12', reviewEscalate: '48' });
    expect(more.status).toBe(303);
    const settings = (await h.chat.say('/group settings')).text;
    expect(settings).toContain('Picture cards: off (text only)');
    expect(settings).toContain('Claims last: 45 min');
    expect(settings).toContain('mentors nudged after 12 h, admins told after 48 h');
    const tooShort = await admin.post(`${p.group}/settings`, { ...form, claimMinutes: '1' });
    expect(tooShort.status).toBe(400);
    expect(await tooShort.text()).toContain('claim-minutes must be a whole number of minutes from 5 to 1440');
  });

  it('mentors: an admin adds one; others cannot', async () => {
    const h = await webHarness();
    const p = paths(h);
    const form = { action: 'add', memberId: String(h.ids.bob) };
    expect((await (await h.as('maya')).post(`${p.group}/mentors`, form)).status).toBe(403);
    const admin = await h.as('admin', { admin: true });
    expect((await admin.post(`${p.group}/mentors`, form, { csrf: false })).status).toBe(403);
    expect((await admin.post(`${p.group}/mentors`, form)).status).toBe(303);
    expect((await h.chat.say('/group settings')).text).toMatch(/Mentors: .*bob/);
  });

  it('review decision: a mentor approves and it is posted into the review thread; others are refused', async () => {
    const h = await webHarness();
    const p = paths(h);
    const url = `${p.reviews}/1`;
    expect((await (await h.as('alice')).post(url, { decision: 'approve' })).status).toBe(403);
    expect((await (await h.as('eve', { admin: true, externalId: 'c2' })).post(url, { decision: 'approve' })).status).toBe(404);
    const maya = await h.as('maya');
    expect((await maya.post(url, { decision: 'approve' }, { csrf: false })).status).toBe(403);
    const noFeedback = await maya.post(url, { decision: 'changes', feedback: '' }, { htmx: true });
    expect(await noFeedback.text()).toContain('Say what to change');
    const done = await maya.post(url, { decision: 'approve', feedback: 'Nice' }, { htmx: true });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('#1 approved (+');
    expect(h.delivered).toHaveLength(1);
    expect(h.delivered[0]!.to).toEqual({ communityId: 'c1', channelId: 'study' });
    expect(h.delivered[0]!.reply.text).toContain('approved by maya');
    expect(h.delivered[0]!.reply.thread?.key).toBeTruthy();
    expect((await h.chat.say('@maya /review queue')).text).toContain('Nothing waiting');
  });

  it('review claim: a mentor claims on the page, chat shows who holds it, and another mentor cannot decide meanwhile', async () => {
    const h = await webHarness();
    const p = paths(h);
    const url = `${p.reviews}/1`;
    await h.chat.say('/group mentor add @bob');
    const maya = await h.as('maya');
    expect(await (await maya.get(p.reviews)).text()).toContain('Unclaimed');
    const claimed = await maya.post(url, { decision: 'claim' }, { htmx: true });
    expect(await claimed.text()).toContain('claimed by maya, 30 min left');
    expect((await h.chat.say('@bob /review queue')).text).toContain('claimed by maya');
    const bob = await h.as('bob');
    const refused = await bob.post(url, { decision: 'approve', feedback: 'ok' }, { htmx: true });
    expect(await refused.text()).toMatch(/claimed by maya/);
    expect(h.delivered).toHaveLength(0);
    // The holder decides, and the claim ends with the decision.
    expect(await (await maya.post(url, { decision: 'approve' }, { htmx: true })).text()).toContain('#1 approved');
  });

  it('sign-out needs the CSRF token, and ends the session', async () => {
    const h = await webHarness();
    const admin = await h.as('admin', { admin: true });
    expect((await admin.post('/signout', {}, { csrf: false })).status).toBe(403);
    expect((await admin.post('/signout', {})).status).toBe(303);
    expect((await admin.get(paths(h).group)).status).toBe(302);
  });

  it('rate-limits sign-in attempts per address', async () => {
    const h = await webHarness({ signInPerMinute: 3 });
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await fetch(`${h.web.url}/signin/link?token=nope${i}`)).status);
    expect(codes).toEqual([403, 403, 403, 429, 429]);
  });
});

describe('starting the dashboard', () => {
  it('names WEB_PORT when the port is taken', async () => {
    const h = await webHarness();
    const port = Number(new URL(h.web.url).port);
    await expect(startWeb({ rt: h.chat.app, host: '127.0.0.1', port, platforms: [] })).rejects.toThrow(/port is in use\. Set WEB_PORT to a free port/);
  });
});
