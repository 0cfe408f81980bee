// The web dashboard: Hono on @hono/node-server, in the bot's process (same
// store, same domain functions). Pages are rendered here with hono/jsx and
// readable without JavaScript; htmx (served from node_modules, no CDN) only
// makes the review buttons act in place. Off unless WEB_PORT is set, or the
// shell's `:web` asks for it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono, type Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { HTTPException } from 'hono/http-exception';
import type { Runtime } from '../commands/dispatch.ts';
import { decisionReply } from '../commands/review.ts';
import type { Reply } from '../commands/types.ts';
import { findMember } from '../db/queries/communities.ts';
import { communitiesByExternalIds, enrolledGroups, groupsOf } from '../db/queries/dashboard.ts';
import { findSubmission, pendingSubmissions } from '../db/queries/submissions.ts';
import type { Platform } from '../db/types.ts';
import { challengeStats, communityOverview, groupOverview, memberView, progressCsv } from '../domain/dashboard.ts';
import { UserError } from '../domain/errors.ts';
import { addMentor, mentoredGroups, mentorsOf, removeMentor, setupGroup } from '../domain/groups.ts';
import { claim } from '../domain/claims.ts';
import { decide, reviewQueue } from '../domain/reviews.ts';
import { allZones } from '../domain/time.ts';
import { communityScope, forbidden, groupScope, idParam, notFound, requireAdmin, requireStaff } from './access.ts';
import { ChallengesPage } from './pages/challenges.tsx';
import { CommunityPage } from './pages/community.tsx';
import { GroupPage, readMembersQuery } from './pages/group.tsx';
import { ErrorPage, HomePage, SignInPage, type HomeEntry } from './pages/home.tsx';
import { MemberPage } from './pages/member.tsx';
import { groupNav } from './pages/names.ts';
import { DecidedItem, ReviewItem, ReviewsPage } from './pages/reviews.tsx';
import { RateLimit } from './rate-limit.ts';
import { COOKIE, RECHECK_MS, SESSION_MS, Sessions, sameText, type Identity, type Session } from './session.ts';
import { discordSignIn, type DiscordSignInConfig } from './signin-discord.ts';
import { slackSignIn, type SlackSignInConfig } from './signin-slack.ts';
import { CSS } from './style.ts';

/** What the dashboard needs from a running chat platform (see RunningPlatform). */
export interface WebPlatform {
  /** discord, slack or shell: the platform of the communities it serves. */
  readonly name: string;
  deliver?(to: { communityId: string; channelId: string }, reply: Reply): Promise<void>;
  isAdmin?(to: { communityId: string; userId: string }): Promise<boolean>;
}

export interface WebOptions {
  rt: Runtime;
  host: string;
  /** 0: any free port. */
  port: number;
  publicUrl?: string | undefined;
  sessionSecret?: string | undefined;
  discord?: DiscordSignInConfig | undefined;
  slack?: SlackSignInConfig | undefined;
  platforms: readonly WebPlatform[];
  /** How long a Discord guild list is trusted before it is read again (default 10 minutes). */
  recheckMs?: number;
  /** Sign-in attempts allowed per client address per minute. */
  signInPerMinute?: number;
}

export interface RunningWeb {
  url: string;
  /** A one-time sign-in link for `identity`, valid 10 minutes. */
  signInLink(identity: Identity): string;
  stop(): Promise<void>;
}

type Env = { Variables: { session: Session | undefined } };

const require = createRequire(import.meta.url);
const HTMX = readFileSync(require.resolve('htmx.org/dist/htmx.min.js'), 'utf8');

export async function startWeb(opts: WebOptions): Promise<RunningWeb> {
  let base = opts.publicUrl;
  const app = buildWebApp(opts, () => base!);
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, hostname: opts.host, port: opts.port }, () => resolve(s));
    s.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`The dashboard cannot listen on ${opts.host}:${opts.port}: the port is in use. Set WEB_PORT to a free port, or stop what uses it.`, { cause: err }) : err),
    );
  });
  const { port } = server.address() as AddressInfo;
  base ??= `http://${opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host}:${port}`;
  opts.rt.log.info({ url: base }, 'web dashboard listening');
  return {
    url: base,
    signInLink: (identity) => `${base}/signin/link?token=${app.sessions.link(identity)}`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function buildWebApp(opts: WebOptions, baseUrl: () => string) {
  const { deps, log } = opts.rt;
  const sessions = new Sessions(opts.sessionSecret);
  const limit = new RateLimit(opts.signInPerMinute ?? 20, 60_000);
  const pending = new Map<string, { verifier: string; nonce?: string; until: number }>();
  const discord = opts.discord ? discordSignIn(opts.discord) : undefined;
  const slack = opts.slack ? slackSignIn(opts.slack) : undefined;
  const platform = (name: Platform) => opts.platforms.find((p) => p.name === name);
  const secure = () => baseUrl().startsWith('https:');

  const app = new Hono<Env>();

  app.use('*', async (c, next) => {
    await next();
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'same-origin');
    c.header('X-Frame-Options', 'DENY');
    c.header('Content-Security-Policy', "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self' " + [opts.discord?.apiUrl, opts.slack?.issuer].filter(Boolean).join(' '));
  });

  // The session, when the cookie names a live one; Discord admin rights are read again once stale.
  app.use('*', async (c, next) => {
    const session = sessions.fromCookie(getCookie(c, COOKIE));
    if (session?.recheck && Date.now() - session.checkedAt >= (opts.recheckMs ?? RECHECK_MS)) {
      try {
        session.identity.communities = await session.recheck();
        session.checkedAt = Date.now();
      } catch (err) {
        // The token was revoked or expired: sign in again rather than trust old rights.
        log.info({ err }, 'web: could not re-read a session’s guilds; ending it');
        sessions.end(session);
        c.set('session', undefined);
        return next();
      }
    }
    c.set('session', session);
    return next();
  });

  // Every state change carries the session's CSRF token (a form field, or htmx's header).
  app.use('*', async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const session = c.get('session');
    const type = c.req.header('content-type') ?? '';
    const form = /form/.test(type) ? await c.req.parseBody() : {};
    const sent = c.req.header('x-csrf-token') ?? (typeof form._csrf === 'string' ? form._csrf : '');
    if (!session || !sent || !sameText(sent, session.csrf)) throw forbidden('This form has expired or did not come from this dashboard. Reload the page and try again.');
    return next();
  });

  app.onError((err, c) => {
    // Not signed in: reading pages starts at sign-in.
    if (err instanceof HTTPException && err.status === 401) return c.redirect('/signin', 302);
    if (err instanceof HTTPException) return c.html(<ErrorPage status={err.status} message={err.message} session={c.get('session')} />, err.status);
    if (err instanceof UserError) return c.html(<ErrorPage status={400} message={err.message} session={c.get('session')} />, 400);
    log.error({ err, path: c.req.path }, 'web: a request failed');
    return c.html(<ErrorPage status={500} message="Sorry — something went wrong on our side, and nothing was changed." session={c.get('session')} />, 500);
  });
  app.notFound((c) => c.html(<ErrorPage status={404} message="There is no such page." session={c.get('session')} />, 404));

  app.get('/static/htmx.min.js', (c) => c.body(HTMX, 200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'public, max-age=86400' }));
  app.get('/static/app.css', (c) => c.body(CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }));

  const signedIn = (c: Context<Env>): Session => {
    const session = c.get('session');
    if (!session) throw new HTTPException(401, { message: 'Sign in first.' });
    return session;
  };
  const startSession = (c: Context<Env>, identity: Identity, recheck?: Session['recheck']) => {
    const session = sessions.create(identity, recheck);
    setCookie(c, COOKIE, sessions.cookieValue(session), { httpOnly: true, sameSite: 'Lax', secure: secure(), path: '/', maxAge: SESSION_MS / 1000 });
    return c.redirect('/', 303);
  };
  const rateLimited = (c: Context<Env>) => {
    const address = getConnInfo(c).remote.address ?? 'unknown';
    if (!limit.take(address)) throw new HTTPException(429, { message: 'Too many sign-in attempts from your address. Wait a minute and try again.' });
  };

  // ── Sign-in ─────────────────────────────────────────────────────────────
  app.get('/signin', (c) => c.html(<SignInPage discord={Boolean(discord)} slack={Boolean(slack)} error={c.req.query('error')} />));
  app.get('/signin/link', (c) => {
    rateLimited(c);
    const identity = sessions.spendLink(c.req.query('token') ?? '');
    if (!identity) return c.html(<SignInPage discord={Boolean(discord)} slack={Boolean(slack)} error="That sign-in link was already used or is more than 10 minutes old. Type :web in the shell for a new one." />, 403);
    return startSession(c, identity);
  });
  app.post('/signout', (c) => {
    const session = c.get('session');
    if (session) sessions.end(session);
    deleteCookie(c, COOKIE, { path: '/' });
    return c.redirect('/signin', 303);
  });

  const remember = (c: Context<Env>, state: string, entry: { verifier: string; nonce?: string }) => {
    const now = Date.now();
    for (const [k, v] of pending) if (v.until <= now) pending.delete(k);
    pending.set(state, { ...entry, until: now + 600_000 });
    // Binds the flow to this browser: the callback must come back with the cookie that started it.
    setCookie(c, 'cohort_oauth', state, { httpOnly: true, sameSite: 'Lax', secure: secure(), path: '/auth', maxAge: 600 });
  };
  const recall = (c: Context<Env>) => {
    const state = c.req.query('state') ?? '';
    const cookie = getCookie(c, 'cohort_oauth') ?? '';
    const entry = pending.get(state);
    pending.delete(state);
    deleteCookie(c, 'cohort_oauth', { path: '/auth' });
    if (!entry || !cookie || !sameText(cookie, state) || entry.until <= Date.now()) return undefined;
    return entry;
  };
  const failed = (c: Context<Env>, why: string) => c.redirect(`/signin?error=${encodeURIComponent(why)}`, 303);

  app.get('/auth/discord', (c) => {
    if (!discord) throw notFound();
    rateLimited(c);
    const started = discord.start(`${baseUrl()}/auth/discord/callback`);
    remember(c, started.state, { verifier: started.verifier });
    return c.redirect(started.url.toString(), 302);
  });
  app.get('/auth/discord/callback', async (c) => {
    if (!discord) throw notFound();
    rateLimited(c);
    const entry = recall(c);
    const code = c.req.query('code');
    if (!entry || !code) return failed(c, 'Sign-in with Discord did not complete (it was cancelled, or took too long). Try again.');
    try {
      const { identity, recheck } = await discord.finish(code, entry.verifier, `${baseUrl()}/auth/discord/callback`);
      return startSession(c, identity, recheck);
    } catch (err) {
      log.warn({ err }, 'web: Discord sign-in failed');
      return failed(c, 'Discord did not confirm who you are. Try again.');
    }
  });
  app.get('/auth/slack', async (c) => {
    if (!slack) throw notFound();
    rateLimited(c);
    const started = await slack.start(`${baseUrl()}/auth/slack/callback`);
    remember(c, started.state, { verifier: started.verifier, nonce: started.nonce });
    return c.redirect(started.url.toString(), 302);
  });
  app.get('/auth/slack/callback', async (c) => {
    if (!slack) throw notFound();
    rateLimited(c);
    const entry = recall(c);
    if (!entry?.nonce) return failed(c, 'Sign-in with Slack did not complete (it was cancelled, or took too long). Try again.');
    try {
      const who = await slack.finish(new URL(c.req.url, baseUrl()), `${baseUrl()}/auth/slack/callback`, { state: c.req.query('state')!, verifier: entry.verifier, nonce: entry.nonce });
      const admin = (await platform('slack')?.isAdmin?.({ communityId: who.teamId, userId: who.userId }).catch(() => false)) ?? false;
      return startSession(c, { platform: 'slack', userId: who.userId, name: who.name, communities: [{ externalId: who.teamId, admin }] });
    } catch (err) {
      log.warn({ err }, 'web: Slack sign-in failed');
      return failed(c, 'Slack did not confirm who you are. Try again.');
    }
  });

  // ── Pages ───────────────────────────────────────────────────────────────
  app.get('/', async (c) => {
    const session = signedIn(c);
    const { identity } = session;
    const entries: HomeEntry[] = [];
    for (const community of await communitiesByExternalIds(deps.db, identity.platform, identity.communities.map((m) => m.externalId))) {
      const scope = await communityScope(deps, session, String(community.id));
      const me = scope.me;
      const enrolled = me ? (await enrolledGroups(deps.db, community.id, me.id)).map((group) => ({ group, memberId: me.id })) : [];
      entries.push({ community, admin: scope.admin, mentored: me ? await mentoredGroups(deps, community.id, me.id) : [], enrolled });
    }
    return c.html(<HomePage session={session} entries={entries} />);
  });

  app.get('/c/:cid', async (c) => {
    const session = signedIn(c);
    const scope = await communityScope(deps, session, c.req.param('cid'));
    requireAdmin(scope);
    const groups = await communityOverview(deps, scope.community, await groupsOf(deps.db, scope.community.id));
    return c.html(<CommunityPage session={session} community={scope.community} groups={groups} />);
  });

  const group = async (c: Context<Env>) => {
    const session = signedIn(c);
    return { session, scope: await groupScope(deps, await communityScope(deps, session, c.req.param('cid')), c.req.param('gid')) };
  };
  const groupPage = async (c: Context<Env>, status: 200 | 400, message: { notice?: string; error?: string } = {}) => {
    const { session, scope } = await group(c);
    requireStaff(scope);
    const page = (
      <GroupPage
        session={session}
        communityId={scope.community.id}
        overview={await groupOverview(deps, scope.group)}
        mentors={await mentorsOf(deps, scope.group)}
        admin={scope.admin}
        mq={readMembersQuery((k) => c.req.query(k))}
        notice={message.notice ?? (c.req.query('saved') ? 'Settings saved.' : undefined)}
        error={message.error}
        zones={allZones()}
      />
    );
    return c.html(page, status);
  };
  app.get('/c/:cid/g/:gid', (c) => groupPage(c, 200));

  app.post('/c/:cid/g/:gid/settings', async (c) => {
    const { scope } = await group(c);
    requireAdmin(scope);
    const form = await c.req.parseBody();
    const field = (k: string) => (typeof form[k] === 'string' ? form[k].trim() : undefined);
    const review = field('reviewChannel');
    try {
      // The same function as `/group setup`, so the same checks and the same effects (paused posts resume).
      await setupGroup(deps, scope.community.id, scope.group.channelId, {
        timezone: field('timezone') || undefined,
        postTime: field('postTime') || undefined,
        reminderTime: field('reminderTime') || undefined,
        reviewChannel: review === undefined ? undefined : review === '' ? 'none' : review,
        cards: field('cards') || undefined,
        theme: field('theme') || undefined,
        claimMinutes: field('claimMinutes') || undefined,
        reviewNudge: field('reviewNudge') || undefined,
        reviewEscalate: field('reviewEscalate') || undefined,
      });
    } catch (err) {
      if (err instanceof UserError) return groupPage(c, 400, { error: err.message });
      throw err;
    }
    return c.redirect(`/c/${scope.community.id}/g/${scope.group.id}?saved=1`, 303);
  });

  app.post('/c/:cid/g/:gid/mentors', async (c) => {
    const { scope } = await group(c);
    requireAdmin(scope);
    const form = await c.req.parseBody();
    const member = await findMember(deps.db, scope.community.id, idParam(typeof form.memberId === 'string' ? form.memberId : undefined));
    if (!member) throw notFound();
    if (form.action === 'remove') await removeMentor(deps, scope.group, member);
    else await addMentor(deps, scope.group, member);
    return c.redirect(`/c/${scope.community.id}/g/${scope.group.id}?saved=1`, 303);
  });

  app.get('/c/:cid/g/:gid/challenges', async (c) => {
    const { session, scope } = await group(c);
    requireStaff(scope);
    return c.html(<ChallengesPage session={session} communityId={scope.community.id} group={scope.group} admin={scope.admin} stats={await challengeStats(deps, scope.group)} />);
  });

  const reviewsPage = async (c: Context<Env>, status: 200 | 400 | 502, message: { notice?: string | undefined; error?: string | undefined } = {}) => {
    const { session, scope } = await group(c);
    requireStaff(scope);
    const me = scope.me;
    // Admins who do not mentor see the queue too (the domain's queue is a mentor's), read-only.
    const pendingList = scope.mentor && me ? await reviewQueue(deps, scope.community.id, me, scope.group) : await pendingFor(scope.community.id, scope.group.id);
    return c.html(
      <ReviewsPage session={session} communityId={scope.community.id} group={scope.group} admin={scope.admin} mentor={scope.mentor} pending={pendingList} now={deps.clock.now().getTime()} notice={message.notice} error={message.error} />,
      status,
    );
  };
  const pendingFor = (communityId: number, groupId: number) => pendingSubmissions(deps.db, communityId, [groupId]);
  app.get('/c/:cid/g/:gid/reviews', (c) => reviewsPage(c, 200));

  app.post('/c/:cid/g/:gid/reviews/:sid', async (c) => {
    const { session, scope } = await group(c);
    requireStaff(scope);
    const id = idParam(c.req.param('sid'));
    const found = await findSubmission(deps.db, scope.community.id, id);
    if (!found || found.submission.groupId !== scope.group.id) throw notFound();
    if (!scope.me || !scope.mentor) throw forbidden("Only this group's mentors decide on submissions.");
    const form = await c.req.parseBody();
    const htmxClaim = c.req.header('hx-request') === 'true';
    if (form.decision === 'claim') {
      // Claiming holds the work for this mentor, exactly as the chat's Claim button (the domain settles races).
      try {
        const held = await claim(deps, scope.community.id, scope.me, id);
        const text = `#${id} is yours for ${held.group.claimMinutes} min${held.extended ? ' (renewed)' : ''}.`;
        const fresh = (await findSubmission(deps.db, scope.community.id, id)) ?? found;
        if (htmxClaim) return c.html(<ReviewItem session={session} base={`/c/${scope.community.id}/g/${scope.group.id}`} item={fresh} now={deps.clock.now().getTime()} canDecide />);
        return reviewsPage(c, 200, { notice: text });
      } catch (err) {
        if (!(err instanceof UserError)) throw err;
        if (htmxClaim) return c.html(<ReviewItem session={session} base={`/c/${scope.community.id}/g/${scope.group.id}`} item={found} now={deps.clock.now().getTime()} canDecide error={err.message} />);
        return reviewsPage(c, 400, { error: err.message });
      }
    }
    const kind = form.decision === 'changes' ? 'changes' : 'approve';
    const feedback = typeof form.feedback === 'string' ? form.feedback : undefined;
    const htmx = c.req.header('hx-request') === 'true';
    const base = `/c/${scope.community.id}/g/${scope.group.id}`;
    let text: string;
    try {
      const result = await decide(deps, scope.community.id, scope.me, id, kind, feedback);
      text = `#${id} ${kind === 'approve' ? 'approved' : 'sent back for changes'}${result.points ? ` (+${result.points} points)` : ''}.`;
      const poster = platform(scope.community.platform);
      try {
        // Posted where the chat command would post it: the submission's review thread.
        await poster?.deliver?.({ communityId: scope.community.externalId, channelId: scope.group.reviewChannelId ?? scope.group.channelId }, decisionReply(result, scope.me.displayName, kind));
        text += poster?.deliver ? ' Posted in the review thread.' : '';
      } catch (err) {
        log.warn({ err, submission: id }, 'web: a decision was saved but could not be posted in chat');
        text += ' It was saved, but could not be posted in chat; tell the learner yourself.';
      }
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      if (htmx) return c.html(<ReviewItem session={session} base={base} item={found} now={deps.clock.now().getTime()} canDecide error={err.message} />, 200);
      return reviewsPage(c, 400, { error: err.message });
    }
    if (htmx) return c.html(<DecidedItem id={id} text={text} />);
    return reviewsPage(c, 200, { notice: text });
  });

  app.get('/c/:cid/g/:gid/m/:mid', async (c) => {
    const { session, scope } = await group(c);
    const member = await findMember(deps.db, scope.community.id, idParam(c.req.param('mid')));
    if (!member) throw notFound();
    const self = scope.me?.id === member.id;
    if (!self && !scope.admin && !scope.mentor) throw forbidden('You can see your own pages; mentors and admins see their members’.');
    const base = `/c/${scope.community.id}/g/${scope.group.id}`;
    const nav = [...groupNav(scope.community.id, scope.group, scope.admin || scope.mentor, scope.admin, ''), { label: member.displayName, href: `${base}/m/${member.id}`, current: true }];
    return c.html(<MemberPage session={session} group={scope.group} view={await memberView(deps, scope.group, member)} nav={nav} />);
  });

  app.get('/c/:cid/g/:gid/export.csv', async (c) => {
    const { scope } = await group(c);
    requireStaff(scope);
    const csv = progressCsv(await groupOverview(deps, scope.group));
    return c.body(csv, 200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="group-${scope.group.id}-progress.csv"` });
  });

  return Object.assign(app, { sessions });
}
