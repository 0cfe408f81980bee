// The second half of `npm run build`: after tsc has compiled every file to
// dist/, esbuild bundles the entry (and what it imports, discord.js included)
// into a few files, replacing dist/main.js. Node then reads a handful of
// files at start instead of about a thousand: discord.js alone took 540 ms to
// load as separate modules and about 200 ms bundled, on the 2-core machine.
//
// The rest of dist/ stays: the card renderer is its own process started from
// dist/cards/renderer-process.js, and files found relative to a module
// (migrations, the roadmap cache's key) are looked up as if from that
// module's own place in dist/ (see keepModuleUrls).
import { build } from 'esbuild';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SRC = resolve(ROOT, 'src');
const OUT = resolve(ROOT, 'dist');
const CHUNKS = resolve(OUT, 'chunks');

/**
 * Native addons, and packages loaded only when configured that are large or
 * resolve files at run time: they load from node_modules as before, and only
 * when the code that uses them is reached.
 */
const EXTERNAL = [
  'better-sqlite3',
  '@napi-rs/canvas',
  'pg',
  'pg-native',
  '@slack/bolt',
  'prom-client',
  'playwright-core',
  // discord.js's optional speed-ups, absent unless installed.
  'zlib-sync',
  'bufferutil',
  'utf-8-validate',
  'erlpack',
];

/**
 * A bundled module's `import.meta.url` would be the bundle's. Each source
 * file's is rewritten to the URL its own compiled file has in dist/, so
 * `new URL('../../migrations/sqlite', import.meta.url)` in src/db/open.ts
 * still finds migrations/, and createRequire resolves from the same place.
 */
const keepModuleUrls = {
  name: 'keep-module-urls',
  setup(b) {
    b.onLoad({ filter: /\/src\/.*\.tsx?$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const compiled = resolve(OUT, relative(SRC, args.path)).replace(/\.tsx?$/, '.js');
      const url = `new URL(${JSON.stringify(relative(CHUNKS, compiled))}, import.meta.url).href`;
      return { contents: text.replaceAll('import.meta.url', url), loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
    });
  },
};

await rm(CHUNKS, { recursive: true, force: true });
await build({
  entryPoints: { main: resolve(SRC, 'main.ts') },
  outdir: OUT,
  // Every chunk sits in dist/chunks/, so one relative path serves keepModuleUrls wherever esbuild puts a module.
  entryNames: 'chunks/[name]',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  // Lazily imported parts (Discord, Slack, the dashboard) become chunks of their own, loaded only when configured.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  jsx: 'automatic',
  jsxImportSource: 'hono/jsx',
  sourcemap: true,
  // V8 keeps every module's source text for the life of the process, at two bytes a character
  // if any one character is beyond Latin-1 (esbuild escapes them in code, not in comments: one
  // curly apostrophe in a comment of a bundled package made the 4 MB Discord chunk cost 8 MB).
  // Without comments and indentation the chunks hold 4.0 MB instead of 6.1, all one byte a
  // character but for our own regular expressions that match curly quotes or emoji. Names are kept, so stack
  // traces still say which function; `node --enable-source-maps dist/main.js` maps them back.
  minifyWhitespace: true,
  // Licence comments go to a .LEGAL.txt beside each chunk, not into its source.
  legalComments: 'linked',
  // CommonJS packages inside an ES module bundle still call require() for Node's own modules.
  banner: { js: "import { createRequire as __cohortRequire } from 'node:module'; const require = __cohortRequire(import.meta.url);" },
  plugins: [keepModuleUrls],
  logLevel: 'warning',
});

// `node dist/main.js` stays the command: the compiled entry tsc wrote is replaced by one that starts the bundle.
await writeFile(resolve(OUT, 'main.js'), "// Written by scripts/bundle.mjs: the bundled entry, see there.\nimport './chunks/main.js';\n");
