// Charts as plain SVG drawn on the server: readable without JavaScript, and
// each carries a text equivalent (title + a table or list beside it) for screen readers.

const W = 640;

/** Columns, one per week: how many members were active that week. */
export function WeeklyChart(props: { weeks: { start: string; active: number }[]; label: string }) {
  const h = 160;
  const top = Math.max(1, ...props.weeks.map((w) => w.active));
  const colW = W / props.weeks.length;
  return (
    <div class="chart">
    <svg viewBox={`0 0 ${W} ${h + 36}`} width="100%" role="img" aria-label={props.label} style="max-width:720px;display:block">
      <title>{props.label}</title>
      <line x1="0" y1={h} x2={W} y2={h} stroke="#8c959f" />
      {props.weeks.map((w, i) => {
        const bh = Math.round((w.active / top) * (h - 20));
        const x = i * colW + 6;
        return (
          <g>
            <rect x={x} y={h - bh} width={colW - 12} height={bh} fill="#0b57d0" rx="3" />
            <text x={x + (colW - 12) / 2} y={h - bh - 4} text-anchor="middle">
              {String(w.active)}
            </text>
            <text x={x + (colW - 12) / 2} y={h + 16} text-anchor="middle">
              {w.start.slice(5)}
            </text>
          </g>
        );
      })}
      <text x="0" y={h + 32}>
        week starting (MM-DD)
      </text>
    </svg>
    </div>
  );
}

/** One bar per stage: how many reached it, and (darker) how many are still there. */
export function Funnel(props: { stages: { title: string; reached: number; here: number }[]; members: number }) {
  const rowH = 34;
  const labelW = 220;
  const barW = W - labelW - 60;
  const top = Math.max(1, props.members);
  return (
    <div class="chart">
    <svg viewBox={`0 0 ${W} ${props.stages.length * rowH + 8}`} width="100%" role="img" aria-label="Stage funnel: members who reached each stage" style="max-width:720px;display:block">
      <title>Stage funnel: members who reached each stage, and how many are in it now</title>
      {props.stages.map((s, i) => {
        const y = i * rowH + 4;
        const name = s.title.length > 28 ? `${s.title.slice(0, 27)}…` : s.title;
        return (
          <g>
            <text x="0" y={y + 18}>{`${i + 1}. ${name}`}</text>
            <rect x={labelW} y={y + 4} width={barW} height="20" fill="#eaeef2" rx="3" />
            <rect x={labelW} y={y + 4} width={Math.round((s.reached / top) * barW)} height="20" fill="#8ab4f8" rx="3" />
            <rect x={labelW} y={y + 4} width={Math.round((s.here / top) * barW)} height="20" fill="#0b57d0" rx="3" />
            <text x={labelW + barW + 8} y={y + 18}>{`${s.reached}`}</text>
          </g>
        );
      })}
    </svg>
    </div>
  );
}

/** The streak heatmap: a column per week (Monday at the top), darker for more activity; frozen days outlined. */
export function HeatmapChart(props: { days: { date: string; count: number; frozen: boolean }[]; label: string }) {
  const cell = 11;
  const gap = 2;
  const weeks = Math.ceil(props.days.length / 7);
  const shade = (n: number) => (n === 0 ? '#eaeef2' : n === 1 ? '#8ab4f8' : n === 2 ? '#4285f4' : '#0b57d0');
  return (
    <div class="chart">
      <svg viewBox={`0 0 ${weeks * (cell + gap)} ${7 * (cell + gap)}`} width="100%" role="img" aria-label={props.label} style="max-width:720px;display:block">
        <title>{props.label}</title>
        {props.days.map((d, i) => (
          <rect x={Math.floor(i / 7) * (cell + gap)} y={(i % 7) * (cell + gap)} width={cell} height={cell} rx="2" fill={shade(d.count)} stroke={d.frozen ? '#9a6700' : 'none'} stroke-width={d.frozen ? 1.5 : 0}>
            <title>{`${d.date}: ${d.count} ${d.count === 1 ? 'activity' : 'activities'}${d.frozen ? ' (freeze)' : ''}`}</title>
          </rect>
        ))}
      </svg>
    </div>
  );
}
