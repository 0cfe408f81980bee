// Reads a V8 CPU profile (node --cpu-prof, or the inspector's Profiler.stop):
// the frames with the most self time, and the most total time, as lines.
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples?: number[];
  timeDeltas?: number[];
  startTime: number;
  endTime: number;
}

export function topFrames(profile: Profile, n = 25): string[] {
  const total = (profile.endTime - profile.startTime) / 1000;
  // Self time per node from the samples and their time deltas.
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) selfUs.set(samples[i]!, (selfUs.get(samples[i]!) ?? 0) + (deltas[i + 1] ?? deltas[i] ?? 0));
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const parent = new Map<number, number>();
  for (const x of profile.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
  const name = (x: Node) => {
    const url = x.callFrame.url.replace(/^file:\/\/.*?\/(node_modules\/|src\/|bench\/)/, '$1').replace(/^node:/, 'node:');
    return `${x.callFrame.functionName || '(anonymous)'} ${url ? `${url}:${x.callFrame.lineNumber + 1}` : ''}`.trim();
  };
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const x = byId.get(id)!;
    self.set(name(x), (self.get(name(x)) ?? 0) + us);
    // Inclusive: count each frame name once per sample stack.
    const seen = new Set<string>();
    for (let p: number | undefined = id; p !== undefined; p = parent.get(p)) {
      const k = name(byId.get(p)!);
      if (seen.has(k)) continue;
      seen.add(k);
      incl.set(k, (incl.get(k) ?? 0) + us);
    }
  }
  const fmt = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => `  ${(us / 1000).toFixed(0).padStart(6)} ms ${((us / 1000 / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
  return [`  profile ${total.toFixed(0)} ms`, '  -- self --', ...fmt(self), '  -- total (inclusive) --', ...fmt(incl)];
}

// `tsx bench/profile.ts file.cpuprofile [n]`: the top frames of a profile written by node --cpu-prof.
if (process.argv[1]?.endsWith('profile.ts') && process.argv[2]) {
  for (const line of topFrames(JSON.parse(readFileSync(process.argv[2], 'utf8')) as Profile, Number(process.argv[3] ?? 25))) console.log(line);
}
