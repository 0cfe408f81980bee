import type { MemberRow } from '../../db/types.ts';
import type { GroupOverview, MemberLine } from '../../domain/dashboard.ts';
import { Funnel, WeeklyChart } from '../charts.tsx';
import { Csrf, Page } from '../layout.tsx';
import type { Session } from '../session.ts';
import { groupName, groupNav } from './names.ts';

export interface MembersQuery {
  sort: 'name' | 'stage' | 'percent' | 'streak' | 'last';
  dir: 'asc' | 'desc';
  filter: 'all' | 'risk';
  q: string;
}

export function readMembersQuery(get: (k: string) => string | undefined): MembersQuery {
  const sort = get('sort');
  return {
    sort: sort === 'stage' || sort === 'percent' || sort === 'streak' || sort === 'last' ? sort : 'name',
    dir: get('dir') === 'desc' ? 'desc' : 'asc',
    filter: get('filter') === 'risk' ? 'risk' : 'all',
    q: (get('q') ?? '').slice(0, 100),
  };
}

export function sortMembers(lines: MemberLine[], mq: MembersQuery): MemberLine[] {
  const needle = mq.q.trim().toLowerCase();
  const kept = lines.filter((m) => (mq.filter === 'risk' ? m.risk !== null : true) && (!needle || m.member.displayName.toLowerCase().includes(needle)));
  const key = (m: MemberLine): number | string =>
    mq.sort === 'stage' ? m.stageIndex * 1000 + m.percent : mq.sort === 'percent' ? m.percent : mq.sort === 'streak' ? m.streak : mq.sort === 'last' ? (m.lastActive ?? '') : m.member.displayName.toLowerCase();
  const sorted = [...kept].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    return (x < y ? -1 : x > y ? 1 : 0) || a.member.id - b.member.id;
  });
  return mq.dir === 'desc' ? sorted.reverse() : sorted;
}

export interface GroupPageProps {
  session: Session;
  communityId: number;
  overview: GroupOverview;
  mentors: MemberRow[];
  admin: boolean;
  mq: MembersQuery;
  notice?: string | undefined;
  error?: string | undefined;
  zones: readonly string[];
}

export function GroupPage(p: GroupPageProps) {
  const { group, roadmap } = p.overview;
  const base = `/c/${p.communityId}/g/${group.id}`;
  const lines = sortMembers(p.overview.members, p.mq);
  const atRisk = p.overview.members.filter((m) => m.risk).length;
  const sortLink = (col: MembersQuery['sort'], label: string) => {
    const dir = p.mq.sort === col && p.mq.dir === 'asc' ? 'desc' : 'asc';
    const qs = new URLSearchParams({ sort: col, dir, filter: p.mq.filter, ...(p.mq.q && { q: p.mq.q }) });
    const sorted = p.mq.sort === col ? (p.mq.dir === 'asc' ? 'ascending' : 'descending') : undefined;
    return (
      <th scope="col" aria-sort={sorted} class={col === 'percent' || col === 'streak' ? 'num' : undefined}>
        <a href={`${base}?${qs.toString()}#members`}>
          {label}
          {sorted ? (sorted === 'ascending' ? ' ▲' : ' ▼') : ''}
        </a>
      </th>
    );
  };
  return (
    <Page title={groupName(group)} session={p.session} nav={groupNav(p.communityId, group, true, p.admin, base)}>
      <h1>
        {groupName(group)} <span class="muted">· {roadmap.title}</span>
      </h1>
      {p.notice && <p class="notice" role="status">{p.notice}</p>}
      {p.error && <p class="error" role="alert">{p.error}</p>}
      {group.postsPausedReason && <p class="error">Scheduled posts are paused: {group.postsPausedReason}. Fix it, then save the settings to resume.</p>}
      <section aria-label="At a glance" class="grid">
        <div class="stat"><b>{p.overview.members.length}</b>members</div>
        <div class="stat"><b>{atRisk}</b>at risk</div>
        <div class="stat"><b>{p.overview.finished}</b>finished the path</div>
        <div class="stat"><b>{p.overview.members.filter((m) => m.streak > 0).length}</b>streaks alive</div>
      </section>

      <h2 id="settings">Settings</h2>
      <div class="card">
        {p.admin ? (
          <form class="settings" method="post" action={`${base}/settings`}>
            <Csrf session={p.session} />
            <label>
              Time zone
              <input name="timezone" value={group.timezone} list="zones" required autocomplete="off" />
            </label>
            <datalist id="zones">{p.zones.map((z) => <option value={z} />)}</datalist>
            <label>
              Daily post time
              <input name="postTime" type="time" value={group.postTime} required />
            </label>
            <label>
              Streak reminder time
              <input name="reminderTime" type="time" value={group.reminderTime} required />
            </label>
            <label>
              Review channel id (empty: this channel)
              <input name="reviewChannel" value={group.reviewChannelId ?? ''} pattern="[\w-]*" />
            </label>
            <label>
              Picture cards
              <select name="cards">
                <option value="on" selected={group.cards}>on</option>
                <option value="off" selected={!group.cards}>off (text only)</option>
              </select>
            </label>
            <label>
              Card theme
              <select name="theme">
                <option value="light" selected={group.cardTheme === 'light'}>light</option>
                <option value="dark" selected={group.cardTheme === 'dark'}>dark</option>
              </select>
            </label>
            <label>
              Claims last (minutes)
              <input name="claimMinutes" type="number" min="5" max="1440" value={String(group.claimMinutes)} required />
            </label>
            <label>
              Nudge mentors after (hours)
              <input name="reviewNudge" type="number" min="1" max="720" value={String(group.reviewNudgeHours)} required />
            </label>
            <label>
              Tell admins after (hours)
              <input name="reviewEscalate" type="number" min="1" max="1440" value={String(group.reviewEscalateHours)} required />
            </label>
            <div>
              <button type="submit" class="primary">Save settings</button>
            </div>
          </form>
        ) : (
          <dl>
            <dt>Time zone</dt><dd>{group.timezone}</dd>
            <dt>Daily post</dt><dd>{group.postTime}</dd>
            <dt>Streak reminder</dt><dd>{group.reminderTime}</dd>
            <dt>Reviews posted in</dt><dd>{group.reviewChannelId ? `#${group.reviewChannelId}` : 'this channel'}</dd>
            <dt>Picture cards</dt><dd>{group.cards ? `on, ${group.cardTheme}` : 'off (text only)'}</dd>
            <dt>Claims last</dt><dd>{group.claimMinutes} min</dd>
            <dt>Waiting work</dt><dd>mentors nudged after {group.reviewNudgeHours} h, admins told after {group.reviewEscalateHours} h</dd>
          </dl>
        )}
        <h3>Mentors</h3>
        {p.mentors.length === 0 ? <p class="muted">No mentors yet.</p> : null}
        <ul>
          {p.mentors.map((m) => (
            <li>
              {m.displayName}{' '}
              {p.admin && (
                <form method="post" action={`${base}/mentors`} style="display:inline">
                  <Csrf session={p.session} />
                  <input type="hidden" name="memberId" value={String(m.id)} />
                  <input type="hidden" name="action" value="remove" />
                  <button type="submit" class="warn" aria-label={`Remove ${m.displayName} as mentor`}>Remove</button>
                </form>
              )}
            </li>
          ))}
        </ul>
        {p.admin && p.overview.members.length > 0 && (
          <form method="post" action={`${base}/mentors`} class="inline">
            <Csrf session={p.session} />
            <input type="hidden" name="action" value="add" />
            <label>
              Add a mentor
              <select name="memberId">
                {p.overview.members.filter((m) => !p.mentors.some((x) => x.id === m.member.id)).map((m) => <option value={String(m.member.id)}>{m.member.displayName}</option>)}
              </select>
            </label>
            <button type="submit">Add mentor</button>
          </form>
        )}
      </div>

      <h2 id="members">Members</h2>
      <form method="get" action={`${base}#members`} class="filters" role="search">
        <label>
          Name contains
          <input name="q" value={p.mq.q} type="search" />
        </label>
        <label>
          Show
          <select name="filter">
            <option value="all" selected={p.mq.filter === 'all'}>everyone</option>
            <option value="risk" selected={p.mq.filter === 'risk'}>at risk only</option>
          </select>
        </label>
        <input type="hidden" name="sort" value={p.mq.sort} />
        <input type="hidden" name="dir" value={p.mq.dir} />
        <button type="submit">Filter</button>
        <a class="button" href={`${base}/export.csv`} download>Export CSV</a>
      </form>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              {sortLink('name', 'Member')}
              {sortLink('stage', 'Stage')}
              {sortLink('percent', 'Progress')}
              {sortLink('streak', 'Streak')}
              {sortLink('last', 'Last active')}
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {lines.length === 0 && (
              <tr><td colspan={6} class="muted">Nobody matches.</td></tr>
            )}
            {lines.map((m) => (
              <tr>
                <th scope="row"><a href={`${base}/m/${m.member.id}`}>{m.member.displayName}</a></th>
                <td>{`${m.stageIndex + 1}. ${m.stageTitle}`}</td>
                <td class="num">
                  {`${m.percent}%`} <span class="muted">({m.done}/{m.total})</span>
                </td>
                <td class="num">{m.streak}</td>
                <td>{m.lastActive ?? 'never'}</td>
                <td>{m.risk ? <span class="risk">at risk: {m.risk}</span> : <span class="ok">on track</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h2>Stage funnel</h2>
      <p class="muted">Light bar: members who reached the stage. Dark bar: members still in it.</p>
      <Funnel stages={p.overview.funnel} members={p.overview.members.length} />
      <details>
        <summary>The funnel as text</summary>
        <ol class="muted">
          {p.overview.funnel.map((s) => (
            <li>{`${s.title}: ${s.reached} reached, ${s.here} still here`}</li>
          ))}
        </ol>
      </details>

      <h2>Activity, last 12 weeks</h2>
      <WeeklyChart weeks={p.overview.weeks} label="Members active per week over the last 12 weeks" />
    </Page>
  );
}
