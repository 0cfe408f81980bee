// /group setup on Discord refuses a channel where Cohort lacks what it needs
// (posting, embeds, card files, review threads), naming the missing
// permissions, and creates nothing; the invite asks for exactly those.
import { PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { INVITE_PERMISSIONS } from '../../../src/platforms/discord/invite.ts';
import { DEFAULT_BOT_PERMISSIONS, DEFAULT_EVERYONE_PERMISSIONS, DEFAULT_GUILD_SEED } from '../../fakes/discord/index.ts';
import { discordHarness, isEphemeral } from './harness.ts';

const without = (perms: bigint, ...flags: bigint[]) => flags.reduce((p, f) => p & ~f, perms);

describe('Discord: /group setup checks the channel', () => {
  it('refuses a channel where Cohort may not post or attach cards, naming what is missing, and creates nothing', async () => {
    const take = [PermissionFlagsBits.SendMessages, PermissionFlagsBits.AttachFiles];
    const h = await discordHarness({
      fake: {
        guilds: [
          {
            ...DEFAULT_GUILD_SEED,
            owner: 'alice',
            everyonePermissions: without(DEFAULT_EVERYONE_PERMISSIONS, ...take),
            botPermissions: without(DEFAULT_BOT_PERMISSIONS, ...take),
            channels: [{ name: 'study' }],
            members: [{ username: 'alice', globalName: 'Alice' }],
          },
        ],
      },
    });
    const refused = await h.command('alice', '/group setup', { roadmap: 'mini', timezone: 'Europe/Berlin' }, { channel: 'study' });
    expect(isEphemeral(refused.messages[0]!)).toBe(true);
    expect(refused.text).toContain('missing **Send Messages** and **Attach Files** there');
    expect(refused.text).toContain('Edit Channel → Permissions');
    expect(refused.text).toContain('Nothing was changed.');
    expect((await h.command('alice', '/group settings', {}, { channel: 'study' })).text).toContain('no study group');
  });

  it('asks for exactly the permissions the check needs in the invite', () => {
    expect(INVITE_PERMISSIONS).toBe(309237697536n);
    expect(INVITE_PERMISSIONS & PermissionFlagsBits.AttachFiles).toBe(PermissionFlagsBits.AttachFiles);
  });
});
