import type { CommunityRow } from '../../db/types.ts';
import type { GroupSummary } from '../../domain/dashboard.ts';
import { Page } from '../layout.tsx';
import type { Session } from '../session.ts';
import { communityName, groupName } from './names.ts';

export function CommunityPage(props: { session: Session; community: CommunityRow; groups: GroupSummary[] }) {
  const base = `/c/${props.community.id}`;
  const sum = (f: (g: GroupSummary) => number) => props.groups.reduce((s, g) => s + f(g), 0);
  return (
    <Page title={communityName(props.community)} session={props.session} nav={[{ label: communityName(props.community), href: base, current: true }]}>
      <h1>{communityName(props.community)}</h1>
      <section aria-label="At a glance" class="grid">
        <div class="stat"><b>{sum((g) => g.members)}</b>members</div>
        <div class="stat"><b>{sum((g) => g.activeToday)}</b>active today</div>
        <div class="stat"><b>{sum((g) => g.activeThisWeek)}</b>active this week</div>
        <div class="stat"><b>{sum((g) => g.streaksAlive)}</b>streaks alive</div>
        <div class="stat"><b>{sum((g) => g.reviewsWaiting)}</b>reviews waiting</div>
      </section>
      <h2>Groups</h2>
      {props.groups.length === 0 ? (
        <p>No study groups yet. Start one in a channel with <code>/group setup</code>.</p>
      ) : (
        <div class="scroll">
          <table>
            <caption class="muted" style="text-align:left;padding:4px 0">Every study group of this community</caption>
            <thead>
              <tr><th scope="col">Group</th><th scope="col">Roadmap</th><th scope="col" class="num">Members</th><th scope="col" class="num">Active today</th><th scope="col" class="num">This week</th><th scope="col" class="num">Streaks alive</th><th scope="col" class="num">Reviews waiting</th></tr>
            </thead>
            <tbody>
              {props.groups.map((g) => (
                <tr>
                  <th scope="row"><a href={`${base}/g/${g.group.id}`}>{groupName(g.group)}</a></th>
                  <td>{g.roadmapTitle}</td>
                  <td class="num">{g.members}</td>
                  <td class="num">{g.activeToday}</td>
                  <td class="num">{g.activeThisWeek}</td>
                  <td class="num">{g.streaksAlive}</td>
                  <td class="num">{g.reviewsWaiting > 0 ? <a href={`${base}/g/${g.group.id}/reviews`}>{g.reviewsWaiting}</a> : '0'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
