// Names a place in a roadmap file the way an author can find it:
// `stages[2] (web).topics[0] (http).challenges[1] (http-q2).answer`.
export function describePath(raw: unknown, path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  let node: unknown = raw;
  let out = '';
  for (const key of path) {
    node = node !== null && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    out += typeof key === 'number' ? `[${key}]` : `${out ? '.' : ''}${String(key)}`;
    if (typeof key === 'number' && node !== null && typeof node === 'object' && 'id' in node) {
      out += ` (${String((node as { id: unknown }).id)})`;
    }
  }
  return out;
}
