// A fake sign-in provider on 127.0.0.1 for the dashboard's tests, speaking
// both protocols the dashboard uses:
// - Discord's OAuth2 (under /api): authorize → code, token (PKCE S256 and the
//   client secret checked), then /v10/users/@me and /v10/users/@me/guilds with
//   the bearer token;
// - Slack's OpenID Connect: discovery, authorize, token (PKCE checked) with an
//   ID token signed RS256 by a key generated at start (jose), and its JWKS.
// The "browser" is approved at once as whoever `signInAs` last named.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';

export interface DiscordUser {
  id: string;
  username: string;
  guilds: { id: string; name?: string; owner?: boolean; permissions: string }[];
}

export interface SlackUser {
  teamId: string;
  userId: string;
  name: string;
}

interface Grant {
  clientId: string;
  redirectUri: string;
  challenge: string;
  nonce?: string;
  discord?: DiscordUser;
  slack?: SlackUser;
}

export const MANAGE_GUILD = String(1 << 5);

export class FakeOAuth {
  /** Discord tokens handed out, to revoke one (a stale session must then sign in again). */
  readonly tokens = new Map<string, DiscordUser>();
  readonly requests: { method: string; path: string }[] = [];
  private discordUser: DiscordUser | undefined;
  private slackUser: SlackUser | undefined;
  private readonly grants = new Map<string, Grant>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly client: { id: string; secret: string },
    private readonly key: { privateKey: Awaited<ReturnType<typeof generateKeyPair>>["privateKey"]; jwk: JWK },
  ) {}

  static async start(client = { id: '123456789012345678', secret: 'fake-client-secret-0123456789' }): Promise<FakeOAuth> {
    const { privateKey, publicKey } = await generateKeyPair('RS256');
    const jwk = { ...(await exportJWK(publicKey)), kid: 'fake-1', alg: 'RS256', use: 'sig' };
    let fake: FakeOAuth | undefined;
    const server = createServer((req, res) => {
      void fake!.handle(req).then(
        (out) => {
          res.writeHead(out.status, { 'content-type': 'application/json', ...out.headers });
          res.end(out.body === undefined ? '' : JSON.stringify(out.body));
        },
        (err: unknown) => {
          res.writeHead(500);
          res.end(String(err));
        },
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    fake = new FakeOAuth(server, url, client, { privateKey, jwk });
    return fake;
  }

  /** Discord's API base for these endpoints (DISCORD_API_URL). */
  get discordApiUrl(): string {
    return `${this.url}/api`;
  }

  signInAsDiscord(user: DiscordUser): void {
    this.discordUser = user;
  }

  signInAsSlack(user: SlackUser): void {
    this.slackUser = user;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body?: unknown; headers?: Record<string, string> }> {
    const url = new URL(req.url ?? '/', this.url);
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname });
    const q = url.searchParams;
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    switch (`${req.method} ${url.pathname}`) {
      case 'GET /api/oauth2/authorize':
      case 'GET /openid/connect/authorize': {
        const slack = url.pathname.startsWith('/openid');
        if (q.get('response_type') !== 'code' || q.get('client_id') !== this.client.id || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) {
          return { status: 400, body: { error: 'invalid_request' } };
        }
        const scope = (q.get('scope') ?? '').split(' ');
        if (slack ? !scope.includes('openid') : !(scope.includes('identify') && scope.includes('guilds'))) return { status: 400, body: { error: 'invalid_scope' } };
        const code = randomBytes(12).toString('hex');
        this.grants.set(code, {
          clientId: this.client.id,
          redirectUri: q.get('redirect_uri')!,
          challenge: q.get('code_challenge')!,
          nonce: q.get('nonce') ?? undefined,
          ...(slack ? { slack: this.slackUser } : { discord: this.discordUser }),
        });
        const back = new URL(q.get('redirect_uri')!);
        back.searchParams.set('code', code);
        back.searchParams.set('state', q.get('state') ?? '');
        return { status: 302, headers: { location: back.toString() } };
      }
      case 'POST /api/oauth2/token':
      case 'POST /openid/connect/token': {
        const form = new URLSearchParams(await text(req));
        const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
        const [id, secret] = basic ? Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent) : [form.get('client_id'), form.get('client_secret')];
        if (id !== this.client.id || secret !== this.client.secret) return { status: 401, body: { error: 'invalid_client' } };
        const grant = this.grants.get(form.get('code') ?? '');
        this.grants.delete(form.get('code') ?? '');
        const verifier = form.get('code_verifier') ?? '';
        if (!grant || grant.redirectUri !== form.get('redirect_uri') || createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) {
          return { status: 400, body: { error: 'invalid_grant' } };
        }
        const accessToken = randomBytes(16).toString('hex');
        if (grant.discord) {
          this.tokens.set(accessToken, grant.discord);
          return { status: 200, body: { access_token: accessToken, token_type: 'Bearer', expires_in: 604800, refresh_token: 'r', scope: 'identify guilds' } };
        }
        const user = grant.slack!;
        const idToken = await new SignJWT({ nonce: grant.nonce, name: user.name, 'https://slack.com/team_id': user.teamId, 'https://slack.com/user_id': user.userId })
          .setProtectedHeader({ alg: 'RS256', kid: 'fake-1' })
          .setIssuer(this.url)
          .setAudience(this.client.id)
          .setSubject(user.userId)
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(this.key.privateKey);
        return { status: 200, body: { ok: true, access_token: accessToken, token_type: 'Bearer', id_token: idToken } };
      }
      case 'GET /api/v10/users/@me': {
        const user = bearer ? this.tokens.get(bearer) : undefined;
        return user ? { status: 200, body: { id: user.id, username: user.username, global_name: user.username } } : { status: 401, body: { message: '401: Unauthorized', code: 0 } };
      }
      case 'GET /api/v10/users/@me/guilds': {
        const user = bearer ? this.tokens.get(bearer) : undefined;
        return user ? { status: 200, body: user.guilds.map((g) => ({ name: g.id, owner: false, ...g })) } : { status: 401, body: { message: '401: Unauthorized', code: 0 } };
      }
      case 'GET /.well-known/openid-configuration':
        return {
          status: 200,
          body: {
            issuer: this.url,
            authorization_endpoint: `${this.url}/openid/connect/authorize`,
            token_endpoint: `${this.url}/openid/connect/token`,
            jwks_uri: `${this.url}/openid/connect/keys`,
            response_types_supported: ['code'],
            subject_types_supported: ['public'],
            id_token_signing_alg_values_supported: ['RS256'],
            scopes_supported: ['openid', 'profile', 'email'],
            token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
            code_challenge_methods_supported: ['S256'],
          },
        };
      case 'GET /openid/connect/keys':
        return { status: 200, body: { keys: [this.key.jwk] } };
      default:
        return { status: 404, body: { error: 'not_found' } };
    }
  }
}

async function text(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString();
}
