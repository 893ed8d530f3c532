#!/usr/bin/env node
// npm run build, after tsc: bundles src/index.ts and the packages it uses with esbuild into
// dist/bundle/, so starting the server reads a few files instead of resolving some 700 modules.
// What loads later gets a chunk of its own in dist/bundle/chunks/: the composition root (loaded
// with the first tool call), the Docker sandbox (first run_python), demo mode's recordings and the
// HTTP transport. dist/index.js, the entry (bin, README, tests), turns on source maps, so stack
// traces in logs name src/ files and lines, and imports the bundle. The rest of dist/ is tsc's
// module-per-file output, for scripts that load one module (bench-sandbox, bench-replies).
import { build } from 'esbuild';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const out = join(dist, 'bundle');
rmSync(out, { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: { index: 'src/index.ts' },
  outdir: out,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  sourcesContent: false,
  // Class and function names stay as written (error names, logs).
  keepNames: true,
  // CommonJS packages inside an ES module bundle still `require` Node's built-in modules.
  banner: { js: "import { createRequire as __bundleRequire } from 'node:module'; const require = __bundleRequire(import.meta.url);" },
  // Loaded as they are, from node_modules: the tokenizer's CommonJS reads its data and WASM files
  // next to itself (telemetry only), and Vega is large and used only by `report --chart`.
  external: ['@anthropic-ai/tokenizer', 'tiktoken', 'vega', 'vega-lite'],
  logLevel: 'warning',
});

const entry = join(dist, 'index.js');
rmSync(`${entry}.map`, { force: true });
writeFileSync(
  entry,
  `#!/usr/bin/env node
// github-tasks-mcp: the server is bundled in ./bundle/ (scripts/bundle.mjs); its source maps make
// stack traces name src/ files and lines.
process.setSourceMapsEnabled?.(true);
await import('./bundle/index.js');
`,
);
chmodSync(entry, 0o755);
