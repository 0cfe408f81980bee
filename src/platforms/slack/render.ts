// A platform-neutral Reply as a Slack message: Block Kit (header, sections,
// fields, context, buttons) plus a plain-text fallback for notifications, cut
// to Slack's limits so a long reply is shortened, never rejected.
import type { types } from '@slack/bolt';
import type { Button, Field, Reply } from '../../commands/types.ts';
import { ACTION_PREFIX, pressValue } from './buttons.ts';
import { escapeText } from './escape.ts';

/** Slack's limits (Block Kit reference). */
export const LIMITS = {
  blocks: 50,
  text: 3_000,
  fieldText: 2_000,
  fieldsPerSection: 10,
  headerText: 150,
  buttonsPerBlock: 25,
  buttonText: 75,
  buttonValue: 2_000,
} as const;

export interface SlackMessage {
  text: string;
  blocks: types.KnownBlock[];
}

// Code (left as it is), a Markdown link, or a bare URL (after escaping, so "&amp;" is part of it and "&lt;" ends it).
const LINK = /`[^`\n]*`|\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)|https?:\/\/(?:[^\s<>|&)\]`]|&amp;)+/g;

/** Light Markdown → Slack mrkdwn, escaped: **bold** → *bold*, [t](u) → <u|t>, bare URLs linked outside `code`. */
export function toMrkdwn(markdown: string): string {
  return escapeText(slackCommandNames(markdown))
    .replace(/\*\*(.+?)\*\*/gs, '*$1*')
    .replace(LINK, (whole, label: string | undefined, url: string | undefined) => {
      if (whole.startsWith('`')) return whole;
      if (url !== undefined) return `<${url}|${label}>`;
      // "see https://x.dev." links https://x.dev, not the full stop.
      const bare = whole.replace(/[.,;:!?]+$/, '');
      return `<${bare}>${whole.slice(bare.length)}`;
    });
}

// Slack keeps /remind for itself and Cohort has no /help there: both go through /cohort.
const RESERVED = /(^|[\s`(])\/(remind|help)\b/g;

/** Replies name commands as on Discord and the shell; on Slack, `/remind off` is `/cohort remind off`. */
export const slackCommandNames = (text: string): string => text.replace(RESERVED, '$1/cohort $2');

/**
 * Where to cut escaped mrkdwn to at most `max` characters: at a space near
 * the end when there is one, and never inside a <…> link or an &…; entity.
 */
function cutIndex(s: string, max: number): number {
  let at = max;
  const space = s.lastIndexOf(' ', max);
  if (space > max * 0.8) at = space;
  const open = s.lastIndexOf('<', at - 1);
  if (open > s.lastIndexOf('>', at - 1)) at = open;
  const amp = s.lastIndexOf('&', at - 1);
  if (amp > s.lastIndexOf(';', at - 1)) at = amp;
  return at > 0 ? at : max;
}

/** Cuts to `max` characters with an ellipsis when it does not fit. */
export function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, cutIndex(s, max - 1)).trimEnd()}…`;
}

/** Splits mrkdwn into pieces of at most `max` characters, at line breaks where it can. */
function split(s: string, max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (let line of s.split('\n')) {
    while (line.length > max) {
      const at = cutIndex(line, max);
      if (current) pieces.push(current);
      current = '';
      pieces.push(line.slice(0, at));
      line = line.slice(at).trimStart();
    }
    if (current && current.length + 1 + line.length > max) {
      pieces.push(current);
      current = line;
    } else current = current ? `${current}\n${line}` : line;
  }
  if (current.trim()) pieces.push(current);
  return pieces;
}

// verbatim: Slack does no parsing of its own (no auto-mentions); links are made above.
const mrkdwn = (text: string): types.MrkdwnElement => ({ type: 'mrkdwn', text, verbatim: true });
const section = (text: string): types.SectionBlock => ({ type: 'section', text: mrkdwn(text) });

function fieldBlocks(fields: readonly Field[]): types.SectionBlock[] {
  const blocks: types.SectionBlock[] = [];
  let inline: types.MrkdwnElement[] = [];
  const flush = () => {
    if (inline.length) blocks.push({ type: 'section', fields: inline });
    inline = [];
  };
  for (const f of fields) {
    const text = `*${toMrkdwn(f.name)}*\n${toMrkdwn(f.value)}`;
    if (f.inline) {
      // Inline fields sit side by side in a section's fields (two columns on Slack).
      inline.push(mrkdwn(truncate(text, LIMITS.fieldText)));
      if (inline.length === LIMITS.fieldsPerSection) flush();
    } else {
      flush();
      blocks.push(...split(text, LIMITS.text).map(section));
    }
  }
  flush();
  return blocks;
}

const STYLE: Record<NonNullable<Button['style']>, types.Button['style']> = { primary: 'primary', success: 'primary', danger: 'danger', secondary: undefined };

function actionBlocks(buttons: readonly Button[]): types.ActionsBlock[] {
  const elements: types.Button[] = buttons
    .map((b, i) => ({
      type: 'button' as const,
      action_id: `${ACTION_PREFIX}${i}`,
      text: { type: 'plain_text' as const, text: truncate(b.label, LIMITS.buttonText), emoji: true },
      value: pressValue(b),
      ...(b.style && STYLE[b.style] && { style: STYLE[b.style] }),
    }))
    // Commands are short; a value over Slack's limit would make it reject the whole message.
    .filter((e) => e.value.length <= LIMITS.buttonValue);
  const blocks: types.ActionsBlock[] = [];
  for (let i = 0; i < elements.length; i += LIMITS.buttonsPerBlock) blocks.push({ type: 'actions', elements: elements.slice(i, i + LIMITS.buttonsPerBlock) });
  return blocks;
}

export function renderMessage(reply: Reply): SlackMessage {
  const head: types.KnownBlock[] = reply.title ? [{ type: 'header', text: { type: 'plain_text', text: truncate(reply.title, LIMITS.headerText), emoji: true } }] : [];
  const body: types.KnownBlock[] = [...(reply.text ? split(toMrkdwn(reply.text), LIMITS.text).map(section) : []), ...fieldBlocks(reply.fields ?? [])];
  const tail: types.KnownBlock[] = [
    ...(reply.footer ? [{ type: 'context' as const, elements: [mrkdwn(truncate(toMrkdwn(reply.footer), LIMITS.text))] }] : []),
    ...actionBlocks(reply.buttons ?? []),
  ];
  const room = LIMITS.blocks - head.length - tail.length;
  const fits = body.length <= room;
  const blocks = [
    ...head,
    ...(fits ? body : [...body.slice(0, room - 1), { type: 'context' as const, elements: [mrkdwn('…shortened: the rest did not fit in one Slack message.')] }]),
    ...tail,
  ];
  const summary = [reply.title, reply.text ?? reply.footer].filter((s) => s !== undefined).join('\n');
  return { text: truncate(toMrkdwn(summary || 'Cohort'), LIMITS.text), blocks };
}
