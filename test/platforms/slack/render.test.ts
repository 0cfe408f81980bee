// Replies as Slack shows them: Markdown as mrkdwn, members' text escaped so
// it cannot mention anyone, and long replies cut to Slack's limits instead
// of being rejected by it.
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/commands/types.ts';
import { escapeText, fromSlackText } from '../../../src/platforms/slack/escape.ts';
import { LIMITS, renderMessage, toMrkdwn } from '../../../src/platforms/slack/render.ts';

type AnyBlock = { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { text?: unknown; value?: string; action_id?: string }[] };
const blocksOf = (reply: Reply) => renderMessage(reply).blocks as AnyBlock[];
const texts = (blocks: AnyBlock[]) => blocks.flatMap((b) => [b.text?.text, ...(b.fields ?? []).map((f) => f.text)]).filter((t): t is string => t !== undefined);

describe('Markdown → Slack mrkdwn', () => {
  it('turns **bold** and [text](url) into Slack syntax, links bare URLs but not inside code', () => {
    expect(toMrkdwn('**Resources**\n• [MDN](https://developer.mozilla.org/a?b=1&c=2)')).toBe('*Resources*\n• <https://developer.mozilla.org/a?b=1&amp;c=2|MDN>');
    // Slack keeps /remind for itself: replies point at /cohort instead.
    expect(toMrkdwn('Turn these off with /remind off, or `/remind time 19:30`; /help lists all. /reminders stay.')).toBe(
      'Turn these off with /cohort remind off, or `/cohort remind time 19:30`; /cohort help lists all. /reminders stay.',
    );
    expect(toMrkdwn('see https://github.com/alice/v1. Or `/challenge submit https://x.dev`')).toBe('see <https://github.com/alice/v1>. Or `/challenge submit https://x.dev`');
  });

  it("keeps the bot's own user and channel refs and escapes everything else", () => {
    expect(escapeText('<@U0ALICE> in <#C0STUDY|study>: a < b && c > d')).toBe('<@U0ALICE> in <#C0STUDY>: a &lt; b &amp;&amp; c &gt; d');
    expect(escapeText('<!channel> <!here> <!everyone> <!subteam^S1|@devs> <https://evil|click>')).toBe(
      '&lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; &lt;!subteam^S1|@devs&gt; &lt;https://evil|click&gt;',
    );
    // A quote at the start of a line stays a quote.
    expect(escapeText('said:\n> hi')).toBe('said:\n> hi');
  });

  it('reads command text as Slack sends it (should_escape) into plain text for the parser', () => {
    expect(fromSlackText('add <@U0MAYA|maya> in <#C0REVIEWS|reviews>')).toBe('add <@U0MAYA> in <#C0REVIEWS|reviews>');
    expect(fromSlackText('<https://github.com/a/b|github.com/a/b> <mailto:a@b.dev|a@b.dev>')).toBe('https://github.com/a/b a@b.dev');
    expect(fromSlackText('<!channel> <!here|here> <!subteam^S1|@devs> &lt;!everyone&gt; a &amp; b')).toBe('@channel @here @devs <!everyone> a & b');
  });
});

describe('Reply → Block Kit', () => {
  it('lays a reply out as header, text, fields (inline ones side by side), context footer and buttons', () => {
    const blocks = blocksOf({
      visibility: 'public',
      title: 'Your progress · Mini',
      text: '▰▱ 10%',
      fields: [
        { name: 'Stage', value: '1 of 2' },
        { name: 'Topics', value: '1 of 3', inline: true },
        { name: 'Streak', value: '🔥 1 day', inline: true },
      ],
      footer: 'Keep going',
      buttons: [
        { label: 'Next topic', command: '/roadmap next', style: 'primary', onlyFor: 'U0ALICE' },
        { label: 'Request changes', command: '/review changes 1', style: 'danger', ask: { title: 'Changes', label: 'What?' } },
      ],
    });
    expect(blocks.map((b) => b.type)).toEqual(['header', 'section', 'section', 'section', 'context', 'actions']);
    expect(blocks[3]!.fields!.map((f) => f.text)).toEqual(['*Topics*\n1 of 3', '*Streak*\n🔥 1 day']);
    const [next, changes] = blocks[5]!.elements!;
    expect(next).toMatchObject({ type: 'button', style: 'primary', action_id: 'cohort:0' });
    expect(JSON.parse(next!.value!)).toEqual({ command: '/roadmap next', onlyFor: 'U0ALICE' });
    expect(changes).toMatchObject({ style: 'danger', action_id: 'cohort:1' });
  });

  it('splits long text into sections of at most 3,000 characters, at line breaks, losing nothing', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `line ${i} ${'x'.repeat(60)} & more`);
    const sections = texts(blocksOf({ visibility: 'public', text: lines.join('\n') }));
    expect(sections.length).toBeGreaterThan(1);
    for (const s of sections) expect(s.length).toBeLessThanOrEqual(LIMITS.text);
    expect(sections.join('\n')).toBe(toMrkdwn(lines.join('\n')));
  });

  it('cuts a single huge line without breaking an escaped character or a link', () => {
    // A 4,000-character submission on one line, full of links and characters Slack needs escaped.
    const sections = texts(blocksOf({ visibility: 'public', text: 'see https://x.dev/a?b=1&c=2 &&<b> '.repeat(120) }));
    expect(sections.length).toBeGreaterThan(1);
    for (const s of sections) {
      expect(s.length).toBeLessThanOrEqual(LIMITS.text);
      expect(s).not.toMatch(/&(?!(?:amp|lt|gt);)|<[^>]*$|^[^<]*>/);
    }
  });

  it('keeps at most 10 fields a section and 2,000 characters a field', () => {
    const fields = Array.from({ length: 25 }, (_, i) => ({ name: `F${i}`, value: 'v'.repeat(2_500), inline: true }));
    const sections = blocksOf({ visibility: 'public', fields }).filter((b) => b.fields);
    expect(sections.map((s) => s.fields!.length)).toEqual([10, 10, 5]);
    for (const f of sections.flatMap((s) => s.fields!)) expect(f.text.length).toBeLessThanOrEqual(LIMITS.fieldText);
  });

  it('stays within 50 blocks, saying it shortened, and keeps the footer and buttons', () => {
    const fields = Array.from({ length: 80 }, (_, i) => ({ name: `Topic ${i}`, value: 'details' }));
    const blocks = blocksOf({ visibility: 'public', title: 'Roadmaps', fields, footer: 'the end', buttons: [{ label: 'Go', command: '/roadmap list' }] });
    expect(blocks).toHaveLength(LIMITS.blocks);
    expect(blocks.slice(-3).map((b) => b.type)).toEqual(['context', 'context', 'actions']);
    expect(JSON.stringify(blocks.at(-3))).toContain('shortened');
  });

  it('gives a plain-text fallback for notifications: the title and text', () => {
    expect(renderMessage({ visibility: 'public', title: 'Daily challenge', text: 'Which **one**?' }).text).toBe('Daily challenge\nWhich *one*?');
  });
});
