// /roadmap — joining the group's roadmap and walking it.
import { leaveRoadmap, startRoadmap } from '../domain/enrolment.ts';
import { markDone, progressOf } from '../domain/progress.ts';
import { mention, privateText, progressBar, streakLine, topicCard } from './cards.ts';
import { channelGroup } from './context.ts';
import { certificatePicture, CARDS_OFF, progressPicture } from './pictures.ts';
import type { GroupRow, MemberRow } from '../db/types.ts';
import { groupRoadmap } from '../domain/groups.ts';
import type { DoneResult } from '../domain/progress.ts';
import type { Command, CommandContext, Reply } from './types.ts';

export default {
  name: 'roadmap',
  description: 'Join a roadmap and track your progress along it',
  subcommands: [
    {
      name: 'list',
      description: 'The roadmaps you can follow',
      access: 'everyone',
      options: [],
      run: async (ctx) => ({
        visibility: 'private',
        tone: 'info',
        title: 'Roadmaps',
        fields: ctx.deps.roadmaps.all.map((r) => ({
          name: `${r.title} · \`${r.id}\``,
          value:
            `${r.description.trim()}\n${r.stages.length} stages · ${r.topics.length} topics · ${r.challenges.length} challenges` +
            (r.tracks.length ? `\nTracks: ${r.tracks.map((t) => `\`${t.id}\``).join(', ')}` : ''),
        })),
        footer: 'Join this channel\'s group with /roadmap start <roadmap> [track]',
      }),
    },
    {
      name: 'start',
      description: "Join this channel's study group on its roadmap",
      access: 'everyone',
      options: [
        { name: 'roadmap', description: 'Roadmap id (defaults to the group\'s)', type: 'string', autocomplete: 'roadmap' },
        { name: 'track', description: 'Your language track, e.g. python', type: 'string', autocomplete: 'track' },
      ],
      run: async (ctx, args): Promise<Reply> => {
        const group = await channelGroup(ctx);
        const { outcome, enrolment, roadmap } = await startRoadmap(ctx.deps, group, ctx.member, { roadmap: args.string('roadmap'), track: args.string('track') });
        const trackTitle = roadmap.tracks.find((t) => t.id === enrolment.track)?.title;
        const trackHint =
          enrolment.track === null && roadmap.tracks.length > 0
            ? `\nPick a language track to see its resources: \`/roadmap start ${roadmap.id} track:${roadmap.tracks[0]!.id}\` (${roadmap.tracks.map((t) => t.id).join(', ')}).`
            : '';
        const buttons = [{ label: 'Next topic', command: '/roadmap next', style: 'primary' as const, onlyFor: ctx.member.userId }];
        switch (outcome) {
          case 'already':
            return { ...privateText(`You're already on **${roadmap.title}**${trackTitle ? ` (${trackTitle} track)` : ''} — nothing changed. \`/roadmap progress\` shows where you are.${trackHint}`), buttons };
          case 'trackChanged':
            return { ...privateText(`Switched you to the **${trackTitle}** track. Your progress is kept.`, 'success'), buttons };
          case 'rejoined':
            return { visibility: 'public', tone: 'success', text: `Welcome back, ${mention(ctx.member.userId)}! Your progress on **${roadmap.title}** was kept.${trackHint}`, buttons };
          case 'started':
            return {
              visibility: 'public',
              tone: 'success',
              title: `${ctx.member.displayName} joined ${roadmap.title}`,
              text:
                `Welcome, ${mention(ctx.member.userId)}! You're at 0 of ${roadmap.topics.length} topics${trackTitle ? ` on the ${trackTitle} track` : ''}. ` +
                `Each day this channel gets a challenge: \`/challenge today\`.${trackHint}`,
              buttons,
            };
        }
      },
    },
    {
      name: 'leave',
      description: "Leave this channel's study group (your progress is kept)",
      access: 'everyone',
      options: [],
      run: async (ctx) => {
        await leaveRoadmap(ctx.deps, await channelGroup(ctx), ctx.member);
        return privateText('You left the group. No more reminders; your progress is kept if you `/roadmap start` again.');
      },
    },
    {
      name: 'progress',
      description: 'Where you (or a member) are along the roadmap',
      access: 'everyone',
      options: [{ name: 'member', description: 'Whose progress (defaults to yours)', type: 'user' }],
      run: async (ctx, args) => progressReply(ctx, args.member('member') ?? ctx.member, 'full'),
    },
    {
      name: 'card',
      description: 'Your progress (or a member\'s) as a picture',
      access: 'everyone',
      options: [{ name: 'member', description: 'Whose progress (defaults to yours)', type: 'user' }],
      run: async (ctx, args) => progressReply(ctx, args.member('member') ?? ctx.member, 'picture'),
    },
    {
      name: 'next',
      description: 'Your next topic, with what to read',
      access: 'everyone',
      options: [],
      run: async (ctx) => {
        const group = await channelGroup(ctx);
        const p = await progressOf(ctx.deps, group, ctx.member);
        if (!p.next) return privateText(`You've completed every topic of ${p.roadmap.title}. 🎓 Keep your streak with the daily challenge.`, 'success');
        return topicCard(p.next, p.track, ctx.member.userId, 'Next topic');
      },
    },
    {
      name: 'done',
      description: 'Mark a topic complete',
      access: 'everyone',
      options: [{ name: 'topic', description: 'The topic id, e.g. http', type: 'string', required: true, autocomplete: 'topic' }],
      run: async (ctx, args): Promise<Reply | Reply[]> => {
        const group = await channelGroup(ctx);
        const r = await markDone(ctx.deps, group, ctx.member, args.string('topic')!);
        const nextLine = r.next ? `Next up: **${r.next.title}** (\`${r.next.id}\`).` : 'That was the last topic — roadmap complete! 🎓';
        if (r.alreadyDone) return privateText(`**${r.topic.title}** was already done. ${nextLine}`);
        const done: Reply = {
          visibility: 'private',
          tone: 'success',
          text: `✅ **${r.topic.title}** done — +${r.points} points. ${streakLine(r.streak)}\n${nextLine}`,
          buttons: r.next ? [{ label: 'Next topic', command: '/roadmap next', style: 'primary', onlyFor: ctx.member.userId }] : [],
        };
        return r.stageDone ? [done, await stageCertificate(ctx, group, r.stageDone)] : done;
      },
    },
  ],
} satisfies Command;

/** `/roadmap progress` (text, with the card attached) and `/roadmap card` (the card alone; text when cards are off). */
async function progressReply(ctx: CommandContext, who: MemberRow, shape: 'full' | 'picture'): Promise<Reply> {
  const group = await channelGroup(ctx);
  const self = who.id === ctx.member.id;
  const p = await progressOf(ctx.deps, group, who, self ? 'you' : 'they');
  const title = `${self ? 'Your' : `${who.displayName}'s`} progress · ${p.roadmap.title}`;
  if (shape === 'picture') {
    const image = await progressPicture(group, who.displayName, p, ctx.log);
    if (image) return { visibility: 'private', tone: 'info', title, image };
  }
  const next = p.next ? `${p.next.title} (\`${p.next.id}\`)` : 'All done — congratulations! 🎓';
  // The card is drawn after the answer is out (see Reply.image), perhaps after hundreds of other
  // answers in a burst: it keeps what it draws from, not the command's context.
  const { log } = ctx;
  const { displayName } = who;
  return {
    visibility: 'private',
    tone: 'info',
    title,
    text: progressBar(p.percent),
    fields: [
      { name: 'Stage', value: `${p.stage.index + 1} of ${p.roadmap.stages.length}: ${p.stage.title} (${p.stage.done}/${p.stage.total} topics)` },
      { name: 'Topics', value: `${p.done} of ${p.total} topics done (${p.percent}%)`, inline: true },
      { name: 'Streak', value: streakLine(p.streak), inline: true },
      { name: 'Next topic', value: next },
      ...(p.hoursLeft > 0 ? [{ name: 'Left', value: `about ${p.hoursLeft} h of study`, inline: true }] : []),
      ...(p.track ? [{ name: 'Track', value: p.track, inline: true }] : []),
    ],
    ...(shape === 'picture' && { footer: CARDS_OFF }),
    ...(group.cards && shape === 'full' && { image: () => progressPicture(group, displayName, p, log, 'attached') }),
    buttons:
      self && p.next
        ? [
            { label: 'Next topic', command: '/roadmap next', style: 'primary', onlyFor: who.userId },
            { label: 'Mark done', command: `/roadmap done ${p.next.id}`, style: 'success', onlyFor: who.userId },
          ]
        : [],
  };
}

/** Posted in the channel when a member completes a stage: a certificate worth sharing (text when cards are off). */
async function stageCertificate(ctx: CommandContext, group: GroupRow, stage: NonNullable<DoneResult['stageDone']>): Promise<Reply> {
  const roadmap = groupRoadmap(ctx.deps, group);
  const channel = ctx.names?.channel;
  const image = await certificatePicture(
    group,
    {
      name: ctx.member.displayName,
      roadmap: roadmap.title,
      stage: { number: stage.index + 1, of: roadmap.stages.length, title: stage.title },
      date: stage.date,
      group: channel ? `#${channel}` : `${roadmap.title} study group`,
      community: ctx.names?.community ?? '',
      topics: stage.topics,
    },
    ctx.log,
  );
  return {
    visibility: 'public',
    tone: 'success',
    title: `${ctx.member.displayName} completed stage ${stage.index + 1}: ${stage.title}`,
    text: `Congratulations, ${mention(ctx.member.userId)}! All ${stage.topics} topics of **${stage.title}** are done (stage ${stage.index + 1} of ${roadmap.stages.length}).`,
    ...(image && { image }),
  };
}
