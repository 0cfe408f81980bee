// `npm run content:lint [--stats] [file.yaml …]`: validates each roadmap file
// and prints what the lint finds, one line per finding with the id it is
// about, then "N problems". Exit 1 if any file fails to load or has
// problems (warnings alone do not fail). Without files, lints every roadmap
// in ROADMAPS_DIR (default ./roadmaps).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintRoadmap } from './lint.ts';
import { parseRoadmap } from './load.ts';
import { formatStats, stageStats } from './stats.ts';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log('usage: npm run content:lint [-- --stats] [roadmap.yaml …]   (no files: every roadmap in ROADMAPS_DIR or ./roadmaps)');
  process.exit(0);
}
const wantStats = args.includes('--stats');
let files = args.filter((a) => !a.startsWith('--'));
if (files.length === 0) {
  const dir = process.env.ROADMAPS_DIR ?? 'roadmaps';
  files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

let problems = 0;
let warnings = 0;
for (const path of files) {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    console.log(`${path}: cannot read the file`);
    problems += 1;
    continue;
  }
  const parsed = parseRoadmap(text, path);
  if ('problems' in parsed) {
    // The lint needs a valid file; show why it is not, as start-up would.
    for (const p of parsed.problems) console.log(`${p}`);
    console.log(`${path}: does not load (${parsed.problems.length} problems)`);
    problems += parsed.problems.length;
    continue;
  }
  const findings = lintRoadmap(parsed.roadmap);
  const own = { problems: findings.filter((f) => f.level === 'problem').length, warnings: findings.filter((f) => f.level === 'warning').length };
  console.log(`${path}: ${own.problems} problems, ${own.warnings} warnings`);
  for (const f of findings) console.log(`  ${f.level === 'problem' ? 'problem' : 'warning'}  ${f.check.padEnd(14)} ${f.where}: ${f.message}`);
  if (wantStats) for (const line of formatStats(stageStats(parsed.roadmap))) console.log(`  ${line}`);
  problems += own.problems;
  warnings += own.warnings;
}
console.log(`${problems} problems${warnings ? `, ${warnings} warnings` : ''}`);
process.exitCode = problems > 0 ? 1 : 0;
