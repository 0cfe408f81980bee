// Every card and what it is drawn from.
import type { CertificateCardInput } from './certificate.ts';
import type { HeatmapCardInput } from './heatmap.ts';
import type { LeaderboardCardInput } from './leaderboard.ts';
import type { ProgressCardInput } from './progress.ts';
import type { RecapCardInput } from './recap.ts';

export interface CardInputs {
  progress: ProgressCardInput;
  heatmap: HeatmapCardInput;
  leaderboard: LeaderboardCardInput;
  recap: RecapCardInput;
  certificate: CertificateCardInput;
}
export type CardKind = keyof CardInputs;
