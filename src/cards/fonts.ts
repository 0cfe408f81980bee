// Inter from npm (@expo-google-fonts/inter), registered once for every card:
// pictures never depend on a font the machine happens to have. Emoji are left
// out of pictures (no emoji font ships with the project).
import { GlobalFonts } from '@napi-rs/canvas';
import { createRequire } from 'node:module';

const WEIGHTS = ['400Regular', '600SemiBold', '700Bold'] as const;
let registered = false;

export function ensureFonts(): void {
  if (registered) return;
  const require = createRequire(import.meta.url);
  for (const w of WEIGHTS) {
    const path = require.resolve(`@expo-google-fonts/inter/${w}/Inter_${w}.ttf`);
    if (!GlobalFonts.registerFromPath(path, 'Inter')) throw new Error(`could not load the Inter font at ${path}`);
  }
  registered = true;
}
