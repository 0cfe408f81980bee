// The app manifest an admin creates the Slack app from matches what the
// adapter serves: a slash command for each Cohort command (but the two that
// go through /cohort), escaped mentions, interactivity, Socket Mode, and only
// the bot scopes Cohort uses.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { commands } from '../../../src/commands/index.ts';

interface Manifest {
  features: { slash_commands: { command: string; description: string; should_escape: boolean }[]; bot_user: { display_name: string } };
  oauth_config: { scopes: { bot: string[] } };
  settings: { interactivity: { is_enabled: boolean }; socket_mode_enabled: boolean };
}

const manifest = parse(readFileSync(new URL('../../../src/platforms/slack/manifest.yaml', import.meta.url), 'utf8')) as Manifest;

describe('the Slack app manifest', () => {
  it('declares a slash command for every Cohort command; /help and /remind (a Slack built-in) go through /cohort', () => {
    const declared = manifest.features.slash_commands.map((c) => c.command);
    const own = commands.map((c) => `/${c.name}`).filter((c) => c !== '/help' && c !== '/remind');
    expect(declared).toEqual([...own, '/cohort']);
    expect(declared).toEqual(expect.arrayContaining(['/roadmap', '/challenge', '/streak', '/leaderboard', '/review', '/group']));
    for (const c of manifest.features.slash_commands) {
      expect(c.should_escape, c.command).toBe(true);
      expect(c.description.length, c.command).toBeLessThanOrEqual(100);
    }
  });

  it('asks only for the scopes Cohort uses, with interactivity and Socket Mode on', () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(['commands', 'chat:write', 'users:read', 'files:write', 'channels:read', 'groups:read']);
    expect(manifest.settings).toMatchObject({ interactivity: { is_enabled: true }, socket_mode_enabled: true });
    // The bot's name is what `/invite @Cohort` in Cohort's messages refers to.
    expect(manifest.features.bot_user.display_name).toBe('Cohort');
  });
});
