// How commands are declared, and the platform-neutral reply they return.
// Every platform renders the same Reply: Discord as embeds and components,
// Slack as Block Kit, the shell as text.
import type { Logger } from '../log.ts';
import type { CommunityRow, MemberRow, Platform } from '../db/types.ts';
import type { Deps } from '../domain/deps.ts';

export type OptionType = 'string' | 'integer' | 'user' | 'channel' | 'choice';

export interface OptionDef {
  name: string;
  description: string;
  type: OptionType;
  required?: boolean;
  /** The allowed values of a 'choice' option. */
  choices?: readonly string[];
  /** Free text that takes the rest of the line (last option only). */
  rest?: boolean;
  /**
   * For an optional leading 'choice': typed text may leave it out, so a
   * positional word that is none of its choices is read as the next option.
   */
  skippable?: boolean;
  /** Values a platform can offer as autocomplete. */
  autocomplete?: 'roadmap' | 'track' | 'topic' | 'task' | 'timezone';
}

/** Who may run an action. Mentor rights are per group and checked by the domain. */
export type Access = 'everyone' | 'admin';

export interface ActionDef {
  description: string;
  options: readonly OptionDef[];
  access: Access;
  run(ctx: CommandContext, args: Args): Reply | Reply[] | Promise<Reply | Reply[]>;
}

export interface SubcommandDef extends ActionDef {
  name: string;
}

export type Command =
  | ({ name: string; subcommands?: undefined } & ActionDef)
  | { name: string; description: string; subcommands: readonly SubcommandDef[] };

export interface UserRef {
  id: string;
  /** Known when the platform sent it along with the mention. */
  name?: string | undefined;
}

/** Typed option values after parsing; user options are resolved to members. */
export interface Args {
  string(name: string): string | undefined;
  integer(name: string): number | undefined;
  member(name: string): MemberRow | undefined;
}

export interface CommandContext {
  deps: Deps;
  log: Logger;
  platform: Platform;
  community: CommunityRow;
  /** The member running the command. */
  member: MemberRow;
  isAdmin: boolean;
  channelId: string;
  /** The community's and channel's names, when the platform sent them. */
  names?: { community?: string | undefined; channel?: string | undefined };
  /** Why the bot cannot post in a channel, saying how to fix it; nothing when it can (or the platform cannot tell). */
  cannotPost?: (channelId: string) => Promise<string | undefined>;
}

export interface Field {
  name: string;
  value: string;
  inline?: boolean;
}

export interface Button {
  label: string;
  /** The command line a press runs, as if the presser typed it. */
  command: string;
  style?: 'primary' | 'secondary' | 'success' | 'danger';
  /** Platform user id of the only person who may press it. */
  onlyFor?: string;
  /** Ask the presser for text first (a modal on Discord and Slack); it is appended to `command`. */
  ask?: { title: string; label: string; placeholder?: string };
}

/** A picture (a rendered card) shown with a reply: an attachment on Discord, an uploaded file on Slack, a file in the shell. */
export interface Picture {
  png: Buffer;
  /** The file name, e.g. "progress.png". */
  name: string;
  /** What the picture shows, in words: alt text for screen readers and for anyone who cannot see it. */
  alt: string;
}

/** Draws a reply's card when the platform is ready for it; see `Reply.image`. */
export type DrawPicture = () => Promise<Picture | undefined>;

export interface Reply {
  /** Public replies are posted in the channel; private ones only to the person who ran the command. */
  visibility: 'public' | 'private';
  tone?: 'info' | 'success' | 'warning' | 'error';
  title?: string;
  /** Light Markdown: **bold**, `code`, [text](url), line breaks. */
  text?: string;
  fields?: Field[];
  buttons?: Button[];
  footer?: string;
  /** Platform user ids this reply may notify (mentions are off otherwise). */
  notify?: string[];
  /** Post in this channel instead of where the command ran (e.g. a review channel). */
  channelId?: string;
  /**
   * Continue a conversation in a thread: platforms post in the thread known
   * for `key`, or open one named `title` on this message when there is none.
   */
  thread?: { key: string; title: string };
  /**
   * A card shown with the reply; the reply's text stays the fallback. A card
   * attached to an answer comes as a function that draws it: platforms send
   * the answer first and add the card when it is drawn, so nobody waits for a
   * picture. It may come to nothing (a failed render, or one skipped while the
   * renderer is backed up), and then the text stands alone.
   */
  image?: Picture | DrawPicture;
  /** Remember where this message lands under `key`, so a later reply can edit it (a submission's post). */
  post?: { key: string };
  /**
   * Edit the message remembered under `key` in place instead of posting (buttons included:
   * none given means they go). Nothing is posted when no message is known for the key.
   */
  edit?: { key: string };
  /** Send privately to this platform user instead (a direct message), whoever ran the command. */
  directTo?: string;
  /**
   * Set by a command whose answer is shown before its writes are saved (Store.decide):
   * settles once they are. The dispatcher turns it into `correction`.
   */
  saved?: Promise<void>;
  /**
   * What replaces the answer if its writes could not be saved after all, or
   * nothing once they are. Platforms send the answer first, then wait for this:
   * Discord edits the answer into it, Slack and the shell send it after.
   */
  correction?: Promise<Reply | undefined>;
}
