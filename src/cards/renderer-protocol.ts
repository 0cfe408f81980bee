// What the bot and its card renderer (renderer-process.ts) say to each other over IPC.
import type { CardInputs, CardKind } from './kinds.ts';
import type { ThemeName } from './theme.ts';

export interface CardRequest {
  id: number;
  kind: CardKind;
  input: CardInputs[CardKind];
  theme: ThemeName;
}

/** `ready` once at start (id 0); then, per request, its PNG or why it failed. */
export type CardResponse = { id: number; ready: true } | { id: number; png: Uint8Array } | { id: number; error: string };
