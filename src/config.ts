// Configuration comes from the environment (and .env, loaded by main.ts).
// Every problem is reported at once, by variable name, with how to fix it,
// so an admin never has to restart once per mistake. Which platforms start
// follows from which tokens are set; none means the local shell.
import { existsSync } from 'node:fs';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const snowflake = (example: string) => z.string().trim().regex(/^\d{17,20}$/, `must be a Discord id (17–20 digits), e.g. ${example}; copy it with Developer Mode on`);
const url = (example: string) =>
  z
    .string()
    .trim()
    .refine((v) => URL.canParse(v) && /^https?:$/.test(new URL(v).protocol), `must be an http(s) URL, e.g. ${example}`);
const prefixed = (prefix: string, where: string) =>
  z
    .string()
    .trim()
    .refine((v) => v.startsWith(prefix) && v.length > prefix.length + 8, `must start with "${prefix}" — copy it from ${where}`);

const schema = z.object({
  DATABASE_PATH: z.string().trim().min(1, 'must be a file path, e.g. ./data/cohort.db').default('./data/cohort.db'),
  DATABASE_URL: z
    .string()
    .trim()
    .refine((v) => URL.canParse(v) && /^postgres(ql)?:$/.test(new URL(v).protocol), 'must be a PostgreSQL URL, e.g. postgres://cohort:secret@db.example.com:5432/cohort')
    .optional(),
  ROADMAPS_DIR: z.string().trim().min(1, 'must be a folder path, e.g. ./roadmaps').default('./roadmaps'),
  LOG_LEVEL: z
    .string()
    .toLowerCase()
    .pipe(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }))
    .default('info'),
  DISCORD_TOKEN: z
    .string()
    .trim()
    .refine((v) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(v), 'must be the bot token from the Developer Portal (Bot → Reset Token): three parts separated by dots')
    .optional(),
  DISCORD_APPLICATION_ID: snowflake('1234567890123456789 (Developer Portal → General Information)').optional(),
  DISCORD_GUILD_ID: snowflake('1234567890123456789 (right-click the server → Copy Server ID)').optional(),
  DISCORD_API_URL: url('https://discord.com/api').default('https://discord.com/api'),
  DISCORD_SHARDS: z
    .string()
    .trim()
    .regex(/^\d+(\s*,\s*\d+)*$/, 'must be shard ids (whole numbers from 0) separated by commas, e.g. 0,1')
    .optional(),
  DISCORD_SHARD_COUNT: z.coerce
    .number({ error: 'must be the total number of shards across all processes, e.g. 4' })
    .int('must be a whole number, e.g. 4')
    .min(1, 'must be 1 or more, e.g. 4')
    .optional(),
  SLACK_BOT_TOKEN: prefixed('xoxb-', 'OAuth & Permissions → Bot User OAuth Token').optional(),
  SLACK_APP_TOKEN: prefixed('xapp-', 'Basic Information → App-Level Tokens (scope connections:write)').optional(),
  SLACK_SIGNING_SECRET: z
    .string()
    .trim()
    .regex(/^[0-9a-f]{32}$/i, 'must be the 32-character Signing Secret from Basic Information → App Credentials')
    .optional(),
  SLACK_API_URL: url('https://slack.com/api/').default('https://slack.com/api/'),
  HOST: z
    .string()
    .trim()
    .refine((v) => /^[\w.:-]+$/.test(v), 'must be an interface address or host name, e.g. 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)')
    .default('127.0.0.1'),
  METRICS_PORT: z.coerce
    .number({ error: 'must be a port number, e.g. 9464' })
    .int('must be a whole number, e.g. 9464')
    .min(1, 'must be 1–65535')
    .max(65535, 'must be 1–65535')
    .optional(),
  WEB_PORT: z.coerce.number({ error: 'must be a port number, e.g. 8080' }).int('must be a whole number, e.g. 8080').min(0, 'must be 0–65535 (0: any free port)').max(65535, 'must be 0–65535').optional(),
  PUBLIC_URL: url('https://cohort.example.com').optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 random characters, e.g. from `openssl rand -hex 32`').optional(),
  DISCORD_CLIENT_SECRET: z.string().trim().regex(/^[\w-]{16,}$/, 'must be the Client Secret from the Developer Portal → OAuth2 (Reset Secret)').optional(),
  SLACK_CLIENT_ID: z.string().trim().regex(/^\d+\.\d+$/, 'must be the Client ID from Basic Information → App Credentials, e.g. 1234567890.1234567890').optional(),
  SLACK_CLIENT_SECRET: z.string().trim().regex(/^[0-9a-f]{32}$/i, 'must be the 32-character Client Secret from Basic Information → App Credentials').optional(),
  SLACK_OIDC_ISSUER: url('https://slack.com').default('https://slack.com'),
  PORT: z.coerce.number({ error: 'must be a port number, e.g. 3000' }).int('must be a whole number, e.g. 3000').min(1, 'must be 1–65535').max(65535, 'must be 1–65535').default(3000),
});

type Env = z.infer<typeof schema>;

/**
 * Which gateway shards this process runs: `'auto'`, every shard Discord
 * recommends; or only `ids` of a bot split into `count` shards across processes.
 */
export type DiscordShards = 'auto' | { ids: number[]; count: number };

export interface DiscordConfig {
  token: string;
  applicationId: string;
  /** Register commands to this guild only (instant; for development). */
  guildId: string | undefined;
  apiUrl: string;
  /** From DISCORD_SHARDS and DISCORD_SHARD_COUNT; `'auto'` when neither is set. */
  shards: DiscordShards;
}

export type SlackConfig = {
  botToken: string;
  apiUrl: string;
} & ({ mode: 'socket'; appToken: string } | { mode: 'http'; signingSecret: string; host: string; port: number });

/** The web dashboard (src/web/), on when WEB_PORT is set. */
export interface WebConfig {
  host: string;
  /** 0: any free port. */
  port: number;
  /** Where browsers reach the dashboard; sign-in redirects come back here. */
  publicUrl: string | undefined;
  /** Signs session cookies; a random key per start when unset (sessions then end at a restart). */
  sessionSecret: string | undefined;
  /** Sign in with Discord: the application's id and OAuth2 client secret; endpoints under DISCORD_API_URL. */
  discord?: { clientId: string; clientSecret: string; apiUrl: string } | undefined;
  /** Sign in with Slack (OpenID Connect). */
  slack?: { clientId: string; clientSecret: string; issuer: string } | undefined;
}

/** Where the store is: embedded SQLite at a path, or PostgreSQL at a URL. */
export type StoreTarget = { databaseUrl: string } | { databasePath: string };

export interface Config {
  DATABASE_PATH: string;
  /** The interface every HTTP listener binds (Slack's receiver, metrics, dashboard); this machine only by default. */
  HOST: string;
  /** Serve /healthz and /metrics on this port; off when unset. */
  METRICS_PORT?: number | undefined;
  /** PostgreSQL when DATABASE_URL is set, else embedded SQLite at DATABASE_PATH. */
  store: StoreTarget;
  ROADMAPS_DIR: string;
  LOG_LEVEL: Env['LOG_LEVEL'];
  /** Set when DISCORD_TOKEN and DISCORD_APPLICATION_ID are. */
  discord?: DiscordConfig | undefined;
  /** Set when SLACK_BOT_TOKEN and an app token or signing secret are. */
  slack?: SlackConfig | undefined;
  /** Set when WEB_PORT is. */
  web?: WebConfig | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSet these in the environment or in .env (see .env.example).`);
    this.name = 'ConfigError';
  }
}

export function readConfig(env: NodeJS.ProcessEnv): Config {
  // An empty value in .env (`LOG_LEVEL=`) means "not set", not "set to nothing".
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  // Secrets are never echoed back, only named.
  const shown = (name: string) => (/TOKEN|SECRET|DATABASE_URL/.test(name) ? 'a value that is not shown' : `"${String(present[name])}"`);
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message} (got ${shown(String(i.path[0]))})`);
  const needs = (name: string, because: string, fix: string) => {
    if (!present[name]) problems.push(`${name}: is missing, but ${because} — ${fix}`);
  };
  if (present.DISCORD_TOKEN) needs('DISCORD_APPLICATION_ID', 'DISCORD_TOKEN is set', 'copy the Application ID from the Developer Portal → General Information');
  if (present.DISCORD_APPLICATION_ID) needs('DISCORD_TOKEN', 'DISCORD_APPLICATION_ID is set', 'copy the bot token from the Developer Portal → Bot, or unset DISCORD_APPLICATION_ID');
  if (present.SLACK_BOT_TOKEN && !present.SLACK_APP_TOKEN && !present.SLACK_SIGNING_SECRET) {
    problems.push('SLACK_APP_TOKEN or SLACK_SIGNING_SECRET: one is needed with SLACK_BOT_TOKEN — an app token (xapp-…) for Socket Mode, or the signing secret to serve HTTP on PORT');
  }
  if ((present.SLACK_APP_TOKEN || present.SLACK_SIGNING_SECRET) && !present.SLACK_BOT_TOKEN) {
    needs('SLACK_BOT_TOKEN', `${present.SLACK_APP_TOKEN ? 'SLACK_APP_TOKEN' : 'SLACK_SIGNING_SECRET'} is set`, 'copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions after installing the app');
  }
  if (present.DISCORD_CLIENT_SECRET) needs('DISCORD_APPLICATION_ID', 'DISCORD_CLIENT_SECRET is set', 'copy the Application ID (the OAuth2 client id) from the Developer Portal → General Information');
  if (present.SLACK_CLIENT_ID) needs('SLACK_CLIENT_SECRET', 'SLACK_CLIENT_ID is set', 'copy the Client Secret from Basic Information → App Credentials, or unset SLACK_CLIENT_ID');
  if (present.SLACK_CLIENT_SECRET) needs('SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET is set', 'copy the Client ID from Basic Information → App Credentials, or unset SLACK_CLIENT_SECRET');
  const shardIds = shardProblems(present, problems);
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  return {
    DATABASE_PATH: e.DATABASE_PATH,
    HOST: e.HOST,
    METRICS_PORT: e.METRICS_PORT,
    store: e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : { databasePath: e.DATABASE_PATH },
    ROADMAPS_DIR: e.ROADMAPS_DIR,
    LOG_LEVEL: e.LOG_LEVEL,
    discord:
      e.DISCORD_TOKEN && e.DISCORD_APPLICATION_ID
        ? {
            token: e.DISCORD_TOKEN,
            applicationId: e.DISCORD_APPLICATION_ID,
            guildId: e.DISCORD_GUILD_ID,
            apiUrl: e.DISCORD_API_URL.replace(/\/+$/, ''),
            shards: shardIds && e.DISCORD_SHARD_COUNT ? { ids: shardIds, count: e.DISCORD_SHARD_COUNT } : 'auto',
          }
        : undefined,
    slack: !e.SLACK_BOT_TOKEN
      ? undefined
      : // Socket Mode wins when both are set: it needs no public URL.
        e.SLACK_APP_TOKEN
        ? { mode: 'socket', botToken: e.SLACK_BOT_TOKEN, appToken: e.SLACK_APP_TOKEN, apiUrl: withSlash(e.SLACK_API_URL) }
        : { mode: 'http', botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET!, host: e.HOST, port: e.PORT, apiUrl: withSlash(e.SLACK_API_URL) },
    web:
      e.WEB_PORT === undefined
        ? undefined
        : {
            host: e.HOST,
            port: e.WEB_PORT,
            publicUrl: e.PUBLIC_URL?.replace(/\/+$/, ''),
            sessionSecret: e.SESSION_SECRET,
            discord:
              e.DISCORD_CLIENT_SECRET && e.DISCORD_APPLICATION_ID
                ? { clientId: e.DISCORD_APPLICATION_ID, clientSecret: e.DISCORD_CLIENT_SECRET, apiUrl: e.DISCORD_API_URL.replace(/\/+$/, '') }
                : undefined,
            slack: e.SLACK_CLIENT_ID && e.SLACK_CLIENT_SECRET ? { clientId: e.SLACK_CLIENT_ID, clientSecret: e.SLACK_CLIENT_SECRET, issuer: e.SLACK_OIDC_ISSUER.replace(/\/+$/, '') } : undefined,
          },
  };
}

/**
 * DISCORD_SHARDS and DISCORD_SHARD_COUNT go together: checks what the schema
 * cannot (one without the other, an id past the count, an id twice) and
 * returns the ids when both are set and well-formed.
 */
function shardProblems(present: Record<string, string | undefined>, problems: string[]): number[] | undefined {
  const listed = present.DISCORD_SHARDS;
  if (listed === undefined && present.DISCORD_SHARD_COUNT === undefined) return undefined;
  if (listed === undefined) {
    problems.push('DISCORD_SHARDS: is missing, but DISCORD_SHARD_COUNT is set — list the shards this process runs, e.g. DISCORD_SHARDS=0,1, or unset DISCORD_SHARD_COUNT to run every shard Discord recommends');
    return undefined;
  }
  if (present.DISCORD_SHARD_COUNT === undefined) {
    problems.push('DISCORD_SHARD_COUNT: is missing, but DISCORD_SHARDS is set — set the total number of shards across all processes, e.g. DISCORD_SHARD_COUNT=4, or unset DISCORD_SHARDS to run every shard Discord recommends');
    return undefined;
  }
  // A format problem is already reported by the schema.
  const count = Number(present.DISCORD_SHARD_COUNT.trim());
  if (!Number.isInteger(count) || count < 1 || !/^\d+(\s*,\s*\d+)*$/.test(listed.trim())) return undefined;
  const ids = listed.split(',').map((id) => Number(id.trim()));
  const before = problems.length;
  const twice = [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
  if (twice.length) problems.push(`DISCORD_SHARDS: lists shard ${twice.join(', ')} more than once — list each shard once, e.g. 0,1 (got "${listed}")`);
  const past = [...new Set(ids.filter((id) => id >= count))];
  if (past.length) {
    problems.push(`DISCORD_SHARDS: shard ${past.join(', ')} is not below DISCORD_SHARD_COUNT (${count}) — shard ids run from 0 to ${count - 1}, or raise DISCORD_SHARD_COUNT (got "${listed}")`);
  }
  return problems.length === before ? ids : undefined;
}

/** The Slack Web API client appends method names to its base, so the base ends in a slash. */
const withSlash = (u: string) => (u.endsWith('/') ? u : `${u}/`);

/** Reads `.env` (when there is one) into the environment, then validates it. */
export function loadConfig(): Config {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return readConfig(process.env);
}
