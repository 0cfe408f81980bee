// The baseline: a bare bolt app on the HTTP receiver that acknowledges every
// slash command and then answers "ok" through response_url, as Cohort does.
import bolt from '@slack/bolt';

const app = new bolt.App({
  token: process.env.SLACK_BOT_TOKEN,
  signingSecret: process.env.SLACK_SIGNING_SECRET,
  logLevel: bolt.LogLevel.ERROR,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
});
app.command(/.*/, async ({ ack, respond }) => {
  await ack();
  await respond({ text: 'ok', response_type: 'ephemeral' });
});
process.on('SIGTERM', () => void app.stop().then(() => process.exit(0)));
const server = await app.start({ host: '127.0.0.1', port: Number(process.env.PORT) });
console.log(JSON.stringify({ msg: 'slack: connected', url: `http://127.0.0.1:${server.address().port}/slack/events` }));
