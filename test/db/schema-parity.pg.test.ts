// Both engines' migrated schemas agree: every table, column (name, type
// family, nullability), primary key, unique and plain index, and foreign key.
// The migrations are generated from one description (src/db/schema/), and
// this proves the generated SQL did not drift between the two folders.
// Runs in the postgres project only: it needs both engines.
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openSqlite } from '../../src/db/open.ts';
import { tempDir, testStore } from '../helpers/app.ts';
import { join } from 'node:path';

interface Shape {
  columns: string[];
  primaryKey: string[];
  indexes: string[];
  foreignKeys: string[];
}

// SQLite stores every whole number (and drizzle's booleans) as integer.
const family = (type: string) => (/int|bool|serial/i.test(type) ? 'integer' : /text|char/i.test(type) ? 'text' : type.toLowerCase());

function sqliteShape(path: string): Record<string, Shape> {
  const store = openSqlite(path);
  const db = store.client;
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'").all() as { name: string }[]).map((t) => t.name);
  const out: Record<string, Shape> = {};
  for (const t of tables) {
    const cols = db.prepare(`PRAGMA table_info(${t})`).all() as { name: string; type: string; notnull: number; pk: number }[];
    const indexes = (db.prepare(`PRAGMA index_list(${t})`).all() as { name: string; unique: number; origin: string }[])
      .filter((i) => i.origin === 'c')
      .map((i) => `${i.name}(${(db.prepare(`PRAGMA index_info(${i.name})`).all() as { name: string }[]).map((c) => c.name).join(',')})${i.unique ? ' unique' : ''}`);
    const fks = (db.prepare(`PRAGMA foreign_key_list(${t})`).all() as { from: string; table: string; to: string }[]).map((f) => `${f.from}->${f.table}.${f.to}`);
    out[t] = {
      // A primary key column is NOT NULL on both engines, whatever SQLite's table_info says.
      columns: cols.map((c) => `${c.name} ${family(c.type)}${c.notnull || c.pk ? ' not null' : ''}`).sort(),
      primaryKey: cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name),
      indexes: indexes.sort(),
      foreignKeys: fks.sort(),
    };
  }
  void store.close();
  return out;
}

async function postgresShape(url: string): Promise<Record<string, Shape>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const q = async <T,>(sql: string) => (await client.query(sql)).rows as T[];
    const tables = (await q<{ t: string }>("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public'")).map((r) => r.t);
    const out: Record<string, Shape> = {};
    for (const t of tables) {
      const cols = await q<{ name: string; type: string; nullable: string }>(
        `SELECT column_name AS name, data_type AS type, is_nullable AS nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '${t}'`,
      );
      const pk = await q<{ name: string }>(
        `SELECT a.attname AS name FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid = '${t}'::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`,
      );
      const indexes = await q<{ name: string; unique: boolean; cols: string }>(
        `SELECT c.relname AS name, i.indisunique AS unique, string_agg(a.attname, ',' ORDER BY array_position(i.indkey, a.attnum)) AS cols
         FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
         WHERE i.indrelid = '${t}'::regclass AND NOT i.indisprimary GROUP BY c.relname, i.indisunique`,
      );
      const fks = await q<{ from: string; table: string; to: string }>(
        `SELECT kcu.column_name AS "from", ccu.table_name AS "table", ccu.column_name AS "to"
         FROM information_schema.table_constraints tc
         JOIN information_schema.key_column_usage kcu ON kcu.constraint_name = tc.constraint_name
         JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
         WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_name = '${t}'`,
      );
      out[t] = {
        columns: cols.map((c) => `${c.name} ${family(c.type)}${c.nullable === 'NO' ? ' not null' : ''}`).sort(),
        primaryKey: pk.map((c) => c.name),
        indexes: indexes.map((i) => `${i.name}(${i.cols})${i.unique ? ' unique' : ''}`).sort(),
        foreignKeys: fks.map((f) => `${f.from}->${f.table}.${f.to}`).sort(),
      };
    }
    return out;
  } finally {
    await client.end();
  }
}

describe('one schema on two engines', () => {
  it('the migrated SQLite and PostgreSQL schemas agree on every table, column, key and index', async () => {
    const lite = sqliteShape(join(tempDir(), 'parity.db'));
    const store = await testStore();
    const postgres = await postgresShape((store.target as { databaseUrl: string }).databaseUrl);
    expect(Object.keys(lite).sort()).toEqual(Object.keys(postgres).sort());
    expect(Object.keys(lite).length).toBeGreaterThanOrEqual(15);
    for (const table of Object.keys(lite)) expect(postgres[table], table).toEqual(lite[table]);
  });
});
