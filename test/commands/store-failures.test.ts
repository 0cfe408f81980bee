// Writes the store refuses at run time (disk full, read-only): the member is
// told nothing was saved, the admin gets one line with the cause, and the
// bot's health says so until a write goes through again (issue 12 §4).
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.ts';
import { botChecks } from '../../src/ops/checks.ts';
import { groupChat, type Chat } from '../helpers/chat.ts';
import { testApp } from '../helpers/app.ts';
import { ENGINE } from '../helpers/engine.ts';

function logLines() {
  const lines: Record<string, unknown>[] = [];
  return { lines, log: createLogger('info', { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) }) };
}

/** Makes the store refuse writes the way a full disk or a read-only database does; returns the undo. */
async function refuseWrites(c: Chat): Promise<() => Promise<void>> {
  if (ENGINE === 'sqlite') {
    // SQLite answers every write with SQLITE_READONLY, as it does on a read-only file.
    await c.app.sql('PRAGMA query_only = ON');
    return async () => void (await c.app.sql('PRAGMA query_only = OFF'));
  }
  // PostgreSQL's own disk_full SQLSTATE, raised where the server would raise it: on the write.
  await c.app.sql("CREATE FUNCTION cohort_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = '53100'; END $$");
  for (const table of ['enrolments', 'members']) {
    await c.app.sql(`CREATE TRIGGER cohort_disk_full BEFORE INSERT OR UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION cohort_disk_full()`);
  }
  return async () => {
    for (const table of ['enrolments', 'members']) await c.app.sql(`DROP TRIGGER cohort_disk_full ON ${table}`);
  };
}

describe('a write the store refuses', () => {
  it("tells the member nothing was saved, logs one line with the cause, and marks the bot unhealthy until a write succeeds", async () => {
    const { lines, log } = logLines();
    const app = await testApp({ log });
    const c = await groupChat({ app });
    const checks = botChecks(app.store, [], app.health);
    const storeProblem = () => checks[0]!.problem();
    expect(await storeProblem()).toBeUndefined();

    const undo = await refuseWrites(c);
    const said = await c.say('@ann /roadmap start');
    expect(said.error).toBe(true);
    expect(said.text).toMatch(/^The bot can't save right now; nothing was changed\./);
    expect(said.text).not.toContain('something went wrong');
    const errors = lines.filter((l) => l.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.msg).toMatch(ENGINE === 'sqlite' ? /read-only \(SQLITE_READONLY/ : /disk is full \(SQLSTATE 53100/);
    expect(errors[0]).not.toHaveProperty('err');
    expect(JSON.stringify(errors[0])).not.toMatch(/\n\s+at /);
    expect(await storeProblem()).toMatch(/^the store refuses writes: /);
    expect(app.health.problems()).toHaveLength(1);

    await undo();
    expect(await c.app.count("SELECT count(*) FROM enrolments")).toBe(0);
    expect((await c.say('@ann /roadmap start')).error).toBe(false);
    expect(app.health.problems()).toEqual([]);
    expect(await storeProblem()).toBeUndefined();
  });

  it('other failures keep the apology with a reference and leave health alone', async () => {
    const app = await testApp();
    const c = await groupChat({ app });
    await app.sql(ENGINE === 'sqlite' ? 'DROP TABLE enrolments' : 'DROP TABLE enrolments CASCADE');
    const said = await c.say('@ann /roadmap start');
    expect(said.text).toMatch(/something went wrong on our side/);
    expect(app.health.problems()).toEqual([]);
  });
});
