// When to stop: SIGINT or SIGTERM to this process, or — when started through
// `npm start` — the same signal sent to npm's PID, which supervisors (systemd,
// Docker) signal. The start script `exec`s node so npm's child is the bot and
// npm's forwarding reaches it; should npm exit without passing a signal on
// (it did so through an intermediate shell), the bot would be left running
// with no parent, so under npm a parent that goes away means stop too.

const PARENT_CHECK_MS = 500;

/** Calls `stop` once, with the reason, on the first stop signal. */
export function onStopSignal(stop: (reason: string) => void): void {
  let stopped = false;
  const once = (reason: string) => {
    if (stopped) return;
    stopped = true;
    clearInterval(watch);
    stop(reason);
  };
  process.once('SIGINT', () => once('SIGINT'));
  process.once('SIGTERM', () => once('SIGTERM'));
  const parent = process.ppid;
  const underNpm = Boolean(process.env.npm_lifecycle_event);
  // process.ppid is read afresh each time: it changes when the parent exits and we are re-parented.
  const watch = underNpm ? setInterval(() => process.ppid !== parent && once('parent exited (npm was stopped)'), PARENT_CHECK_MS) : undefined;
  watch?.unref();
}
