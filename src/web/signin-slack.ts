// Sign in with Slack: OpenID Connect (openid-client), authorization code with
// PKCE, state and nonce. The ID token names the user and the workspace
// (team); whether they are its admin or owner is asked of Slack by the running
// Slack platform (users.info), as for chat commands.
import * as client from 'openid-client';

export interface SlackSignInConfig {
  clientId: string;
  clientSecret: string;
  /** https://slack.com, or a fake's URL in tests. */
  issuer: string;
}

export function slackSignIn(cfg: SlackSignInConfig) {
  let discovered: Promise<client.Configuration> | undefined;
  const config = () =>
    (discovered ??= client
      .discovery(new URL(cfg.issuer), cfg.clientId, cfg.clientSecret, undefined, cfg.issuer.startsWith('http:') ? { execute: [client.allowInsecureRequests] } : undefined)
      .catch((err: unknown) => {
        discovered = undefined;
        throw err;
      }));
  return {
    async start(redirectUri: string) {
      const verifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const url = client.buildAuthorizationUrl(await config(), {
        redirect_uri: redirectUri,
        scope: 'openid profile',
        state,
        nonce,
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
      });
      return { url, state, verifier, nonce };
    },
    async finish(current: URL, redirectUri: string, expected: { state: string; verifier: string; nonce: string }) {
      const tokens = await client.authorizationCodeGrant(await config(), current, { pkceCodeVerifier: expected.verifier, expectedState: expected.state, expectedNonce: expected.nonce }, { redirect_uri: redirectUri });
      const claims = tokens.claims();
      const teamId = claims?.['https://slack.com/team_id'];
      const userId = claims?.['https://slack.com/user_id'] ?? claims?.sub;
      if (typeof teamId !== 'string' || typeof userId !== 'string') throw new Error('the ID token names no Slack team or user');
      return { teamId, userId, name: typeof claims?.name === 'string' ? claims.name : userId };
    },
  };
}
