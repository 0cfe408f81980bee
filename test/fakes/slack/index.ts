// A fake Slack for tests: Web API, response_url sink, Socket Mode server, and
// signed HTTP requests + payload builders to drive an app's HTTP endpoint.
// Everything listens on 127.0.0.1, ephemeral ports. See ../slack.test.ts.
//
// HTTP mode:
//   const fake = await startFakeSlack({ users: [{ id: 'U1', is_admin: true }] });   // before new App(): it calls auth.test
//   const app = new App({ token: fake.botToken, signingSecret, logLevel: LogLevel.ERROR,
//     clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } } });
//   const url = receiverUrl(await app.start({ host: '127.0.0.1', port: 0 }));
//   const cmd = fake.payloads.slashCommand({ command: '/roadmap', text: 'start', response_url: fake.responseUrl('r1') });
//   await signedRequest(url, formBody(cmd), signingSecret);                 // interactions: interactiveBody(payload)
//   await fake.waitForResponse('r1'); await fake.waitFor('chat.postMessage');
//   fake.failNext('chat.postMessage', 'not_in_channel'); fake.rateLimitNext('users.info', 1);
//
// Socket Mode:
//   const app = new App({ token: fake.botToken, appToken: fake.appToken, socketMode: true,
//     clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } } });
//   await app.start();                                                      // resolves on the fake's hello
//   const ack = await fake.socket.send('slash_commands', fake.payloads.slashCommand({ command: '/roadmap' }));
//   // ack = { envelope_id, payload: <what ack() was given, {} if nothing> }
//
// Always `await app.stop()` before `await fake.close()`.
export { FakeSlack, startFakeSlack, type FakeSlackOptions, type FakeSocketMode } from './fake-slack.ts';
export { SlackApiError, type MethodContext, type MethodHandler, type MethodResult } from './methods.ts';
export { DEFAULT_CHANNEL, DEFAULT_USER, inputValue, payloadBuilders, selectValue, triggerId, type BlockActionsInit, type PayloadBuilders, type SlashCommandInit, type ViewSubmissionInit } from './payloads.ts';
export { DEFAULT_WAIT_MS, deferred, withTimeout, type Deferred, type WaitOptions } from './recorder.ts';
export type { ResponseUrlPost } from './response-url.ts';
export { formBody, interactiveBody, jsonBody, receiverUrl, signedRequest, slackSignature, type SignedRequestOptions, type SlackHttpBody, type SlackHttpResponse } from './signing.ts';
export type { EnvelopeType, SocketAck, SocketEnvelope, SocketMessageFromApp } from './socket-mode.ts';
export type { WebApiCall } from './web-api.ts';
export { DEFAULT_BOT, DEFAULT_TEAM, type FakeChannelInit, type FakeUserInit, type StoredMessage } from './workspace.ts';
