// Configuration comes from the environment (and .env, loaded by main.ts).
// Every problem is reported at once, by variable name, with how to fix it,
// so an admin never has to restart once per mistake.
import { existsSync } from 'node:fs';
import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const schema = z.object({
  DATABASE_PATH: z.string().trim().min(1, 'must be a file path, e.g. ./data/cohort.db').default('./data/cohort.db'),
  ROADMAPS_DIR: z.string().trim().min(1, 'must be a folder path, e.g. ./roadmaps').default('./roadmaps'),
  LOG_LEVEL: z
    .string()
    .toLowerCase()
    .pipe(z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }))
    .default('info'),
});

export type Config = z.infer<typeof schema>;

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
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message} (got "${String(present[String(i.path[0])])}")`));
  }
  return parsed.data;
}

/** Reads `.env` (when there is one) into the environment, then validates it. */
export function loadConfig(): Config {
  if (existsSync('.env')) process.loadEnvFile('.env');
  return readConfig(process.env);
}
