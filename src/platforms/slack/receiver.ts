// The HTTP receiver, with Slack's freshness rule applied both ways. bolt
// rejects a request stamped more than 5 minutes in the past but accepts one
// stamped in the future; Slack's rule is a 5-minute window either way, so a
// signed request captured with a skewed clock can't be replayed later.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTPReceiver, type Logger as BoltLogger } from '@slack/bolt';

/** Slack's window for x-slack-request-timestamp, either way. */
export const MAX_SKEW_SECONDS = 5 * 60;

export function httpReceiver(opts: {
  signingSecret: string;
  endpoints: string;
  logger: BoltLogger;
  now?: () => number;
  /** Told of each request as it arrives; what it returns is called once the response is written. */
  onRequest?: () => () => void;
}): HTTPReceiver {
  const receiver = new HTTPReceiver({ signingSecret: opts.signingSecret, endpoints: opts.endpoints, logger: opts.logger });
  const now = opts.now ?? Date.now;
  const verified = receiver.requestListener;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    if (fromTheFuture(req.headers['x-slack-request-timestamp'], now())) {
      opts.logger.warn('slack: refused a request stamped more than 5 minutes in the future');
      res.writeHead(401);
      res.end();
      return;
    }
    const answered = opts.onRequest?.();
    if (answered) {
      res.once('finish', answered);
      res.once('close', answered);
    }
    verified(req, res);
  };
  return receiver;
}

function fromTheFuture(header: string | string[] | undefined, nowMs: number): boolean {
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(seconds) && seconds - Math.floor(nowMs / 1000) > MAX_SKEW_SECONDS;
}
