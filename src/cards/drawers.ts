// Each card's drawing function by kind. Importing this loads the canvas
// library (a native module), so only the renderer process does.
import { certificateCard } from './certificate.ts';
import { heatmapCard } from './heatmap.ts';
import type { CardInputs, CardKind } from './kinds.ts';
import { leaderboardCard } from './leaderboard.ts';
import { progressCard } from './progress.ts';
import { recapCard } from './recap.ts';
import type { Theme } from './theme.ts';

export const DRAWERS: { [K in CardKind]: (input: CardInputs[K], theme: Theme) => Promise<Buffer> } = {
  progress: progressCard,
  heatmap: heatmapCard,
  leaderboard: leaderboardCard,
  recap: recapCard,
  certificate: certificateCard,
};
