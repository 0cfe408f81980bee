// Replies rendered within Discord's limits, whatever their length.
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../../src/commands/types.ts';
import { renderReply } from '../../../src/platforms/discord/render.ts';
import { buttonId, parseCustomId } from '../../../src/platforms/discord/custom-id.ts';

const size = (e: { title?: string; description?: string; footer?: { text: string }; fields?: { name: string; value: string }[] }) =>
  (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);

describe('Discord rendering', () => {
  it('splits long text across embeds and messages, losing none of it', () => {
    const words = Array.from({ length: 3000 }, (_, i) => `word${i}`);
    const reply: Reply = { visibility: 'public', title: 'Long', text: words.join(' '), footer: 'end', buttons: [{ label: 'Next topic', command: '/roadmap next' }] };
    const messages = renderReply(reply);
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.embeds.length).toBeLessThanOrEqual(10);
      expect(m.embeds.reduce((n, e) => n + size(e), 0)).toBeLessThanOrEqual(6000);
      for (const e of m.embeds) expect((e.description ?? '').length).toBeLessThanOrEqual(4096);
    }
    const text = messages.flatMap((m) => m.embeds.map((e) => e.description ?? '')).join(' ');
    expect(text.split(/\s+/)).toEqual(words);
    // The title leads, the footer and buttons close.
    expect(messages[0]!.embeds[0]!.title).toBe('Long');
    expect(messages.at(-1)!.embeds.at(-1)!.footer?.text).toBe('end');
    expect(messages.at(-1)!.components).toHaveLength(1);
    expect(messages[0]!.components).toHaveLength(0);
  });

  it('keeps at most 25 fields per embed and trims field values to 1,024 characters', () => {
    const fields = Array.from({ length: 30 }, (_, i) => ({ name: `f${i}`, value: 'x'.repeat(2000) }));
    const messages = renderReply({ visibility: 'private', fields });
    const all = messages.flatMap((m) => m.embeds.flatMap((e) => e.fields ?? []));
    expect(all.map((f) => f.name)).toEqual(fields.map((f) => f.name));
    for (const f of all) expect(f.value.length).toBe(1024);
    for (const m of messages) {
      expect(m.ephemeral).toBe(true);
      expect(m.embeds.reduce((n, e) => n + size(e), 0)).toBeLessThanOrEqual(6000);
      for (const e of m.embeds) expect((e.fields ?? []).length).toBeLessThanOrEqual(25);
    }
  });

  it('pings only the people a reply names, from the message content', () => {
    const [m] = renderReply({ visibility: 'public', text: '@everyone <@&1> hi', notify: ['111', '222', '111'] });
    expect(m!.content).toBe('<@111> <@222>');
    expect(m!.allowedMentions).toEqual({ parse: [], users: ['111', '222'] });
    expect(renderReply({ visibility: 'public', text: '@here' })[0]!.allowedMentions).toEqual({ parse: [], users: [] });
  });

  it('puts the command, who may press and the modal wording in a custom id of at most 100 characters', () => {
    const ask = { title: 'Changes for #12', label: 'What should change?' };
    const id = buttonId({ label: 'Request changes', command: '/review changes 12', onlyFor: '123456789012345678', ask });
    expect(id.length).toBeLessThanOrEqual(100);
    expect(parseCustomId(id)).toEqual({ kind: 'ask', onlyFor: '123456789012345678', ...ask, command: '/review changes 12' });
    expect(parseCustomId(buttonId({ label: 'A', command: '/challenge answer A' }))).toEqual({ kind: 'run', onlyFor: '', command: '/challenge answer A' });
  });
});
