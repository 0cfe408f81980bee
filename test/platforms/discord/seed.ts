// The server the Discord tests play in: alice owns it (an admin), maya is
// a mentor, bob and carol are learners. #study is the group's channel.
import { DEFAULT_GUILD_SEED, type FakeDiscordOptions } from '../../fakes/discord/index.ts';
import { discordHarness, type Harness } from './harness.ts';

export const SERVER: FakeDiscordOptions = {
  guilds: [
    {
      ...DEFAULT_GUILD_SEED,
      owner: 'alice',
      channels: [
        { name: 'Study', type: 'category' },
        // First, so Cohort's welcome lands here.
        { name: 'general', parent: 'Study' },
        { name: 'study', parent: 'Study' },
        { name: 'reviews', parent: 'Study' },
      ],
      members: [{ username: 'alice', globalName: 'Alice' }, { username: 'maya', globalName: 'Maya' }, { username: 'bob', globalName: 'Bob' }, { username: 'carol', globalName: 'Carol' }],
    },
  ],
};

/** A server with a study group in #study on the mini roadmap, maya as its mentor. */
export async function studyServer(opts: { deferAfterMs?: number; now?: string } = {}): Promise<Harness & { id: (name: string) => string }> {
  const h = await discordHarness({ fake: SERVER, ...opts });
  const id = (name: string) => h.fake.user(name).id;
  const setup = await h.command('alice', '/group setup', { roadmap: 'mini', timezone: 'Europe/Berlin' }, { channel: 'study' });
  if (!setup.text.includes('mini')) throw new Error(`setup failed: ${setup.text}`);
  await h.command('alice', '/group mentor', { action: 'add', member: { user: 'maya' } }, { channel: 'study' });
  return { ...h, channel: h.fake.textChannel('study'), id };
}
