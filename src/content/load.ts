// Reads every roadmap file in a folder, validates it and builds its catalog.
// All problems in all files are collected before failing, so an author fixes
// them in one pass instead of one restart per typo.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, relative } from 'node:path';
import { validatedCache, type ValidatedCache } from './cache.ts';
import { describePath } from './paths.ts';
import { roadmapSchema } from './schema.ts';
import { buildCatalog, type Roadmap } from './catalog.ts';

// The YAML parser is loaded only when a file has changed since it was last
// validated (see cache.ts): most starts never need it.
const require = createRequire(import.meta.url);
const yaml = () => require('yaml') as typeof import('yaml');

export class ContentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Roadmap content is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ContentError';
  }
}

export interface RoadmapLibrary {
  readonly all: readonly Roadmap[];
  get(id: string): Roadmap | undefined;
}

export function loadRoadmaps(dir: string): RoadmapLibrary {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
  } catch {
    throw new ContentError([`${dir}: folder not found; set ROADMAPS_DIR to the folder that holds the roadmap .yaml files`]);
  }
  if (files.length === 0) throw new ContentError([`${dir}: no .yaml roadmap files found`]);

  const problems: string[] = [];
  const roadmaps: Roadmap[] = [];
  const byId = new Map<string, string>();
  for (const file of files) {
    const path = join(dir, file);
    const shown = relative(process.cwd(), path) || path;
    const result = parseRoadmap(readFileSync(path, 'utf8'), shown, validatedCache());
    if ('problems' in result) {
      problems.push(...result.problems);
      continue;
    }
    const roadmap = result.roadmap;
    const expected = basename(file).replace(/\.ya?ml$/, '');
    if (roadmap.id !== expected) {
      problems.push(`${shown}: id: "${roadmap.id}" must match the file name; rename the file to ${roadmap.id}.yaml or set id: ${expected}`);
      continue;
    }
    const other = byId.get(roadmap.id);
    if (other) {
      problems.push(`${shown}: id: "${roadmap.id}" is already used by ${other}`);
      continue;
    }
    byId.set(roadmap.id, shown);
    roadmaps.push(roadmap);
  }
  if (problems.length > 0) throw new ContentError(problems);
  const index = new Map(roadmaps.map((r) => [r.id, r]));
  return { all: roadmaps, get: (id) => index.get(id) };
}

/** Parses one roadmap's YAML text; `source` names it in error messages. */
export function parseRoadmap(text: string, source: string, cache?: ValidatedCache): { roadmap: Roadmap } | { problems: string[] } {
  const known = cache?.get(text);
  if (known) return { roadmap: buildCatalog(known) };
  const doc = yaml().parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) {
    // The parser's first line already says where ("… at line 3, column 1:").
    return { problems: doc.errors.map((e) => `${source}: YAML syntax: ${e.message.split('\n')[0]!.replace(/:$/, '')}`) };
  }
  const raw: unknown = doc.toJS();
  const parsed = roadmapSchema.safeParse(raw);
  if (!parsed.success) {
    return { problems: parsed.error.issues.map((i) => `${source}: ${describePath(raw, i.path)}: ${i.message}`) };
  }
  cache?.set(text, parsed.data);
  return { roadmap: buildCatalog(parsed.data) };
}
