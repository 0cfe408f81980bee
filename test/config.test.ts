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
    expect(readConfig({})).toEqual({ DATABASE_PATH: './data/cohort.db', ROADMAPS_DIR: './roadmaps', LOG_LEVEL: 'info' });
  });

  it('uses the values that are set, trimming paths, and ignores unrelated variables', () => {
    const config = readConfig({ DATABASE_PATH: ' /srv/cohort/db.sqlite ', ROADMAPS_DIR: '/srv/roadmaps', LOG_LEVEL: 'debug', HOME: '/root' });
    expect(config).toEqual({ DATABASE_PATH: '/srv/cohort/db.sqlite', ROADMAPS_DIR: '/srv/roadmaps', LOG_LEVEL: 'debug' });
  });

  it('treats an empty value (`LOG_LEVEL=` in .env) as not set', () => {
    expect(readConfig({ DATABASE_PATH: '', ROADMAPS_DIR: '', LOG_LEVEL: '' })).toEqual({
      DATABASE_PATH: './data/cohort.db',
      ROADMAPS_DIR: './roadmaps',
      LOG_LEVEL: 'info',
    });
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
