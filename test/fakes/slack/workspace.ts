// The fake workspace's state: team, the app's bot, users, channels and the
// messages the app has posted (so chat.update can find them, as in Slack).
import { randomBytes } from 'node:crypto';

export interface FakeTeam {
  id: string;
  domain: string;
  name: string;
}

export interface FakeBot {
  /** The bot user (`auth.test` → user_id); messages it posts carry it as `user`. */
  userId: string;
  /** `auth.test` → bot_id; bolt's ignoreSelf middleware compares it with events. */
  botId: string;
  appId: string;
  name: string;
}

export interface FakeUserInit {
  id: string;
  name?: string;
  real_name?: string;
  display_name?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  is_bot?: boolean;
  deleted?: boolean;
  tz?: string;
}

export interface FakeChannelInit {
  id: string;
  name?: string;
  is_private?: boolean;
  /** Whether the bot is in the channel; when false, chat.postMessage answers `not_in_channel` as Slack does. */
  is_member?: boolean;
  is_archived?: boolean;
}

export interface FakeChannel extends Required<FakeChannelInit> {
  is_im: boolean;
  is_mpim: boolean;
  /** For a DM (`D…`): the other party. */
  user?: string;
  created: number;
}

export interface StoredMessage {
  type: 'message';
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown;
  attachments?: unknown;
  thread_ts?: string;
  user: string;
  bot_id: string;
  app_id: string;
  team: string;
  edited?: { user: string; ts: string };
}

export const DEFAULT_TEAM: FakeTeam = { id: 'T0FAKETEAM', domain: 'cohort-fake', name: 'Cohort Fake' };
export const DEFAULT_BOT: FakeBot = { userId: 'U0FAKEBOT', botId: 'B0FAKEBOT', appId: 'A0FAKEAPP', name: 'cohort' };

export class Workspace {
  readonly users = new Map<string, FakeUserInit>();
  readonly channels = new Map<string, FakeChannel>();
  /** channel → ts → message */
  readonly messages = new Map<string, Map<string, StoredMessage>>();
  readonly #dms = new Map<string, string>();
  #tsCounter = 0;
  readonly #tsBase = Math.floor(Date.now() / 1000);
  #idCounter = 0;

  constructor(
    readonly team: FakeTeam = DEFAULT_TEAM,
    readonly bot: FakeBot = DEFAULT_BOT,
  ) {}

  addUser(user: FakeUserInit): void {
    this.users.set(user.id, user);
  }

  addChannel(init: FakeChannelInit): FakeChannel {
    const channel: FakeChannel = {
      id: init.id,
      name: init.name ?? init.id.toLowerCase(),
      is_private: init.is_private ?? false,
      is_member: init.is_member ?? true,
      is_archived: init.is_archived ?? false,
      is_im: false,
      is_mpim: false,
      created: this.#tsBase,
    };
    this.channels.set(channel.id, channel);
    return channel;
  }

  /** The DM channel with `userId`, created on first use (conversations.open). */
  openDm(userId: string): { id: string; created: boolean } {
    const existing = this.#dms.get(userId);
    if (existing !== undefined) return { id: existing, created: false };
    const id = `D${this.nextId()}`;
    this.#dms.set(userId, id);
    this.channels.set(id, {
      id,
      name: id,
      is_private: true,
      is_member: true,
      is_archived: false,
      is_im: true,
      is_mpim: false,
      user: userId,
      created: this.#tsBase,
    });
    return { id, created: true };
  }

  /**
   * Message timestamps are Slack's message ids: "<unix seconds>.<6 digits>",
   * unique per channel and increasing. A counter keeps them unique within a test.
   */
  nextTs(): string {
    this.#tsCounter += 1;
    return `${this.#tsBase + Math.floor(this.#tsCounter / 1_000_000)}.${String(this.#tsCounter % 1_000_000).padStart(6, '0')}`;
  }

  /** An upper-case alphanumeric id like Slack's (`C…`, `V…`, `D…` prefixes are added by callers). */
  nextId(): string {
    this.#idCounter += 1;
    return `${String(this.#idCounter).padStart(4, '0')}${randomBytes(3).toString('hex').toUpperCase()}`;
  }

  storeMessage(message: StoredMessage): void {
    let byTs = this.messages.get(message.channel);
    if (byTs === undefined) {
      byTs = new Map();
      this.messages.set(message.channel, byTs);
    }
    byTs.set(message.ts, message);
  }

  message(channel: string, ts: string): StoredMessage | undefined {
    return this.messages.get(channel)?.get(ts);
  }
}
