import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/launch-server.js';
import { majorOf, MATRIX_VERSIONS } from '../support/node-matrix.js';

/**
 * What `engines` claims is what the tests run on (scripts/node-matrix.json: npm test runs every
 * version there), what the README says, and what every installed package accepts: `npm ci` on a
 * tested Node prints no EBADENGINE, and a user on the oldest Node of each claimed line gets
 * production dependencies that run there.
 */
const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(resolve(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; dev?: boolean; optional?: boolean; engines?: { node?: string } | string[] }>;
};
const engines = new semver.Range(pkg.engines.node);
/** The oldest version of each release line `engines` accepts, e.g. 20.18.0, 22.0.0, 24.0.0. */
const oldestOfEachLine = engines.set.map((comparators) => semver.minVersion(new semver.Range(comparators.map(String).join(' ')))!.version);

/**
 * Every locked package (name@version) whose own `engines.node` refuses `node`. An optional one is
 * not: npm skips installing an optional package whose engines refuse the Node (e2b's `undici8`,
 * for Node 22.19+, which e2b uses only there, falling back to undici 7).
 */
function refusing(node: string, include: (entry: { dev?: boolean }) => boolean): string[] {
  return Object.entries(lock.packages).flatMap(([path, entry]) => {
    const range = !Array.isArray(entry.engines) ? entry.engines?.node : undefined;
    if (!path || !range || entry.optional || !include(entry) || semver.satisfies(node, range)) return [];
    return [`${path.replace(/^.*node_modules\//, '')}@${entry.version} wants node ${range}`];
  });
}

describe('the Node versions engines claims', () => {
  it('are exactly the release lines the tests run on', () => {
    expect(oldestOfEachLine.map(majorOf)).toEqual(MATRIX_VERSIONS.map(majorOf));
    for (const v of MATRIX_VERSIONS) expect(semver.satisfies(v, engines), v).toBe(true);
    expect(semver.satisfies(process.versions.node, engines), `the Node running the tests, ${process.version}`).toBe(true);
  });

  it('are the ones the README names', () => {
    // 20.18.0 -> "20.18+", 22.0.0 -> "22": "Node.js 20.18+, 22 or 24"
    const names = oldestOfEachLine.map((v) => (v.endsWith('.0.0') ? v.split('.')[0]! : `${v.split('.').slice(0, 2).join('.')}+`));
    const phrase = `Node.js ${names.slice(0, -1).join(', ')} or ${names.at(-1)}`;
    const line = readFileSync(resolve(ROOT, 'README.md'), 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Node.js '));
    expect(line?.startsWith(`${phrase} `) || line?.startsWith(`${phrase}.`) || line?.startsWith(`${phrase};`)).toBe(true);
  });

  it('are accepted by every package npm ci installs (no EBADENGINE on a tested Node)', () => {
    for (const v of MATRIX_VERSIONS) expect(refusing(v, () => true), `Node ${v}`).toEqual([]);
  });

  it('are accepted by every production dependency down to the oldest claimed version of each line', () => {
    for (const v of oldestOfEachLine) expect(refusing(v, (e) => e.dev !== true), `Node ${v}`).toEqual([]);
  });
});
