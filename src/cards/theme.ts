// The cards' shared look: two palettes (a group picks light or dark), one
// spacing step and one type scale, so every picture reads as one family.
export type ThemeName = 'light' | 'dark';

export interface Theme {
  name: ThemeName;
  background: string;
  surface: string;
  border: string;
  text: string;
  muted: string;
  accent: string;
  /** Done stages and the filled part of a bar. */
  done: string;
  /** The stage the member is on. */
  current: string;
  /** Stages not reached yet, and the empty part of a bar. */
  ahead: string;
  /** Heatmap: no activity, then 1, 2, 3 and 4+ activities in a day. */
  heat: readonly [string, string, string, string, string];
  /** Heatmap: a day a freeze covered (its own colour, never a shade of activity). */
  frozen: string;
  up: string;
  down: string;
  gold: string;
  silver: string;
  bronze: string;
}

export const THEMES: Record<ThemeName, Theme> = {
  light: {
    name: 'light',
    background: '#ffffff',
    surface: '#f4f5f7',
    border: '#d8dbe0',
    text: '#1b1f24',
    muted: '#5f6b7a',
    accent: '#5865f2',
    done: '#2da44e',
    current: '#5865f2',
    ahead: '#d8dbe0',
    heat: ['#ebedf0', '#9be9a8', '#40c463', '#30a14e', '#216e39'],
    frozen: '#54aeff',
    up: '#1a7f37',
    down: '#cf222e',
    gold: '#d4a017',
    silver: '#8c959f',
    bronze: '#b0703a',
  },
  dark: {
    name: 'dark',
    background: '#0d1117',
    surface: '#161b22',
    border: '#30363d',
    text: '#e6edf3',
    muted: '#8d96a0',
    accent: '#7c86ff',
    done: '#3fb950',
    current: '#7c86ff',
    ahead: '#30363d',
    heat: ['#161b22', '#0e4429', '#006d32', '#26a641', '#39d353'],
    frozen: '#388bfd',
    up: '#3fb950',
    down: '#f85149',
    gold: '#e3b341',
    silver: '#9ea7b3',
    bronze: '#c9824b',
  },
};

/** Spacing step, in pixels. */
export const SPACE = 8;

/** The type scale: [weight, size in px]. */
export const TYPE = {
  title: [700, 30],
  heading: [600, 20],
  body: [400, 17],
  small: [400, 14],
  figure: [700, 40],
} as const;

export const font = ([weight, size]: readonly [number, number]) => `${weight} ${size}px Inter`;
