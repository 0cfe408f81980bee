import { describe, expect, it } from 'vitest';
import { commands } from '../../src/commands/index.ts';
import { parseChannelRef, parseCommandLine, parseUserRef, usage } from '../../src/commands/parse.ts';
import { UserError } from '../../src/domain/errors.ts';

const parse = (line: string) => parseCommandLine(line, commands);

/** The UserError a line is rejected with (fails the test if it parses). */
function rejection(line: string): UserError {
  try {
    const parsed = parse(line);
    throw new Error(`expected "${line}" to be rejected, but it parsed as ${JSON.stringify(parsed.raw)}`);
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return err as UserError;
  }
}

describe('parseCommandLine: options', () => {
  it('reads positional options in their declared order', () => {
    const p = parse('/roadmap start mini python');
    expect(p.command.name).toBe('roadmap');
    expect(p.subcommand).toBe('start');
    expect(p.raw).toEqual({ roadmap: 'mini', track: 'python' });
  });

  it('reads name:value options in any order, and mixes them with positional ones', () => {
    expect(parse('/roadmap start track:python roadmap:mini').raw).toEqual({ roadmap: 'mini', track: 'python' });
    // A named option takes its slot; the bare word fills the first free one.
    expect(parse('/roadmap start track:go mini').raw).toEqual({ roadmap: 'mini', track: 'go' });
    expect(parse('/leaderboard by:streak month').raw).toEqual({ by: 'streak', period: 'month' });
  });

  it('reads command, subcommand and option names case-insensitively', () => {
    const p = parse('/Roadmap START mini Track:go');
    expect(p.command.name).toBe('roadmap');
    expect(p.subcommand).toBe('start');
    expect(p.raw).toEqual({ roadmap: 'mini', track: 'go' });
  });

  it('keeps a quoted value of several words together, with straight or curly quotes', () => {
    expect(parse('/roadmap start "two words" track:python').raw).toEqual({ roadmap: 'two words', track: 'python' });
    expect(parse('/group setup review-channel:"two words" timezone:Europe/Berlin').raw).toEqual({
      'review-channel': 'two words',
      timezone: 'Europe/Berlin',
    });
    expect(parse('/challenge answer “Not Found”').raw).toEqual({ answer: 'Not Found' });
  });

  it('gives a rest option the remainder of the line verbatim, URLs and colons included', () => {
    const p = parse('/challenge submit https://github.com/a/b see: notes');
    expect(p.subcommand).toBe('submit');
    expect(p.raw).toEqual({ work: 'https://github.com/a/b see: notes' });
    // Inner spacing is kept as typed; only the ends are trimmed.
    expect(parse('/challenge answer   a  b:c   ').raw).toEqual({ answer: 'a  b:c' });
  });

  it('reads task:<id> named before the rest option, and the rest after it', () => {
    const p = parse('/challenge submit task:basics-project https://github.com/a/b see: notes');
    expect(p.raw).toEqual({ task: 'basics-project', work: 'https://github.com/a/b see: notes' });
  });

  it('reads task:<id> after the rest option too, and leaves it out of the rest', () => {
    expect(parse('/challenge submit https://github.com/carl/q task:fundamentals-project').raw).toEqual({
      work: 'https://github.com/carl/q',
      task: 'fundamentals-project',
    });
    expect(parse('/challenge submit my notes task:"basics-project" more notes').raw).toEqual({ work: 'my notes more notes', task: 'basics-project' });
    // A colon word that is no option, or an option already given, stays in the text.
    expect(parse('/challenge submit task:a see: notes task:b').raw).toEqual({ task: 'a', work: 'see: notes task:b' });
    expect(parse('/review approve great work id:12').raw).toEqual({ id: 'great', feedback: 'work id:12' });
    expect(parse('/review approve feedback:nice work id:12').raw).toEqual({ id: '12', feedback: 'nice work' });
  });

  it('takes a rest option named with name:value, and unquotes a fully quoted rest value', () => {
    expect(parse('/review changes 12 feedback:"use: more tests"').raw).toEqual({ id: '12', feedback: 'use: more tests' });
    expect(parse('/review approve id:12 great work, see: docs').raw).toEqual({ id: '12', feedback: 'great work, see: docs' });
    // Quotes that do not wrap the whole value are part of the text.
    expect(parse('/challenge answer "a" or "b"').raw).toEqual({ answer: '"a" or "b"' });
  });

  it('keeps feedback that starts like an option already given ("id: …") as the feedback text', () => {
    expect(parse('/review changes 12 id: should be a UUID, not a number').raw).toEqual({ id: '12', feedback: 'id: should be a UUID, not a number' });
  });

  it('leaves a word:value that is no option name (a URL) as an ordinary positional value', () => {
    expect(parse('/roadmap done https://example.com/x').raw).toEqual({ topic: 'https://example.com/x' });
  });

  // The rest option keeps the name as part of the text, so the learner reads
  // "feedback: add tests" as the reviewer's note.
  it('reads `feedback: text` with a space after the colon as the feedback option', () => {
    expect(parse('/review changes 12 feedback: add tests').raw).toEqual({ id: '12', feedback: 'add tests' });
  });

  it('reads `topic: http` with a space after the colon as the topic option', () => {
    expect(parse('/roadmap done topic: http').raw).toEqual({ topic: 'http' });
  });
});

describe('parseCommandLine: mistakes', () => {
  it('suggests the closest command for an unknown one', () => {
    const e = rejection('/roadmp list');
    expect(e.id).toBe('parse.unknownCommand');
    expect(e.message).toBe('`/roadmp` is not a Cohort command. Did you mean `/roadmap`? Type `/help` to see them all.');
  });

  it('does not suggest anything for a command nothing like the real ones', () => {
    const e = rejection('/zzzzzzzz');
    expect(e.id).toBe('parse.unknownCommand');
    expect(e.message).not.toContain('Did you mean');
    expect(e.message).toContain('/help');
  });

  it('lists the subcommands with their usage for an unknown subcommand, suggesting the closest', () => {
    const e = rejection('/roadmap strat mini');
    expect(e.id).toBe('parse.unknownSubcommand');
    expect(e.message).toContain('`/roadmap strat` is not a command. Did you mean `/roadmap start`?');
    expect(e.message).toContain('• `/roadmap start [roadmap] [track]` — ');
    expect(e.message).toContain('• `/roadmap done <topic>` — Mark a topic complete');
    const subs = commands.find((c) => c.name === 'roadmap')?.subcommands ?? [];
    expect(subs.length).toBeGreaterThan(1);
    for (const s of subs) expect(e.message).toContain(`/roadmap ${s.name}`);
  });

  it('says a command needs a subcommand when none is given', () => {
    const e = rejection('/challenge');
    expect(e.id).toBe('parse.unknownSubcommand');
    expect(e.message).toContain('`/challenge` needs a subcommand.');
    expect(e.message).toContain('`/challenge submit <work> [task]`');
  });

  it('names a missing required option and shows the usage', () => {
    const e = rejection('/roadmap done');
    expect(e.id).toBe('parse.missingOption');
    expect(e.message).toBe('Missing `topic`: the topic id, e.g. http. Usage: `/roadmap done <topic>`');
    const feedback = rejection('/review changes 12');
    expect(feedback.message).toBe('Missing `feedback`: what the learner should change. Usage: `/review changes <id> <feedback>`');
  });

  it('still requires the rest option when only task: is given', () => {
    const e = rejection('/challenge submit task:basics-project');
    expect(e.id).toBe('parse.missingOption');
    expect(e.message).toContain('Missing `work`');
    expect(e.message).toContain('Usage: `/challenge submit <work> [task]`');
  });

  it('rejects an unexpected extra word, quoting it, with the usage', () => {
    const e = rejection('/roadmap done http extra');
    expect(e.id).toBe('parse.unexpected');
    expect(e.message).toBe('I didn\'t expect "extra". Usage: `/roadmap done <topic>`');
    expect(rejection('/help me').message).toBe('I didn\'t expect "me". Usage: `/help`');
  });

  it('suggests the closest option name for an unknown name: option', () => {
    const e = rejection('/roadmap done http tpoic:dns');
    expect(e.id).toBe('parse.unknownOption');
    expect(e.message).toBe('`tpoic` is not an option here. Did you mean `topic`? Usage: `/roadmap done <topic>`');
    const lb = rejection('/leaderboard week points perod:month');
    expect(lb.message).toContain('`perod` is not an option here. Did you mean `period`?');
    expect(lb.message).toContain('Usage: `/leaderboard [period] [by] [share]`');
    // Even while a positional slot is still open, a near-miss name is a typo, not a value.
    expect(rejection('/roadmap start trak:python').message).toContain('Did you mean `track`?');
  });

  it('rejects an option given twice, by name or by position', () => {
    const named = rejection('/roadmap start track:go track:python');
    expect(named.id).toBe('parse.duplicateOption');
    expect(named.message).toBe('`track` is given twice. Usage: `/roadmap start [roadmap] [track]`');
    const mixed = rejection('/roadmap start mini roadmap:mini');
    expect(mixed.id).toBe('parse.duplicateOption');
    expect(mixed.message).toContain('`roadmap` is given twice');
  });

  it('explains that commands start with a slash', () => {
    for (const line of ['roadmap list', 'hello there', '']) {
      const e = rejection(line);
      expect(e.id).toBe('parse.notACommand');
      expect(e.message).toContain('Commands start with a slash, e.g. `/roadmap list`');
    }
  });
});

describe('usage', () => {
  it('shows required options in <angle brackets> and optional ones in [square brackets]', () => {
    const byName = (n: string) => commands.find((c) => c.name === n)!;
    const review = byName('review');
    const changes = review.subcommands?.find((s) => s.name === 'changes');
    expect(changes).toBeDefined();
    expect(usage(review, changes)).toBe('/review changes <id> <feedback>');
    expect(usage(byName('leaderboard'))).toBe('/leaderboard [period] [by] [share]');
    expect(usage(byName('help'))).toBe('/help');
  });
});

describe('parseUserRef', () => {
  it('reads mentions from every platform', () => {
    expect(parseUserRef('<@U123>')).toEqual({ id: 'U123' });
    expect(parseUserRef('<@!123>')).toEqual({ id: '123' });
    expect(parseUserRef('<@U1|alice>')).toEqual({ id: 'U1', name: 'alice' });
    expect(parseUserRef('@alice')).toEqual({ id: 'alice' });
    expect(parseUserRef('  @alice  ')).toEqual({ id: 'alice' });
  });

  it('does not read plain words or channels as members', () => {
    expect(parseUserRef('alice')).toBeUndefined();
    expect(parseUserRef('<#C1>')).toBeUndefined();
    expect(parseUserRef('@')).toBeUndefined();
    expect(parseUserRef('@alice bob')).toBeUndefined();
  });
});

describe('parseChannelRef', () => {
  it('reads channels as typed on every platform', () => {
    expect(parseChannelRef('<#C1>')).toBe('C1');
    expect(parseChannelRef('<#C1|general>')).toBe('C1');
    expect(parseChannelRef('#general')).toBe('general');
  });

  it('does not read plain words or mentions as channels', () => {
    expect(parseChannelRef('general')).toBeUndefined();
    expect(parseChannelRef('<@U1>')).toBeUndefined();
    expect(parseChannelRef('#')).toBeUndefined();
  });
});
