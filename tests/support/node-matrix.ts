import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT } from './launch-server.js';

/** The Node versions the tests run on (scripts/node-matrix.json), oldest first. */
export const MATRIX_VERSIONS: readonly string[] = (
  JSON.parse(readFileSync(resolve(ROOT, 'scripts/node-matrix.json'), 'utf8')) as { versions: string[] }
).versions;

export const majorOf = (version: string) => Number(version.replace(/^v/, '').split('.')[0]);

/** Where scripts/ensure-node-versions.sh puts a version's binary. */
export const cachedNode = (version: string) => resolve(ROOT, '.cache/node', `v${version}`, 'bin/node');

/**
 * A Node binary of at least `major`: the one running the tests if it is new enough, else the
 * oldest such version of the matrix found in the cache; undefined when there is none.
 */
export function nodeAtLeast(major: number): string | undefined {
  if (majorOf(process.versions.node) >= major) return process.execPath;
  return MATRIX_VERSIONS.filter((v) => majorOf(v) >= major)
    .map(cachedNode)
    .find((bin) => existsSync(bin));
}
