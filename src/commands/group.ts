// /group — admins set up the channel's study group and its mentors.
import { UserError } from '../domain/errors.ts';
import { addMentor, groupRoadmap, mentorsOf, removeMentor, setupGroup } from '../domain/groups.ts';
import type { GroupRow } from '../db/types.ts';
import { mention } from './cards.ts';
import { channelGroup } from './context.ts';
import { parseChannelRef } from './parse.ts';
import type { CommandContext, Command, Reply } from './types.ts';
import { excerpt } from '../domain/excerpt.ts';

async function settingsCard(ctx: CommandContext, group: GroupRow, title: string, visibility: Reply['visibility']): Promise<Reply> {
  const roadmap = ctx.deps.roadmaps.get(group.roadmapId);
  const mentors = await mentorsOf(ctx.deps, group);
  return {
    visibility,
    tone: 'info',
    title,
    fields: [
      { name: 'Roadmap', value: roadmap ? `${roadmap.title} (\`${roadmap.id}\`)` : `${group.roadmapId} (not installed!)`, inline: true },
      { name: 'Time zone', value: group.timezone, inline: true },
      { name: 'Daily post', value: group.postTime, inline: true },
      { name: 'Streak reminder', value: group.reminderTime, inline: true },
      { name: 'Reviews posted in', value: group.reviewChannelId ? `<#${group.reviewChannelId}>` : 'this channel', inline: true },
      { name: 'Picture cards', value: group.cards ? `on, ${group.cardTheme}` : 'off (text only)', inline: true },
      { name: 'Claims last', value: `${group.claimMinutes} min`, inline: true },
      { name: 'Waiting work', value: `mentors nudged after ${group.reviewNudgeHours} h, admins told after ${group.reviewEscalateHours} h`, inline: true },
      { name: 'Mentors', value: mentors.length ? mentors.map((m) => m.displayName).join(', ') : 'none — `/group mentor add @member`' },
      ...(group.postsPausedReason
        ? [{ name: '⚠️ Scheduled posts paused', value: `${group.postsPausedReason}. Fix it, then run \`/group setup\` here to resume.` }]
        : []),
    ],
    footer: 'Change any of these with /group setup <option>:<value>',
  };
}

export default {
  name: 'group',
  description: "Set up this channel's study group",
  subcommands: [
    {
      name: 'setup',
      description: 'Create or change the study group in this channel',
      access: 'admin',
      options: [
        { name: 'roadmap', description: 'Roadmap id the group follows', type: 'string', autocomplete: 'roadmap' },
        { name: 'timezone', description: 'IANA time zone, e.g. Europe/Berlin', type: 'string', autocomplete: 'timezone' },
        { name: 'post-time', description: 'Daily challenge time, HH:MM', type: 'string' },
        { name: 'reminder-time', description: 'Streak reminder time, HH:MM', type: 'string' },
        { name: 'review-channel', description: 'Channel for reviews (or "none")', type: 'string' },
        { name: 'cards', description: 'Picture cards with replies and posts: on or off', type: 'choice', choices: ['on', 'off'] },
        { name: 'theme', description: 'Picture cards in light or dark', type: 'choice', choices: ['light', 'dark'] },
        { name: 'claim-minutes', description: "How long a mentor's claim holds (default 30)", type: 'string' },
        { name: 'review-nudge', description: 'Hours before waiting work nudges mentors (default 24)', type: 'string' },
        { name: 'review-escalate', description: 'Hours before waiting work is escalated to admins (default 72)', type: 'string' },
      ],
      run: async (ctx, args) => {
        const reviewChannel = args.string('review-channel');
        // A group the bot cannot post in would fail at its first daily post: refuse now, with the fix.
        const reviewChannelId = reviewChannel === undefined || reviewChannel === 'none' ? undefined : channelId(reviewChannel);
        for (const where of [ctx.channelId, reviewChannelId]) {
          const why = where && (await ctx.cannotPost?.(where));
          if (why) throw new UserError('group.cannotPost', `${why} Nothing was changed.`);
        }
        const { group, created } = await setupGroup(ctx.deps, ctx.community.id, ctx.channelId, {
          roadmap: args.string('roadmap'),
          timezone: args.string('timezone'),
          postTime: args.string('post-time'),
          reminderTime: args.string('reminder-time'),
          reviewChannel: reviewChannelId ?? reviewChannel,
          cards: args.string('cards'),
          theme: args.string('theme'),
          claimMinutes: args.string('claim-minutes'),
          reviewNudge: args.string('review-nudge'),
          reviewEscalate: args.string('review-escalate'),
          adminMemberId: ctx.member.id,
        });
        const roadmap = groupRoadmap(ctx.deps, group);
        const card = await settingsCard(ctx, group, created ? `Study group created · ${roadmap.title}` : 'Study group updated', 'public');
        return {
          ...card,
          tone: 'success',
          text: created
            ? `This channel now follows **${roadmap.title}**. Members join with \`/roadmap start ${roadmap.id}\`; a challenge is posted daily at ${group.postTime} (${group.timezone}).`
            : undefined,
        };
      },
    },
    {
      name: 'settings',
      description: "Show this channel's study group settings",
      access: 'everyone',
      options: [],
      run: async (ctx) => settingsCard(ctx, await channelGroup(ctx), 'Study group settings', 'private'),
    },
    {
      name: 'mentor',
      description: 'Add or remove a mentor of this group',
      access: 'admin',
      options: [
        { name: 'action', description: 'add or remove', type: 'choice', choices: ['add', 'remove'], required: true },
        { name: 'member', description: 'The member', type: 'user', required: true },
      ],
      run: async (ctx, args): Promise<Reply> => {
        const group = await channelGroup(ctx);
        const who = args.member('member')!;
        if (args.string('action') === 'add') {
          const added = await addMentor(ctx.deps, group, who);
          return added
            ? { visibility: 'public', tone: 'success', text: `${mention(who.userId)} is now a mentor of this group and will be asked to review submissions.`, notify: [who.userId] }
            : { visibility: 'private', tone: 'info', text: `${who.displayName} is already a mentor here.` };
        }
        const removed = await removeMentor(ctx.deps, group, who);
        return removed
          ? { visibility: 'public', tone: 'info', text: `${who.displayName} is no longer a mentor of this group.` }
          : { visibility: 'private', tone: 'info', text: `${who.displayName} isn't a mentor here, so nothing changed.` };
      },
    },
  ],
} satisfies Command;

function channelId(value: string): string {
  const id = parseChannelRef(value) ?? (/^[\w-]+$/.test(value.trim()) ? value.trim() : undefined);
  if (!id) throw new UserError('group.badChannel', `review-channel must be a channel like #reviews, or "none" — got "${excerpt(value)}".`);
  return id;
}
