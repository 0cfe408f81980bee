// The stage certificate, posted when a member completes a stage: the stage,
// the date, the group and the community, framed to be shared on a profile.
import { brand, encode, startCard, text } from './draw.ts';
import { SPACE, type Theme, TYPE } from './theme.ts';

export interface CertificateCardInput {
  name: string;
  roadmap: string;
  stage: { number: number; of: number; title: string };
  /** The local date the stage was completed. */
  date: string;
  group: string;
  community: string;
  topics: number;
}

export const CERTIFICATE_SIZE = { width: 1000, height: 620 } as const;

const LONG_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export async function certificateCard(c: CertificateCardInput, theme: Theme): Promise<Buffer> {
  const { width, height } = CERTIFICATE_SIZE;
  const { canvas, ctx } = startCard(width, height, theme);
  const mid = width / 2;
  const max = width - SPACE * 20;
  // A double frame.
  ctx.strokeStyle = theme.accent;
  ctx.lineWidth = 6;
  ctx.strokeRect(24, 24, width - 48, height - 48);
  ctx.strokeStyle = theme.border;
  ctx.lineWidth = 2;
  ctx.strokeRect(40, 40, width - 80, height - 80);

  text(ctx, 'CERTIFICATE OF COMPLETION', mid, 118, { style: [600, 18], color: theme.muted, align: 'center' });
  text(ctx, c.roadmap, mid, 160, { style: TYPE.heading, color: theme.accent, align: 'center', maxWidth: max });
  text(ctx, c.name, mid, 252, { style: [700, 52], color: theme.text, align: 'center', maxWidth: max });
  text(ctx, `completed stage ${c.stage.number} of ${c.stage.of}`, mid, 306, { style: TYPE.body, color: theme.muted, align: 'center' });
  text(ctx, c.stage.title, mid, 356, { style: [700, 34], color: theme.text, align: 'center', maxWidth: max });
  text(ctx, `${c.topics} topics`, mid, 392, { style: TYPE.body, color: theme.muted, align: 'center' });

  ctx.strokeStyle = theme.border;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(mid - 220, 440);
  ctx.lineTo(mid + 220, 440);
  ctx.stroke();
  const date = LONG_DATE.format(new Date(`${c.date}T00:00:00Z`));
  text(ctx, date, mid, 478, { style: TYPE.heading, color: theme.text, align: 'center' });
  text(ctx, [c.group, c.community].filter(Boolean).join('  ·  '), mid, 516, { style: TYPE.body, color: theme.muted, align: 'center', maxWidth: max });
  brand(ctx, width - 40, height - 40, theme);
  return encode(canvas);
}
