import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../src/config.ts';

/** The problems a config is rejected with (fails the test if it is accepted). */
function problems(env: NodeJS.ProcessEnv): string[] {
  try {
    readConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    const e = err as ConfigError;
    for (const p of e.problems) expect(e.message).toContain(p);
    expect(e.message).toContain('.env');
    return e.problems;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be rejected`);
}

describe('readConfig', () => {
  it('uses the defaults when nothing is set', () => {
    expect(readConfig({})).toMatchObject({ DATABASE_PATH: './data/cohort.db', store: { databasePath: './data/cohort.db' }, ROADMAPS_DIR: './roadmaps', LOG_LEVEL: 'info' });
  });

  it('uses the values that are set, trimming paths, and ignores unrelated variables', () => {
    const config = readConfig({ DATABASE_PATH: ' /srv/cohort/db.sqlite ', ROADMAPS_DIR: '/srv/roadmaps', LOG_LEVEL: 'debug', HOME: '/root' });
    expect(config).toMatchObject({ DATABASE_PATH: '/srv/cohort/db.sqlite', store: { databasePath: '/srv/cohort/db.sqlite' }, ROADMAPS_DIR: '/srv/roadmaps', LOG_LEVEL: 'debug' });
    expect(config).not.toHaveProperty('HOME');
  });

  it('treats an empty value (`LOG_LEVEL=` in .env) as not set', () => {
    expect(readConfig({ DATABASE_PATH: '', ROADMAPS_DIR: '', LOG_LEVEL: '' })).toMatchObject({
      DATABASE_PATH: './data/cohort.db',
      ROADMAPS_DIR: './roadmaps',
      LOG_LEVEL: 'info',
    });
  });

  it('uses PostgreSQL when DATABASE_URL is set, and never echoes the URL (it holds the password)', () => {
    expect(readConfig({ DATABASE_URL: 'postgres://cohort:pw@db:5432/cohort' }).store).toEqual({ databaseUrl: 'postgres://cohort:pw@db:5432/cohort' });
    expect(readConfig({ DATABASE_URL: 'postgresql://db/cohort' }).store).toEqual({ databaseUrl: 'postgresql://db/cohort' });
    const [problem] = problems({ DATABASE_URL: 'mysql://cohort:pw@db/cohort' });
    expect(problem).toMatch(/^DATABASE_URL: must be a PostgreSQL URL, e\.g\. postgres:\/\//);
    expect(problem).not.toContain('pw@db');
  });

  it('accepts LOG_LEVEL in any case', () => {
    expect(readConfig({ LOG_LEVEL: 'DEBUG' }).LOG_LEVEL).toBe('debug');
  });

  it('reports a bad LOG_LEVEL by name, with the allowed values and what was given', () => {
    expect(problems({ LOG_LEVEL: 'verbose' })).toEqual([
      'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "verbose")',
    ]);
  });

  it('reports every bad value at once', () => {
    const list = problems({ DATABASE_PATH: '   ', ROADMAPS_DIR: ' ', LOG_LEVEL: 'loud' });
    expect(list).toHaveLength(3);
    expect(list).toContain('DATABASE_PATH: must be a file path, e.g. ./data/cohort.db (got "   ")');
    expect(list).toContain('ROADMAPS_DIR: must be a folder path, e.g. ./roadmaps (got " ")');
    expect(list).toContain('LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "loud")');
  });
});

describe('platform configuration', () => {
  const token = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.ZmFrZQ.not-a-real-token';
  const appId = '123456789012345678';

  it('starts no platform without tokens (the local shell)', () => {
    const config = readConfig({});
    expect(config.discord).toBeUndefined();
    expect(config.slack).toBeUndefined();
  });

  it('configures Discord from its token and application id, with the REST base defaulting to Discord', () => {
    expect(readConfig({ DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: appId }).discord).toEqual({
      token,
      applicationId: appId,
      guildId: undefined,
      apiUrl: 'https://discord.com/api',
      // Neither DISCORD_SHARDS nor DISCORD_SHARD_COUNT: every shard Discord recommends, in this process.
      shards: 'auto',
    });
    expect(readConfig({ DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: appId, DISCORD_API_URL: 'http://127.0.0.1:8080/api/' }).discord?.apiUrl).toBe('http://127.0.0.1:8080/api');
  });

  it('names the missing half of the Discord pair, and a bad id, without echoing the token', () => {
    const list = problems({ DISCORD_TOKEN: 'oops', DISCORD_GUILD_ID: 'my-server' });
    expect(list.some((p) => p.startsWith('DISCORD_TOKEN: must be the bot token') && p.includes('not shown') && !p.includes('oops'))).toBe(true);
    expect(list.some((p) => p.startsWith('DISCORD_APPLICATION_ID: is missing, but DISCORD_TOKEN is set'))).toBe(true);
    expect(list.some((p) => p.startsWith('DISCORD_GUILD_ID: must be a Discord id'))).toBe(true);
    expect(problems({ DISCORD_APPLICATION_ID: appId })[0]).toMatch(/^DISCORD_TOKEN: is missing, but DISCORD_APPLICATION_ID is set/);
  });

  it('runs only the shards DISCORD_SHARDS names, of DISCORD_SHARD_COUNT', () => {
    const discord = { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: appId };
    expect(readConfig({ ...discord, DISCORD_SHARDS: '0,1', DISCORD_SHARD_COUNT: '4' }).discord?.shards).toEqual({ ids: [0, 1], count: 4 });
    expect(readConfig({ ...discord, DISCORD_SHARDS: ' 3 , 1 ', DISCORD_SHARD_COUNT: ' 4 ' }).discord?.shards).toEqual({ ids: [3, 1], count: 4 });
    expect(readConfig({ ...discord, DISCORD_SHARDS: '0', DISCORD_SHARD_COUNT: '1' }).discord?.shards).toEqual({ ids: [0], count: 1 });
    // Empty values in .env are "not set".
    expect(readConfig({ ...discord, DISCORD_SHARDS: '', DISCORD_SHARD_COUNT: '' }).discord?.shards).toBe('auto');
  });

  it('names every bad shard setting with its fix', () => {
    expect(problems({ DISCORD_SHARDS: '0,1' })).toEqual([
      'DISCORD_SHARD_COUNT: is missing, but DISCORD_SHARDS is set — set the total number of shards across all processes, e.g. DISCORD_SHARD_COUNT=4, or unset DISCORD_SHARDS to run every shard Discord recommends',
    ]);
    expect(problems({ DISCORD_SHARD_COUNT: '4' })).toEqual([
      'DISCORD_SHARDS: is missing, but DISCORD_SHARD_COUNT is set — list the shards this process runs, e.g. DISCORD_SHARDS=0,1, or unset DISCORD_SHARD_COUNT to run every shard Discord recommends',
    ]);
    for (const bad of ['a,b', '0;1', '1.5', '-1', '0,', 'all']) {
      expect(problems({ DISCORD_SHARDS: bad, DISCORD_SHARD_COUNT: '4' })).toEqual([
        `DISCORD_SHARDS: must be shard ids (whole numbers from 0) separated by commas, e.g. 0,1 (got "${bad}")`,
      ]);
    }
    expect(problems({ DISCORD_SHARDS: '0', DISCORD_SHARD_COUNT: 'four' })).toEqual(['DISCORD_SHARD_COUNT: must be the total number of shards across all processes, e.g. 4 (got "four")']);
    expect(problems({ DISCORD_SHARDS: '0', DISCORD_SHARD_COUNT: '2.5' })).toEqual(['DISCORD_SHARD_COUNT: must be a whole number, e.g. 4 (got "2.5")']);
    expect(problems({ DISCORD_SHARDS: '0', DISCORD_SHARD_COUNT: '0' })).toEqual(['DISCORD_SHARD_COUNT: must be 1 or more, e.g. 4 (got "0")']);
    expect(problems({ DISCORD_SHARDS: '1,4,5', DISCORD_SHARD_COUNT: '4' })).toEqual([
      'DISCORD_SHARDS: shard 4, 5 is not below DISCORD_SHARD_COUNT (4) — shard ids run from 0 to 3, or raise DISCORD_SHARD_COUNT (got "1,4,5")',
    ]);
    expect(problems({ DISCORD_SHARDS: '0,1,0', DISCORD_SHARD_COUNT: '2' })).toEqual(['DISCORD_SHARDS: lists shard 0 more than once — list each shard once, e.g. 0,1 (got "0,1,0")']);
    // With the other problems of the same start, all at once.
    expect(problems({ DISCORD_SHARDS: '2,2', DISCORD_SHARD_COUNT: '2', LOG_LEVEL: 'loud' })).toHaveLength(3);
  });

  it('picks Socket Mode with an app token and HTTP with a signing secret', () => {
    const bot = 'xoxb-1111-2222-abcdefgh';
    expect(readConfig({ SLACK_BOT_TOKEN: bot, SLACK_APP_TOKEN: 'xapp-1-A111-222-abcdef' }).slack).toMatchObject({ mode: 'socket', apiUrl: 'https://slack.com/api/' });
    expect(readConfig({ SLACK_BOT_TOKEN: bot, SLACK_SIGNING_SECRET: 'a'.repeat(32), PORT: '8080', SLACK_API_URL: 'http://127.0.0.1:9/api' }).slack).toEqual({
      mode: 'http',
      botToken: bot,
      signingSecret: 'a'.repeat(32),
      host: '127.0.0.1',
      port: 8080,
      apiUrl: 'http://127.0.0.1:9/api/',
    });
  });

  it('binds HTTP listeners to this machine only unless HOST says otherwise', () => {
    const http = { SLACK_BOT_TOKEN: 'xoxb-1111-2222-abcdefgh', SLACK_SIGNING_SECRET: 'a'.repeat(32) };
    expect(readConfig(http).slack).toMatchObject({ host: '127.0.0.1' });
    expect(readConfig({ ...http, HOST: '0.0.0.0' }).slack).toMatchObject({ host: '0.0.0.0' });
    expect(problems({ HOST: 'my host; rm -rf' })[0]).toMatch(/^HOST: must be an interface address or host name, e\.g\. 127\.0\.0\.1/);
  });

  it('serves health and metrics only when METRICS_PORT is set, and names a bad one', () => {
    expect(readConfig({}).METRICS_PORT).toBeUndefined();
    expect(readConfig({ METRICS_PORT: '9464' }).METRICS_PORT).toBe(9464);
    expect(problems({ METRICS_PORT: 'prometheus' })).toEqual(['METRICS_PORT: must be a port number, e.g. 9464 (got "prometheus")']);
    expect(problems({ METRICS_PORT: '70000' })).toEqual(['METRICS_PORT: must be 1–65535 (got "70000")']);
  });

  it('says what Slack still needs, by name', () => {
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-1111-2222-abcdefgh' })[0]).toMatch(/^SLACK_APP_TOKEN or SLACK_SIGNING_SECRET: one is needed/);
    expect(problems({ SLACK_APP_TOKEN: 'xapp-1-A111-222-abcdef' })[0]).toMatch(/^SLACK_BOT_TOKEN: is missing, but SLACK_APP_TOKEN is set/);
    const list = problems({ SLACK_BOT_TOKEN: 'xoxp-user-token', SLACK_SIGNING_SECRET: 'short', PORT: 'eighty' });
    expect(list.some((p) => p.startsWith('SLACK_BOT_TOKEN: must start with "xoxb-"'))).toBe(true);
    expect(list.some((p) => p.startsWith('SLACK_SIGNING_SECRET: must be the 32-character Signing Secret'))).toBe(true);
    expect(list.some((p) => p.startsWith('PORT: must be a port number') && p.includes('"eighty"'))).toBe(true);
  });

  describe('the web dashboard', () => {
    const DISCORD = { DISCORD_TOKEN: 'aaaa.bbbb.cccc', DISCORD_APPLICATION_ID: '123456789012345678' };

    it('is off without WEB_PORT, and on with it, binding HOST, with each sign-in its values give', () => {
      expect(readConfig({}).web).toBeUndefined();
      const web = readConfig({
        ...DISCORD,
        WEB_PORT: '8080',
        HOST: '0.0.0.0',
        PUBLIC_URL: 'https://cohort.example.com/',
        DISCORD_CLIENT_SECRET: 'abcdefghijklmnopqrstuvwxyz012345',
        SLACK_CLIENT_ID: '1234567890.1234567890',
        SLACK_CLIENT_SECRET: '0123456789abcdef0123456789abcdef',
      }).web;
      expect(web).toEqual({
        host: '0.0.0.0',
        port: 8080,
        publicUrl: 'https://cohort.example.com',
        sessionSecret: undefined,
        discord: { clientId: '123456789012345678', clientSecret: 'abcdefghijklmnopqrstuvwxyz012345', apiUrl: 'https://discord.com/api' },
        slack: { clientId: '1234567890.1234567890', clientSecret: '0123456789abcdef0123456789abcdef', issuer: 'https://slack.com' },
      });
      expect(readConfig({ WEB_PORT: '8080' }).web).toMatchObject({ host: '127.0.0.1', discord: undefined, slack: undefined });
    });

    it('names each bad or missing value with its fix, and never echoes a secret', () => {
      const list = problems({ WEB_PORT: 'web', PUBLIC_URL: 'cohort.example.com', SESSION_SECRET: 'short-secret', SLACK_CLIENT_ID: '1234567890.1234567890', DISCORD_CLIENT_SECRET: 'abcdefghijklmnopqrstuvwxyz012345' });
      expect(list.some((p) => p.startsWith('WEB_PORT: must be a port number') && p.includes('"web"'))).toBe(true);
      expect(list.some((p) => p.startsWith('PUBLIC_URL: must be an http(s) URL'))).toBe(true);
      expect(list.some((p) => p.startsWith('SESSION_SECRET: must be at least 32') && p.includes('not shown') && !p.includes('short-secret'))).toBe(true);
      expect(list.some((p) => p.startsWith('SLACK_CLIENT_SECRET: is missing, but SLACK_CLIENT_ID is set'))).toBe(true);
      expect(list.some((p) => p.startsWith('DISCORD_APPLICATION_ID: is missing, but DISCORD_CLIENT_SECRET is set'))).toBe(true);
    });
  });
});
