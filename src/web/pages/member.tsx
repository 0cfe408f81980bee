import type { GroupRow } from '../../db/types.ts';
import type { MemberView } from '../../domain/dashboard.ts';
import { HeatmapChart, WeeklyChart } from '../charts.tsx';
import { Page } from '../layout.tsx';
import type { Nav } from '../layout.tsx';
import type { Session } from '../session.ts';
import { fmtDate } from './names.ts';

const STATUS = { pending: 'waiting for review', approved: 'approved', changes_requested: 'changes requested', withdrawn: 'withdrawn' } as const;

export function MemberPage(p: { session: Session; group: GroupRow; view: MemberView; nav: Nav[] }) {
  const v = p.view;
  const doneCount = v.roadmap.topics.filter((t) => v.done.has(t.id)).length;
  return (
    <Page title={v.member.displayName} session={p.session} nav={p.nav}>
      <h1>
        {v.member.displayName} <span class="muted">· {v.roadmap.title}</span>
      </h1>
      <section class="grid" aria-label="At a glance">
        <div class="stat"><b>{`${doneCount}/${v.roadmap.topics.length}`}</b>topics done</div>
        <div class="stat"><b>{v.totalPoints}</b>points</div>
        <div class="stat"><b>{v.submissions.length}</b>submissions</div>
      </section>

      <h2>Path</h2>
      <ol class="stages">
        {v.roadmap.stages.map((stage, i) => {
          const topics = v.roadmap.topics.filter((t) => t.stageIndex === i);
          const done = topics.filter((t) => v.done.has(t.id)).length;
          return (
            <li>
              <details open={done < topics.length && done > 0 ? true : undefined}>
                <summary>
                  <b>{stage.title}</b> <span class="muted">{`${done}/${topics.length} done`}</span>
                </summary>
                {topics.map((t) => (
                  <div class={`topic${v.done.has(t.id) ? ' done' : ''}`}>
                    <span class="mark" aria-hidden="true">{v.done.has(t.id) ? '✓' : '○'}</span>
                    <span>
                      {t.title} <span class="muted">{v.done.has(t.id) ? '(done)' : ''}</span>
                    </span>
                  </div>
                ))}
              </details>
            </li>
          );
        })}
      </ol>

      <h2>Streak heatmap</h2>
      <p class="muted">
        {`${v.heatmap.activeDays} active days in the last year · streak ${v.heatmap.current} (longest ${v.heatmap.longest}) · ${v.heatmap.freezes} freezes banked`}
      </p>
      <HeatmapChart days={v.heatmap.days} label={`Activity per day over the last year: ${v.heatmap.activeDays} active days`} />

      <h2>Activity, last 12 weeks</h2>
      <WeeklyChart weeks={v.weeks} label="Weeks this member was active (1) or not (0)" />

      <h2>Submissions</h2>
      {v.submissions.length === 0 ? (
        <p class="muted">No submissions yet.</p>
      ) : (
        v.submissions.map(({ submission: s, reviewer }) => (
          <article class="queue-item">
            <h3>
              #{s.id} · <code>{s.challengeId}</code> · {STATUS[s.status]}
            </h3>
            <p class="muted">Handed in {fmtDate(s.createdAt)}{reviewer ? ` · reviewed by ${reviewer.displayName}` : ''}</p>
            <blockquote>{s.content}</blockquote>
            {s.feedback && (
              <>
                <p><b>Feedback</b></p>
                <blockquote>{s.feedback}</blockquote>
              </>
            )}
          </article>
        ))
      )}

      <h2>Points history</h2>
      {v.points.length === 0 ? (
        <p class="muted">No points yet.</p>
      ) : (
        <div class="scroll">
          <table>
            <thead><tr><th scope="col">When</th><th scope="col">For</th><th scope="col" class="num">Points</th></tr></thead>
            <tbody>
              {v.points.map((e) => (
                <tr><td>{fmtDate(e.at)}</td><td>{e.reason}</td><td class="num">{`+${e.points}`}</td></tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
