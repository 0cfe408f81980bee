// Error messages quote what the user typed so they can see the mistake. A
// pasted essay must not come back whole (Discord and Slack cap messages, and
// a 5 KB echo buries the fix), so every echo goes through here.
export const EXCERPT_LENGTH = 60;

/** `value` on one line, cut to `max` characters with an ellipsis when longer. */
export function excerpt(value: string, max = EXCERPT_LENGTH): string {
  const flat = value.replace(/\s*\n\s*/g, ' ');
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}
