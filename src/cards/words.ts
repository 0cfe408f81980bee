// Counting words shared by the pictures and their alt text, so a card and its
// description always say "1 day" and "2 days" the same way.

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A leaderboard value in its unit: points, or days of streak. */
export const unit = (by: 'points' | 'streak', v: number) => (by === 'points' ? `${v} pts` : plural(v, 'day'));
