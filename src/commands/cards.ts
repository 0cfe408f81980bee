// Replies that more than one command (and later the scheduler) show.
import { resourcesFor, type RoadmapChallenge, type RoadmapTopic } from '../content/catalog.ts';
import { choiceLetter } from '../domain/grading.ts';
import type { StreakView } from '../domain/streaks.ts';
import type { Button, Reply } from './types.ts';

export const mention = (userId: string) => `<@${userId}>`;

export function progressBar(percent: number, width = 10): string {
  const filled = Math.round((percent / 100) * width);
  return `${'▰'.repeat(filled)}${'▱'.repeat(width - filled)} ${percent}%`;
}

export function streakLine(s: StreakView): string {
  if (s.current === 0) {
    // "yet" beside "Longest: 3 days" would read as if there never was one.
    return s.longest > 0 ? 'No streak right now — any activity today starts one.' : 'No streak yet — any activity today starts one.';
  }
  const today = s.activeToday ? 'today done ✓' : 'do something today to keep it';
  const freezes = s.freezes > 0 ? ` · ${s.freezes} freeze${s.freezes > 1 ? 's' : ''} banked` : '';
  return `🔥 ${s.current} day${s.current > 1 ? 's' : ''} (${today})${freezes}`;
}

/** The daily challenge as posted or shown: prompt, how to answer, and answer buttons for choices. */
export function challengeCard(challenge: RoadmapChallenge, date: string): Reply {
  const topic = challenge.topic;
  const fields = [
    { name: 'Topic', value: `${topic.title} (\`${topic.id}\`)`, inline: true },
    { name: 'Points', value: String(challenge.points), inline: true },
  ];
  if (challenge.difficulty) fields.push({ name: 'Level', value: challenge.difficulty, inline: true });
  if (challenge.type === 'quiz') {
    const choices = challenge.choices;
    const text = choices
      ? `${challenge.prompt}\n\n${choices.map((c, i) => `**${choiceLetter(i)})** ${c}`).join('\n')}`
      : challenge.prompt;
    const how = choices
      ? `Answer with \`/challenge answer <letter>\` or press a button. One scored attempt.`
      : 'Answer with `/challenge answer <your answer>`. One scored attempt.';
    const buttons: Button[] | undefined = choices?.map((_, i) => ({ label: choiceLetter(i), command: `/challenge answer ${choiceLetter(i)}`, style: 'primary' }));
    return { visibility: 'public', tone: 'info', title: `Daily challenge · ${date}`, text, fields, footer: how, ...(buttons && { buttons }) };
  }
  return {
    visibility: 'public',
    tone: 'info',
    title: `Daily challenge · ${date} · task`,
    text: `${challenge.prompt}\n\n**A mentor checks:**\n${challenge.criteria.map((c) => `• ${c}`).join('\n')}`,
    fields,
    footer: 'Hand it in with `/challenge submit <link or text>`; a mentor reviews it.',
  };
}

/** A topic with its summary and the resources the learner's track sees. */
export function topicCard(topic: RoadmapTopic, track: string | null, userId: string, heading: string): Reply {
  const resources = resourcesFor(topic, track);
  const hours = topic.hours ? ` · about ${topic.hours} h` : '';
  return {
    visibility: 'private',
    tone: 'info',
    title: `${heading}: ${topic.title}`,
    text: `${topic.summary}\n\n**Resources**\n${resources.map((r) => `• [${r.title}](${r.url})`).join('\n')}`,
    fields: [{ name: 'Stage', value: `${topic.stageIndex + 1}. ${topic.stage.title}${hours}`, inline: true }],
    footer: `When you're done: /roadmap done ${topic.id}` + (track === null && topic.resources.some((r) => r.tracks) ? ' · pick a track to see language-specific resources' : ''),
    buttons: [{ label: 'Mark done', command: `/roadmap done ${topic.id}`, style: 'success', onlyFor: userId }],
  };
}

export const privateText = (text: string, tone: Reply['tone'] = 'info'): Reply => ({ visibility: 'private', tone, text });

/** The only-you answer to pressing a button shown to someone else (`Button.onlyFor`), the same on every platform. */
export const notYourButton = (onlyFor: string, command: string): Reply =>
  privateText(`Only ${mention(onlyFor)} can use that button. For yourself, run \`${command}\`.`, 'error');
