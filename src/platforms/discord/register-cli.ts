// `npm run discord:register`: run once after install and whenever the
// commands change, not at every start (Discord rate-limits registration).
import { commands } from '../../commands/index.ts';
import { ConfigError, loadConfig } from '../../config.ts';
import { inviteUrl } from './invite.ts';
import { registerCommands } from './register.ts';

try {
  const config = loadConfig();
  if (!config.discord) throw new ConfigError(['DISCORD_TOKEN and DISCORD_APPLICATION_ID: both are needed to register commands (see README → Discord)']);
  const env = config.discord;
  const { scope, names } = await registerCommands(commands, env);
  console.log(
    scope === 'guild'
      ? `Registered ${names.length} commands in server ${env.guildId}: /${names.join(', /')}. They are usable right away.`
      : `Registered ${names.length} global commands: /${names.join(', /')}. Discord may take up to an hour to show them everywhere.`,
  );
  console.log(`Invite Cohort to a server: ${inviteUrl(env.applicationId)}`);
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : `Registering the commands failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
