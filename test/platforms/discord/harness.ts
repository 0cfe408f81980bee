// The real Cohort Discord bot (discord.js, real SQLite, real migrations)
// logged in to the fake Discord on 127.0.0.1, and a way to talk to it as a
// member: send an interaction, wait until the bot has answered, read what
// the member (or the channel) sees.
import { MessageFlags, type APIEmbed, type APIMessage } from 'discord.js';
import { afterEach } from 'vitest';
import { createLogger, type Logger } from '../../../src/log.ts';
import { startDiscord, type RunningDiscord } from '../../../src/platforms/discord/start.ts';
import { FakeDiscord, type CommandInput, type OptionInput, type FakeDiscordOptions, type InteractionState, type RecordedRequest } from '../../fakes/discord/index.ts';
import { testApp, type TestApp } from '../../helpers/app.ts';

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

/** What one message shows: content, then each embed's title, text, fields and footer. */
export function textOf(m: Pick<APIMessage, 'content' | 'embeds'> | { content?: string; embeds?: APIEmbed[] }): string {
  const parts = [m.content ?? ''];
  for (const e of m.embeds ?? []) {
    parts.push(e.title ?? '', e.description ?? '', ...(e.fields ?? []).map((f) => `${f.name}: ${f.value}`), e.footer?.text ?? '');
  }
  return parts.filter(Boolean).join('\n');
}

export const isEphemeral = (m: APIMessage) => ((m.flags ?? 0) & MessageFlags.Ephemeral) !== 0;

/** The custom ids of a message's buttons, by label. */
export function buttonsOf(m: APIMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const row of m.components ?? []) for (const c of 'components' in row ? row.components : []) if ('label' in c && 'custom_id' in c && c.label) out[c.label] = c.custom_id;
  return out;
}

export interface Answer {
  state: InteractionState;
  /** The answer's messages in order (original, then follow-ups), as the member sees them. */
  messages: APIMessage[];
  /** All their text, joined. */
  text: string;
}

export interface Harness {
  fake: FakeDiscord;
  app: TestApp;
  bot: RunningDiscord;
  channel: { id: string; name: string };
  /** `/name sub option:value` as `user` (a username) in `channel` (a name or id; the default text channel) of `guild` (an id; the first guild). */
  command(user: string, line: string, options?: Record<string, OptionInput>, where?: { channel?: string; guild?: string }): Promise<Answer>;
  /** Presses the button labelled `label` on `message` as `user`. */
  press(user: string, message: APIMessage, label: string): Promise<Answer>;
  /** Fills in the modal an answer showed, as `user`. */
  submitModal(user: string, shown: Answer, text: string): Promise<Answer>;
  /** Waits until the bot has answered `interaction` and finished with it. */
  answered(interaction: { id: string; token: string }): Promise<Answer>;
  /** Messages the bot posted in a channel or thread (not interaction answers). */
  posts(channelId: string): APIMessage[];
  /** REST requests matching, so far. */
  requests(match: (r: RecordedRequest) => boolean): RecordedRequest[];
}

export async function discordHarness(opts: { fake?: FakeDiscordOptions; now?: string; deferAfterMs?: number; roadmapsDir?: string; log?: Logger } = {}): Promise<Harness> {
  const fake = await FakeDiscord.start(opts.fake);
  const app = await testApp({ now: opts.now, roadmapsDir: opts.roadmapsDir });
  const bot = await startDiscord({ app, config: { token: fake.token, apiUrl: fake.restUrl }, log: opts.log ?? createLogger('silent'), deferAfterMs: opts.deferAfterMs });
  stops.push(async () => {
    await bot.stop();
    await fake.close();
  });
  const channel = fake.textChannel();

  const answered = async (i: { id: string; token: string }): Promise<Answer> => {
    await fake.waitForCallback(i);
    await bot.idle();
    const state = fake.interaction(i.id);
    const ids = [state.originalMessageId, ...state.followUpIds].filter((id): id is string => id !== null);
    const messages = ids.map((id) => fake.message(id)).filter((m): m is APIMessage => m !== undefined);
    return { state, messages, text: messages.map(textOf).join('\n---\n') };
  };

  return {
    fake,
    app,
    bot,
    channel,
    answered,
    async command(user, line, options = {}, where = {}) {
      const [name = '', subcommand] = line.replace(/^\//, '').split(/\s+/);
      const input: CommandInput = { name, user, options, ...(subcommand && { subcommand }), ...(where.channel && { channel: where.channel }), ...(where.guild && { guildId: where.guild }) };
      return answered(fake.sendCommand(input));
    },
    async press(user, message, label) {
      const customId = buttonsOf(message)[label];
      if (!customId) throw new Error(`no "${label}" button on message ${message.id}: ${Object.keys(buttonsOf(message)).join(', ')}`);
      return answered(fake.sendComponent({ user, customId, message: message.id, channel: message.channel_id }));
    },
    async submitModal(user, shown, text) {
      const modal = shown.state.modal;
      if (!modal) throw new Error('that answer showed no modal');
      const inputId = (modal.components[0] as { components: { custom_id: string }[] }).components[0]!.custom_id;
      const source = shown.state.sourceMessageId ?? undefined;
      return answered(fake.sendModalSubmit({ user, customId: modal.custom_id, fields: { [inputId]: text }, ...(source && { message: source }), channel: shown.state.channelId }));
    },
    posts: (channelId) => fake.messagesIn(channelId).filter((m) => m.interaction_metadata === undefined && m.webhook_id === undefined),
    requests: (match) => fake.requests.filter(match),
  };
}
