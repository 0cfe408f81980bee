// Answers one interaction, whatever state it is in. Discord wants an answer
// within 3 s: the first message is the interaction's reply, later ones are
// follow-ups; once deferred, the deferred message is edited instead, and it
// is removed if nothing ends up in it.
import { MessageFlags, type RepliableInteraction } from 'discord.js';
import { editInteractionMessage, replyToInteraction } from './callback.ts';
import { restMessage, type DiscordMessage } from './render.ts';

const payload = (m: DiscordMessage) => ({
  content: m.content ?? '',
  embeds: m.embeds,
  components: m.components,
  allowedMentions: m.allowedMentions,
  // Uploaded with the message (multipart); the embed shows it through attachment://<name>.
  ...(m.files && { files: m.files.map((f) => ({ attachment: f.data, name: f.name, description: f.description })) }),
});

/** PATCHes a message of the interaction's webhook (the answer, or a follow-up); valid for the token's 15 minutes. */
function webhookEdit(interaction: RepliableInteraction, messageId: string): (edited: DiscordMessage) => Promise<unknown> {
  const { client, applicationId, token } = interaction;
  const api = client.rest.options.api;
  return (edited) => {
    const { body, files } = restMessage(edited);
    return editInteractionMessage(api, applicationId, token, messageId, body, files);
  };
}

export class Responder {
  #deferred: { ephemeral: boolean; used: boolean } | undefined;

  constructor(readonly interaction: RepliableInteraction) {}

  get answered(): boolean {
    return this.interaction.replied || this.interaction.deferred;
  }

  /** Acknowledges now and answers later (Discord shows "thinking…" meanwhile). */
  async defer(ephemeral: boolean): Promise<void> {
    if (this.answered) return;
    await this.interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    this.#deferred = { ephemeral, used: false };
  }

  /**
   * Sends one message; returns how to edit it afterwards (to add a card drawn
   * later). The edit holds only the interaction's webhook token, not the
   * interaction: it may wait a while for a quiet moment.
   */
  async send(m: DiscordMessage): Promise<(edited: DiscordMessage) => Promise<unknown>> {
    const flags = m.ephemeral ? MessageFlags.Ephemeral : undefined;
    const d = this.#deferred;
    const original = webhookEdit(this.interaction, '@original');
    if (d && !d.used) {
      d.used = true;
      if (d.ephemeral === m.ephemeral) {
        await this.interaction.editReply(payload(m));
        return original;
      }
      // Discord makes the first follow-up after a defer *be* the deferred message, privacy
      // included; so it is filled with a short note first and the follow-up is a message of its own.
      await this.interaction.editReply({ content: d.ephemeral ? '✓ Posted in the channel.' : '✓', embeds: [], components: [] });
    }
    if (!this.answered && !m.files) {
      // The common answer, text and buttons only: straight to the callback endpoint (see callback.ts).
      const i = this.interaction;
      await replyToInteraction(i.client.rest.options.api, i.id, i.token, { ...restMessage(m).body, ...(flags && { flags }) });
      // discord.js's own state, so its later editReply/followUp/deleteReply know the answer exists.
      Object.assign(i, { replied: true, ephemeral: m.ephemeral });
      return original;
    }
    if (!this.answered) {
      await this.interaction.reply({ ...payload(m), ...(flags && { flags }) });
      return original;
    }
    const followUp = await this.interaction.followUp({ ...payload(m), ...(flags && { flags }) });
    return webhookEdit(this.interaction, followUp.id);
  }

  /** A deferred answer that nothing was sent into is deleted, so no "thinking…" is left behind. */
  async finish(): Promise<void> {
    const d = this.#deferred;
    if (d && !d.used) {
      d.used = true;
      await this.interaction.deleteReply().catch(() => undefined);
    }
  }
}
