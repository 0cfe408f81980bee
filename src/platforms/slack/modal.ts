// "Request changes" and any other button that asks for text first: a modal
// with one text box. The command and the place it was pressed ride along in
// private_metadata, so the submission runs `<command> <text>` right there.
import type { types, ViewOutput } from '@slack/bolt';
import type { Button } from '../../commands/types.ts';
import type { Here } from '../targets.ts';
import { truncate } from './render.ts';

export const ASK_CALLBACK = 'cohort:ask';
const BLOCK = 'ask';
const INPUT = 'text';

interface AskMetadata {
  command: string;
  channelId: string;
  threadId?: string | undefined;
}

const plain = (text: string, max: number): types.PlainTextElement => ({ type: 'plain_text', text: truncate(text, max), emoji: true });

export function askView(command: string, ask: NonNullable<Button['ask']>, here: Here): types.ModalView {
  return {
    type: 'modal',
    callback_id: ASK_CALLBACK,
    private_metadata: JSON.stringify({ command, channelId: here.channelId, threadId: here.threadId } satisfies AskMetadata),
    // Slack's limits: a modal title 24 characters, a label 2,000, a placeholder 150.
    title: plain(ask.title, 24),
    submit: plain('Send', 24),
    close: plain('Cancel', 24),
    blocks: [
      {
        type: 'input',
        block_id: BLOCK,
        label: plain(ask.label, 2_000),
        element: { type: 'plain_text_input', action_id: INPUT, multiline: true, max_length: 3_000, ...(ask.placeholder && { placeholder: plain(ask.placeholder, 150) }) },
      },
    ],
  };
}

/** The command line a submitted modal runs, and where it was asked from. Modal text arrives raw, not escaped. */
export function readAsk(view: ViewOutput): { line: string; here: Here } | undefined {
  try {
    const meta = JSON.parse(view.private_metadata) as AskMetadata;
    const text = view.state.values[BLOCK]?.[INPUT]?.value ?? '';
    return { line: `${meta.command} ${text}`.trim(), here: { channelId: meta.channelId, threadId: meta.threadId } };
  } catch {
    return undefined;
  }
}
