// The baseline: a bare discord.js bot that answers every slash command with
// an ephemeral "ok", with discord.js's default caches. Plain JavaScript, run
// by node directly, as a bare bot would be.
import { Client, Events, GatewayIntentBits, MessageFlags } from 'discord.js';

const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: process.env.DISCORD_API_URL } });
client.on(Events.InteractionCreate, (interaction) => {
  if (interaction.isChatInputCommand()) void interaction.reply({ content: 'ok', flags: MessageFlags.Ephemeral });
});
client.once(Events.ClientReady, () => console.log(JSON.stringify({ msg: 'connected to Discord' })));
process.on('SIGTERM', () => void client.destroy().then(() => process.exit(0)));
await client.login(process.env.DISCORD_TOKEN);
