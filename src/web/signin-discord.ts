// Sign in with Discord: OAuth2 authorization code with PKCE (arctic's generic
// client, so every endpoint hangs off DISCORD_API_URL and tests can point it
// at a fake), scopes `identify guilds`. A guild where the user may Manage
// Server (or is owner or administrator) makes them that community's admin;
// the guild list is read again with their token when it grows stale.
import { CodeChallengeMethod, OAuth2Client, generateCodeVerifier, generateState } from 'arctic';
import type { Identity, Membership } from './session.ts';

export interface DiscordSignInConfig {
  clientId: string;
  clientSecret: string;
  /** e.g. https://discord.com/api */
  apiUrl: string;
}

const ADMINISTRATOR = 1n << 3n;
const MANAGE_GUILD = 1n << 5n;

export interface Started {
  url: URL;
  state: string;
  verifier: string;
}

export function discordSignIn(cfg: DiscordSignInConfig) {
  const client = (redirectUri: string) => new OAuth2Client(cfg.clientId, cfg.clientSecret, redirectUri);
  const get = async <T>(path: string, accessToken: string): Promise<T> => {
    const res = await fetch(`${cfg.apiUrl}/v10${path}`, { headers: { Authorization: `Bearer ${accessToken}` } });
    if (!res.ok) throw new Error(`Discord answered ${res.status} to GET ${path}`);
    return (await res.json()) as T;
  };
  const memberships = async (accessToken: string): Promise<Membership[]> => {
    const guilds = await get<{ id: string; owner?: boolean; permissions?: string }[]>('/users/@me/guilds', accessToken);
    return guilds.map((g) => {
      const perms = BigInt(g.permissions ?? '0');
      return { externalId: g.id, admin: Boolean(g.owner) || (perms & (ADMINISTRATOR | MANAGE_GUILD)) !== 0n };
    });
  };
  return {
    start(redirectUri: string): Started {
      const state = generateState();
      const verifier = generateCodeVerifier();
      return { url: client(redirectUri).createAuthorizationURLWithPKCE(`${cfg.apiUrl}/oauth2/authorize`, state, CodeChallengeMethod.S256, verifier, ['identify', 'guilds']), state, verifier };
    },
    async finish(code: string, verifier: string, redirectUri: string): Promise<{ identity: Identity; recheck: () => Promise<Membership[]> }> {
      const tokens = await client(redirectUri).validateAuthorizationCode(`${cfg.apiUrl}/oauth2/token`, code, verifier);
      const accessToken = tokens.accessToken();
      const user = await get<{ id: string; username: string; global_name?: string | null }>('/users/@me', accessToken);
      return {
        identity: { platform: 'discord', userId: user.id, name: user.global_name || user.username, communities: await memberships(accessToken) },
        recheck: () => memberships(accessToken),
      };
    },
  };
}

export type DiscordSignIn = ReturnType<typeof discordSignIn>;
