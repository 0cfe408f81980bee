// /streak — a member's current and longest streak, and banked freezes, with
// the year's heatmap attached; `/streak heatmap` shows the picture alone.
import { requireEnrolment } from '../domain/enrolment.ts';
import { FREEZE_EVERY_DAYS, MAX_FREEZES } from '../domain/streak-rules.ts';
import { streakOf } from '../domain/streaks.ts';
import { streakLine } from './cards.ts';
import { channelGroup } from './context.ts';
import { CARDS_OFF, heatmapPicture } from './pictures.ts';
import type { Command, Reply } from './types.ts';

export default {
  name: 'streak',
  description: 'Your streak (or a member\'s): current, longest and freezes',
  access: 'everyone',
  options: [
    // `/streak heatmap [@member]`: the year's picture alone; `/streak [@member]` the text with it attached.
    { name: 'view', description: 'heatmap: the last 52 weeks as a picture', type: 'choice', choices: ['heatmap'], skippable: true },
    { name: 'member', description: 'Whose streak (defaults to yours)', type: 'user' },
  ],
  run: async (ctx, args): Promise<Reply> => {
    const group = await channelGroup(ctx);
    const who = args.member('member') ?? ctx.member;
    const self = who.id === ctx.member.id;
    await requireEnrolment(ctx.deps, group, who, 'keep a streak', self ? 'you' : 'they');
    const s = await streakOf(ctx.deps, group, who.id);
    const title = `${self ? 'Your' : `${who.displayName}'s`} streak`;
    const pictureOnly = args.string('view') === 'heatmap';
    if (pictureOnly) {
      const image = await heatmapPicture(ctx.deps, group, who.id, who.displayName, ctx.log);
      if (image) return { visibility: 'private', tone: 'info', title, image };
    }
    // Drawn after the answer is out (see Reply.image), perhaps after hundreds of other answers in a
    // burst: it keeps what it draws from, not the command's context.
    const { deps, log } = ctx;
    const { id, displayName } = who;
    return {
      visibility: 'private',
      tone: 'info',
      title,
      ...(group.cards && !pictureOnly && { image: () => heatmapPicture(deps, group, id, displayName, log, 'attached') }),
      text: streakLine(s),
      fields: [
        { name: 'Current', value: `${s.current} day${s.current === 1 ? '' : 's'}`, inline: true },
        { name: 'Longest', value: `${s.longest} day${s.longest === 1 ? '' : 's'}`, inline: true },
        { name: 'Freezes', value: `${s.freezes} of ${MAX_FREEZES}`, inline: true },
      ],
      footer: pictureOnly
        ? CARDS_OFF
        : `A day counts when you answer correctly, submit work or finish a topic. Every ${FREEZE_EVERY_DAYS} active days earn a freeze, which covers one missed day.`,
    };
  },
} satisfies Command;
