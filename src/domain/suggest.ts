// "Did you mean …?" for ids typed in chat: prefix and substring matches first,
// then the smallest edit distance (fastest-levenshtein).
import { distance } from 'fastest-levenshtein';

export function suggest(input: string, candidates: Iterable<string>, max = 3): string[] {
  const needle = input.toLowerCase();
  const scored: { value: string; score: number }[] = [];
  for (const value of candidates) {
    const hay = value.toLowerCase();
    const d = distance(needle, hay);
    const score = hay.startsWith(needle) || needle.startsWith(hay) ? 0 : hay.includes(needle) || needle.includes(hay) ? 1 : 1 + d;
    // Far-off candidates are noise: allow roughly one typo per three letters.
    if (score <= 1 || d <= Math.max(2, Math.floor(needle.length / 3))) scored.push({ value, score });
  }
  return scored
    .sort((a, b) => a.score - b.score || a.value.localeCompare(b.value))
    .slice(0, max)
    .map((s) => s.value);
}
