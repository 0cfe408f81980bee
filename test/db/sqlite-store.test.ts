// The embedded store's write-ahead log: folded back into the database file
// once the bot is idle, so the file on its own holds what was written (what
// an admin's plain copy of cohort.db gets), not only the -wal beside it.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/db/open.ts';
import { upsertCommunity } from '../../src/db/queries/communities.ts';
import type { SqliteStore, SqliteStoreOptions } from '../../src/db/sqlite-store.ts';
import { tempDir } from '../helpers/app.ts';

const open: SqliteStore[] = [];
const others: Database.Database[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  for (const db of others.splice(0)) db.close();
});

/** Another connection to the same file, as another process would have; closed after the test. */
function anotherConnection(path: string): Database.Database {
  const db = new Database(path);
  others.push(db);
  return db;
}

function openStore(idleMs: number, opts: Omit<SqliteStoreOptions, 'checkpointIdleMs'> = {}): { store: SqliteStore; path: string } {
  const path = join(tempDir(), 'cohort.db');
  const store = openSqlite(path, { checkpointIdleMs: idleMs, ...opts });
  open.push(store);
  return { store, path };
}

/** The communities a copy of the database file alone holds (without its -wal); null when it has no tables yet. */
function communitiesInFileAlone(path: string): string[] | null {
  const copy = join(tempDir(), 'copy.db');
  copyFileSync(path, copy);
  const db = new Database(copy, { readonly: true });
  try {
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'communities'").get() as { n: number };
    if (tables.n === 0) return null;
    return (db.prepare('SELECT external_id AS id FROM communities ORDER BY id').all() as { id: string }[]).map((r) => r.id);
  } finally {
    db.close();
  }
}

async function eventually<T>(read: () => T, done: (v: T) => boolean, withinMs = 5_000): Promise<T> {
  const until = Date.now() + withinMs;
  for (;;) {
    const v = read();
    if (done(v) || Date.now() > until) return v;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the embedded store checkpoints its log once idle', () => {
  it('a write on its own, then one in a transaction, reach the database file after a quiet moment', async () => {
    const { store, path } = openStore(30);
    await upsertCommunity(store.q, 'discord', 'guild-a', 1);
    expect(await eventually(() => communitiesInFileAlone(path), (ids) => ids?.length === 1)).toEqual(['guild-a']);

    await store.tx(async (q) => {
      await upsertCommunity(q, 'discord', 'guild-b', 2);
    });
    expect(await eventually(() => communitiesInFileAlone(path), (ids) => ids?.length === 2)).toEqual(['guild-a', 'guild-b']);
    // And the database, log and all, reads the same.
    expect((await store.rows<{ n: number }>('SELECT count(*) AS n FROM communities'))[0]!.n).toBe(2);
  });

  it('while writes keep coming, the checkpoint waits for them to stop', async () => {
    // A second of quiet needed, against a write every 50 ms for half a second from the moment it
    // opens: a busy machine would have to stall a timer twenty-fold to let it run early.
    const { store, path } = openStore(1_000);
    for (let k = 0; k < 10; k++) {
      await upsertCommunity(store.q, 'discord', `guild-${k}`, k);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(communitiesInFileAlone(path)).toBeNull();
    expect(await eventually(() => communitiesInFileAlone(path), (ids) => ids?.length === 10)).toHaveLength(10);
  });

  it("a new database's file holds its tables after the first quiet moment (its migrations were in the log)", async () => {
    const { path } = openStore(30);
    expect(await eventually(() => communitiesInFileAlone(path), (ids) => ids !== null)).toEqual([]);
  });
});

describe('a decision given back before its writes are saved (Store.decide)', () => {
  const communities = (db: Database.Database) => (db.prepare('SELECT external_id AS id FROM communities ORDER BY id').all() as { id: string }[]).map((r) => r.id);
  /** Decides to add community `id`: the outcome is how many there were. */
  const addCommunity = (store: SqliteStore, id: string, fail?: Error) =>
    store.decide(async (q) => ({
      value: (await q.select().from(q.t.communities)).length,
      async write(w) {
        await upsertCommunity(w, 'discord', id, 1);
        if (fail) throw fail;
      },
    }));

  it('gives the outcome at once, and saves the writes right after it in the same transaction', async () => {
    const { store, path } = openStore(60_000);
    const elsewhere = anotherConnection(path);
    const decided = await addCommunity(store, 'guild-a');
    expect(decided.value).toBe(0);
    // Another connection sees nothing yet: the reply goes out before the write.
    expect(communities(elsewhere)).toEqual([]);
    await decided.saved;
    expect(communities(elsewhere)).toEqual(['guild-a']);
  });

  it("the bot's own reads see what was just decided, saved yet or not", async () => {
    const { store } = openStore(60_000);
    await addCommunity(store, 'guild-a');
    expect((await store.q.select().from(store.q.t.communities)).map((c) => c.externalId)).toEqual(['guild-a']);
    // And the next decision sees the first one.
    expect((await addCommunity(store, 'guild-b')).value).toBe(1);
  });

  it('a write that fails leaves none of the decision behind, and the store goes on', async () => {
    const { store } = openStore(60_000);
    const decided = await addCommunity(store, 'guild-a', new Error('refused'));
    await expect(decided.saved).rejects.toThrow('refused');
    expect(communities(store.client)).toEqual([]);
    await (await addCommunity(store, 'guild-b')).saved;
    expect(communities(store.client)).toEqual(['guild-b']);
  });

  it('a decision that fails is not given back, and nothing is written', async () => {
    const { store } = openStore(60_000);
    const failing = store.decide(async () => {
      throw new Error('no such group');
    });
    await expect(failing).rejects.toThrow('no such group');
    expect(communities(store.client)).toEqual([]);
  });

  it('closing the store waits for writes still to be saved', async () => {
    const { store, path } = openStore(60_000);
    await addCommunity(store, 'guild-a');
    await store.close();
    const reopened = anotherConnection(path);
    expect(communities(reopened)).toEqual(['guild-a']);
  });
});

describe("a command's look-ups share one read of the database (one turn of the event loop)", () => {
  const ids = async (store: SqliteStore) => (await store.q.select().from(store.q.t.communities)).map((c) => c.externalId).sort();
  // The read ends once the turn's reply is on its way: two check phases (afterTheReply in sqlite-store.ts).
  const nextTurn = () => new Promise((r) => setImmediate(() => setImmediate(r)));

  it("see one state throughout the turn, and another process's write once the turn's reply is out", async () => {
    const { store, path } = openStore(60_000);
    const elsewhere = anotherConnection(path);
    expect(await ids(store)).toEqual([]);
    elsewhere.prepare("INSERT INTO communities (platform, external_id, created_at) VALUES ('discord', 'other-process', 1)").run();
    // Still the same turn: the look-ups of one command never see a change land halfway through them.
    expect(await ids(store)).toEqual([]);
    await nextTurn();
    expect(await ids(store)).toEqual(['other-process']);
  });

  it("the bot's own write after a look-up in the same turn is saved at once, for everyone", async () => {
    const { store, path } = openStore(60_000);
    const elsewhere = anotherConnection(path);
    expect(await ids(store)).toEqual([]);
    await upsertCommunity(store.q, 'discord', 'guild-a', 1);
    expect(await ids(store)).toEqual(['guild-a']);
    expect(elsewhere.prepare('SELECT count(*) AS n FROM communities').get()).toEqual({ n: 1 });
  });

  it('a transaction after look-ups in the same turn runs and commits (the read ends first)', async () => {
    const { store, path } = openStore(60_000);
    const elsewhere = anotherConnection(path);
    expect(await ids(store)).toEqual([]);
    await store.tx(async (q) => {
      await upsertCommunity(q, 'discord', 'guild-a', 1);
    });
    expect(await ids(store)).toEqual(['guild-a']);
    const decided = await store.decide(async (q) => ({ value: (await q.select().from(q.t.communities)).length, write: (w) => upsertCommunity(w, 'discord', 'guild-b', 2).then(() => undefined) }));
    expect(decided.value).toBe(1);
    await decided.saved;
    expect(elsewhere.prepare('SELECT count(*) AS n FROM communities').get()).toEqual({ n: 2 });
  });

  it('another process can write while the bot reads, and a read never holds the log back from its checkpoint', async () => {
    const { store, path } = openStore(30);
    const elsewhere = anotherConnection(path);
    elsewhere.pragma('busy_timeout = 0');
    expect(await ids(store)).toEqual([]);
    // Within the bot's read: a writer elsewhere does not wait for it (busy_timeout 0 would fail at once).
    elsewhere.prepare("INSERT INTO communities (platform, external_id, created_at) VALUES ('discord', 'other-process', 1)").run();
    await upsertCommunity(store.q, 'discord', 'guild-a', 1);
    expect(await eventually(() => communitiesInFileAlone(path), (v) => v?.length === 2)).toEqual(['guild-a', 'other-process']);
  });
});

describe('decisions in quick succession are saved together (one commit)', () => {
  const count = (db: Database.Database) => (db.prepare('SELECT count(*) AS n FROM communities').get() as { n: number }).n;
  /** Decides to add community `id`; `writeFails` makes its writes fail after the insert, `refuse` makes the decision itself refuse. */
  const add = (store: SqliteStore, id: string, how: { writeFails?: boolean; refuse?: boolean } = {}) =>
    store.decide(async (q) => {
      const before = (await q.select().from(q.t.communities)).length;
      if (how.refuse) throw new Error(`${id} refused`);
      return {
        value: before,
        async write(w) {
          await upsertCommunity(w, 'discord', id, 1);
          if (how.writeFails) throw new Error(`${id} could not be saved`);
        },
      };
    });
  // Long enough that a slow machine cannot commit between the decisions of one test by accident.
  const grouped = { groupQuietMs: 300, groupMaxMs: 3_000 };

  it('each sees the ones before it; another connection sees none until they are all committed, then all', async () => {
    const { store, path } = openStore(60_000, grouped);
    const elsewhere = anotherConnection(path);
    const a = await add(store, 'guild-a');
    const b = await add(store, 'guild-b');
    const c = await add(store, 'guild-c');
    expect([a.value, b.value, c.value]).toEqual([0, 1, 2]);
    await new Promise((r) => setTimeout(r, 50));
    expect(count(elsewhere)).toBe(0);
    // The first is saved when the last is: they share one commit.
    await a.saved;
    expect(count(elsewhere)).toBe(3);
    await Promise.all([b.saved, c.saved]);
  });

  it('a lone decision is committed once no other has come for a moment', async () => {
    // The longest wait is out of reach of the test's timeout: only the quiet moment can save it.
    const { store, path } = openStore(60_000, { groupQuietMs: 5, groupMaxMs: 600_000 });
    const elsewhere = anotherConnection(path);
    await (await add(store, 'guild-a')).saved;
    expect(count(elsewhere)).toBe(1);
  });

  it('under a steady stream of decisions, each is committed within the longest wait', async () => {
    const { store, path } = openStore(60_000, { groupQuietMs: 10_000, groupMaxMs: 30 });
    const elsewhere = anotherConnection(path);
    const first = await add(store, 'guild-0');
    for (let k = 1; k <= 5; k++) {
      await new Promise((r) => setTimeout(r, 10));
      await add(store, `guild-${k}`);
    }
    // Never ten quiet seconds, yet the first group is out: only its age limit can have sent it.
    expect(count(elsewhere)).toBeGreaterThanOrEqual(1);
    await first.saved;
  });

  it('answers queued back to back still go out once their group is past the longest wait', async () => {
    // No moment between them for a timer: each is let in only when the one before it is done.
    const { store, path } = openStore(60_000, { groupQuietMs: 1_000, groupMaxMs: 0 });
    const elsewhere = anotherConnection(path);
    const seenElsewhere: number[] = [];
    const decided = await Promise.all(
      Array.from({ length: 5 }, (_, k) =>
        store.decide(async () => {
          seenElsewhere.push(count(elsewhere));
          return { value: k, write: async (w) => void (await upsertCommunity(w, 'discord', `guild-${k}`, 1)) };
        }),
      ),
    );
    await Promise.all(decided.map((d) => d.saved));
    expect(seenElsewhere).toEqual([0, 1, 2, 3, 4]);
    expect(count(elsewhere)).toBe(5);
  });

  it('a write of its own, or a transaction, commits the decisions waiting first', async () => {
    const { store, path } = openStore(60_000, grouped);
    const elsewhere = anotherConnection(path);
    const a = await add(store, 'guild-a');
    await upsertCommunity(store.q, 'discord', 'guild-own-write', 1);
    await a.saved;
    expect(count(elsewhere)).toBe(2);

    const b = await add(store, 'guild-b');
    await store.tx(async (q) => {
      await upsertCommunity(q, 'discord', 'guild-in-a-transaction', 1);
    });
    await b.saved;
    expect(count(elsewhere)).toBe(4);
  });

  it('a decision that refuses leaves the others waiting as they were', async () => {
    const { store, path } = openStore(60_000, grouped);
    const elsewhere = anotherConnection(path);
    const a = await add(store, 'guild-a');
    await expect(add(store, 'guild-b', { refuse: true })).rejects.toThrow('guild-b refused');
    await a.saved;
    expect(elsewhere.prepare('SELECT external_id AS id FROM communities').all()).toEqual([{ id: 'guild-a' }]);
  });

  it('writes that fail take back the decisions waiting with them; nothing of any is kept, and the store goes on', async () => {
    const { store, path } = openStore(60_000, grouped);
    const elsewhere = anotherConnection(path);
    const a = await add(store, 'guild-a');
    const b = await add(store, 'guild-b', { writeFails: true });
    await expect(b.saved).rejects.toThrow('guild-b could not be saved');
    // guild-a was waiting in the same transaction: it is not kept either, and says so.
    await expect(a.saved).rejects.toThrow('guild-b could not be saved');
    expect(count(elsewhere)).toBe(0);
    const c = await add(store, 'guild-c');
    expect(c.value).toBe(0);
    await store.close();
    expect(elsewhere.prepare('SELECT external_id AS id FROM communities').all()).toEqual([{ id: 'guild-c' }]);
  });

  it('a commit that fails takes back every decision in it', async () => {
    const { store, path } = openStore(60_000, grouped);
    const elsewhere = anotherConnection(path);
    const a = await add(store, 'guild-a');
    // A member of a community that does not exist, its foreign key checked only at the commit.
    const broken = await store.decide(async () => ({
      value: undefined,
      async write(w) {
        await w.run(sql`PRAGMA defer_foreign_keys = ON`);
        await w.insert(w.t.members).values({ communityId: 9_999, userId: 'nobody', displayName: 'nobody', createdAt: 1 });
      },
    }));
    await expect(broken.saved).rejects.toThrow(/FOREIGN KEY/);
    await expect(a.saved).rejects.toThrow(/FOREIGN KEY/);
    expect(count(elsewhere)).toBe(0);
    await (await add(store, 'guild-b')).saved.catch(() => undefined);
    await store.close();
    expect(elsewhere.prepare('SELECT external_id AS id FROM communities').all()).toEqual([{ id: 'guild-b' }]);
  });
});

describe('a look-up with a limit', () => {
  it('gives as many rows as each call asks for, whatever the same query was asked for before', async () => {
    const { store } = openStore(60_000);
    for (const id of ['a', 'b', 'c', 'd']) await upsertCommunity(store.q, 'discord', id, 1);
    const { communities } = store.q.t;
    // Prepared once, as Cohort's hot queries are: the same text every call, the limit bound to it.
    const firstFew = store.q.select().from(communities).orderBy(communities.externalId).limit(sql.placeholder('n')).prepare();
    const counts = [];
    for (const n of [1, 3, 1, 4, 2]) counts.push((await firstFew.execute({ n })).map((c) => c.externalId).join(''));
    expect(counts).toEqual(['a', 'abc', 'a', 'abcd', 'ab']);
    // Built anew each call, as the rest are.
    expect((await store.q.select().from(communities).orderBy(communities.externalId).limit(2)).map((c) => c.externalId)).toEqual(['a', 'b']);
  });
});
