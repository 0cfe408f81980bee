import type { GroupRow } from '../../db/types.ts';
import { activeClaim, claimLine } from '../../domain/claims.ts';
import type { SubmissionWithPeople } from '../../domain/reviews.ts';
import { Csrf, Page } from '../layout.tsx';
import type { Session } from '../session.ts';
import { fmtDate, groupName, groupNav } from './names.ts';

const waited = (ms: number) => {
  const h = Math.floor(ms / 3_600_000);
  return h >= 48 ? `${Math.floor(h / 24)} days` : h >= 1 ? `${h} h` : `${Math.max(1, Math.floor(ms / 60_000))} min`;
};

export function ReviewItem(p: { session: Session; base: string; item: SubmissionWithPeople; now: number; canDecide: boolean; error?: string | undefined }) {
  const s = p.item.submission;
  // The same claim the chat's Claim button takes: while another mentor holds it, only they decide.
  const held = activeClaim(p.item, p.now);
  return (
    <article class="queue-item" id={`s${s.id}`} aria-labelledby={`s${s.id}-title`}>
      <h3 id={`s${s.id}-title`}>
        #{s.id} · <code>{s.challengeId}</code> by {p.item.author.displayName}
      </h3>
      <p class="muted">
        Waiting {waited(p.now - s.createdAt)} (since {fmtDate(s.createdAt)})
      </p>
      <p class={held ? 'claim held' : 'claim'}>{held ? `🔒 ${claimLine(held, p.now)}` : 'Unclaimed'}</p>
      <blockquote>{s.content}</blockquote>
      {p.error && <p class="error" role="alert">{p.error}</p>}
      {p.canDecide ? (
        <form method="post" action={`${p.base}/reviews/${s.id}`} hx-post={`${p.base}/reviews/${s.id}`} hx-target={`#s${s.id}`} hx-swap="outerHTML">
          <Csrf session={p.session} />
          <label>
            Feedback for {p.item.author.displayName} (needed to request changes)
            <textarea name="feedback" rows={2}></textarea>
          </label>
          <p class="inline">
            <button type="submit" name="decision" value="approve" class="primary">Approve</button>
            <button type="submit" name="decision" value="changes" class="warn">Request changes</button>
            <button type="submit" name="decision" value="claim" formnovalidate>{held ? 'Claim (renew if yours)' : 'Claim'}</button>
          </p>
        </form>
      ) : (
        <p class="muted">Only this group's mentors decide; an admin can add mentors on the group page.</p>
      )}
    </article>
  );
}

export function DecidedItem(p: { id: number; text: string }) {
  return (
    <article class="queue-item" id={`s${p.id}`} role="status">
      <p class="notice" style="margin:0">{p.text}</p>
    </article>
  );
}

export function ReviewsPage(p: { session: Session; communityId: number; group: GroupRow; admin: boolean; mentor: boolean; pending: SubmissionWithPeople[]; now: number; notice?: string | undefined; error?: string | undefined }) {
  const base = `/c/${p.communityId}/g/${p.group.id}`;
  return (
    <Page title={`Review queue · ${groupName(p.group)}`} session={p.session} nav={groupNav(p.communityId, p.group, true, p.admin, `${base}/reviews`)}>
      <h1>Review queue · {p.pending.length} waiting</h1>
      <p class="muted">Oldest first. A decision here is posted in the submission's review thread, as from chat.</p>
      {p.notice && <p class="notice" role="status">{p.notice}</p>}
      {p.error && <p class="error" role="alert">{p.error}</p>}
      {p.pending.length === 0 && <p>Nothing waiting. 🎉</p>}
      {p.pending.map((item) => (
        <ReviewItem session={p.session} base={base} item={item} now={p.now} canDecide={p.mentor && item.author.userId !== p.session.identity.userId} />
      ))}
    </Page>
  );
}
