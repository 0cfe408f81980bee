import type { GroupRow } from '../../db/types.ts';
import type { ChallengeStats } from '../../domain/dashboard.ts';
import { Page } from '../layout.tsx';
import type { Session } from '../session.ts';
import { groupName, groupNav, pct } from './names.ts';

export function ChallengesPage(p: { session: Session; communityId: number; group: GroupRow; admin: boolean; stats: ChallengeStats[] }) {
  const base = `/c/${p.communityId}/g/${p.group.id}`;
  const flagged = p.stats.filter((s) => s.flags.length > 0).length;
  return (
    <Page title={`Challenges · ${groupName(p.group)}`} session={p.session} nav={groupNav(p.communityId, p.group, true, p.admin, `${base}/challenges`)}>
      <h1>Challenges posted in {groupName(p.group)}</h1>
      <p class="muted">
        Answer rate: answers per member enrolled now. A quiz is flagged when few get it right, or when a wrong choice is picked more than the key.
        {flagged > 0 ? ` ${flagged} flagged.` : ''}
      </p>
      {p.stats.length === 0 && <p>No challenge has been posted yet.</p>}
      {p.stats.map((s) => (
        <article class="card">
          <h2 style="margin-top:0;font-size:1.05rem">
            {s.localDate} · <code>{s.challengeId}</code> {s.flags.map((f) => <span class="flag">⚠ {f}</span>)}
          </h2>
          <p>{s.title}</p>
          {s.kind === 'quiz' ? (
            <>
              <p>
                {s.attempts} answers · answer rate <b>{pct(s.answerRate)}</b> · correct rate <b>{pct(s.correctRate)}</b>
              </p>
              <div class="scroll">
                <table>
                  <thead><tr><th scope="col">Choice</th><th scope="col" class="num">Picked</th><th scope="col">Share</th></tr></thead>
                  <tbody>
                    {s.choices.map((c) => (
                      <tr>
                        <td>{c.choice} {c.isKey ? <span class="ok">key</span> : null}</td>
                        <td class="num">{c.picked}</td>
                        <td>
                          <div class="bar-outer" role="img" aria-label={pct(c.share)}>
                            <div class="bar-inner" style={`width:${Math.round(c.share * 100)}%;${c.isKey ? '' : 'background:#9a6700'}`}></div>
                          </div>
                          <span class="muted">{pct(c.share)}</span>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : (
            <p class="muted">{s.kind === 'task' ? 'A task: handed in for review, not graded here.' : 'This challenge was removed from the roadmap.'}</p>
          )}
        </article>
      ))}
    </Page>
  );
}
