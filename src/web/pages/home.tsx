import type { CommunityRow, GroupRow } from '../../db/types.ts';
import { Page } from '../layout.tsx';
import type { Session } from '../session.ts';
import { communityName, groupName } from './names.ts';

export interface HomeEntry {
  community: CommunityRow;
  admin: boolean;
  /** Groups this person mentors, and groups they are enrolled in (with their member id). */
  mentored: GroupRow[];
  enrolled: { group: GroupRow; memberId: number }[];
}

export function HomePage(p: { session: Session; entries: HomeEntry[] }) {
  return (
    <Page title="Your communities" session={p.session}>
      <h1>Your communities</h1>
      {p.entries.length === 0 && <p>None of your servers or workspaces uses Cohort yet — or you have not used Cohort there. Run a Cohort command in chat, then come back.</p>}
      {p.entries.map((e) => (
        <section class="card">
          <h2 style="margin-top:0">{e.admin ? <a href={`/c/${e.community.id}`}>{communityName(e.community)}</a> : communityName(e.community)}</h2>
          {e.admin && <p class="muted">You are an admin here.</p>}
          <ul>
            {e.mentored.map((g) => (
              <li>
                You mentor <a href={`/c/${e.community.id}/g/${g.id}`}>{groupName(g)}</a> · <a href={`/c/${e.community.id}/g/${g.id}/reviews`}>review queue</a>
              </li>
            ))}
            {e.enrolled.map(({ group, memberId }) => (
              <li>
                You study in {groupName(group)} · <a href={`/c/${e.community.id}/g/${group.id}/m/${memberId}`}>your path</a>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Page>
  );
}

export function SignInPage(p: { discord: boolean; slack: boolean; error?: string | undefined }) {
  return (
    <Page title="Sign in">
      <div class="signin card">
        <h1>Sign in to Cohort</h1>
        {p.error && <p class="error" role="alert">{p.error}</p>}
        {p.discord && <a class="button primary" href="/auth/discord">Sign in with Discord</a>}
        {p.slack && <a class="button primary" href="/auth/slack">Sign in with Slack</a>}
        {!p.discord && !p.slack && <p>No sign-in provider is configured.</p>}
        <p class="muted">Running the local shell? Type <code>:web</code> there for a one-time sign-in link.</p>
      </div>
    </Page>
  );
}

export function ErrorPage(p: { status: number; message: string; session?: Session | undefined }) {
  return (
    <Page title={p.status === 404 ? 'Not found' : p.status === 403 ? 'Not allowed' : 'Error'} session={p.session}>
      <h1>{p.status === 404 ? 'Not found' : p.status === 403 ? 'Not allowed' : 'Something went wrong'}</h1>
      <p>{p.message}</p>
      <p><a href="/">Back to your communities</a></p>
    </Page>
  );
}
