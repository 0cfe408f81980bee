// The card renderer: a child process that draws cards for the bot (see
// render.ts). Drawing and PNG encoding cost ~30 ms of CPU a card and about
// 80 MiB of native memory (Skia's caches and the allocator's arenas); here
// they run at a lower CPU priority than the bot, so answers never wait
// behind a picture, and the memory goes back when the renderer exits idle.
import { setPriority } from 'node:os';
import type { CardRequest, CardResponse } from './renderer-protocol.ts';
import { DRAWERS } from './drawers.ts';
import { THEMES } from './theme.ts';

try {
  // Before the encoder's thread pool exists, so its threads inherit the priority too.
  setPriority(10);
} catch {
  // Some containers forbid it; the renderer still works at normal priority.
}

const reply = (m: CardResponse) => process.send!(m);

process.on('message', (req: CardRequest) => {
  DRAWERS[req.kind](req.input as never, THEMES[req.theme]).then(
    (png) => reply({ id: req.id, png }),
    (err: unknown) => reply({ id: req.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
// The bot closed the channel (it is idle, stopping, or gone): nothing more will come.
process.on('disconnect', () => process.exit(0));
reply({ id: 0, ready: true });
