// Reading a quiz card the way a member does. Choices are shuffled per group
// and day (src/content/shuffle.ts), so a test must not assume that a choice
// has a fixed letter: it finds the letter on the card it was actually shown.
//
// A card lists its choices one per line as "A) GET" — plain (shell, flattened
// replies) or with the letter in bold ("**A)** GET" in markdown, "*A)* GET"
// on Slack).

const CHOICE_LINE = /^(?:\*{1,2}|_)?([A-Z])\)(?:\*{1,2}|_)?\s+(.*\S)\s*$/;

/** The choices a card shows, in the order shown: `[['A', 'GET'], ['B', 'PUT'], …]`. Throws unless they run A, B, C, … */
export function shownChoices(card: string): [letter: string, choice: string][] {
  const shown = card
    .split('\n')
    .map((line) => CHOICE_LINE.exec(line.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => [m[1]!, m[2]!] as [string, string]);
  const letters = shown.map(([letter]) => letter).join('');
  if (shown.length < 2 || letters !== 'ABCDEFGHIJ'.slice(0, shown.length)) {
    throw new Error(`Expected choice lines "A) …", "B) …", … on the card, found ${JSON.stringify(letters)} in:\n${card}`);
  }
  return shown;
}

/** The letter the card shows for `choice` (its exact text). Throws, quoting the card, if it is not shown exactly once. */
export function letterShown(card: string, choice: string): string {
  const found = shownChoices(card).filter(([, text]) => text === choice);
  if (found.length !== 1) throw new Error(`Expected the choice "${choice}" once on the card, found it ${found.length} times in:\n${card}`);
  return found[0]![0];
}

/** A letter the card shows for some choice other than `choice` — a wrong answer if `choice` is the right one. */
export function otherLetterShown(card: string, choice: string): string {
  const right = letterShown(card, choice);
  return shownChoices(card).find(([letter]) => letter !== right)![0];
}
