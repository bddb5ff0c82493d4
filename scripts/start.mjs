// `npm start`: serves the built app at once, building it first only when there is no build or
// a source file is newer than it (a fresh clone, a pull, an edit). Plain Node, no TypeScript.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const builtFiles = ['dist/client/index.html', 'dist/server/main.js'];
const sources = [
  'src',
  'public',
  'index.html',
  'package.json',
  'package-lock.json',
  'vite.config.ts',
  'tsconfig.json',
];

/** The latest modification time under `path`, or -Infinity when it does not exist. */
function newestChange(path) {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return -Infinity;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestChange(join(path, name))),
    stats.mtimeMs,
  );
}

const builtAt = Math.min(...builtFiles.map((file) => newestChange(join(root, file))));
const changedAt = Math.max(...sources.map((source) => newestChange(join(root, source))));
if (!(builtAt > changedAt)) {
  console.log(
    builtAt === -Infinity
      ? 'No build yet: building…'
      : 'Sources changed since the last build: building…',
  );
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
await import(new URL('../dist/server/main.js', import.meta.url).href);
