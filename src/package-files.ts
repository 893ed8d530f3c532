import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * A file or folder of this package (`package.json`, `fixtures/github`), found from the nearest
 * folder above this module that holds a package.json: the same from src/ (tests), from tsc's
 * dist/ tree and from the bundle's chunks in dist/bundle/, which sit at other depths.
 */
export function packagePath(...segments: string[]): string {
  if (root === undefined) {
    let dir = dirname(fileURLToPath(import.meta.url));
    while (!existsSync(join(dir, 'package.json'))) {
      if (dirname(dir) === dir) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
      dir = dirname(dir);
    }
    root = dir;
  }
  return join(root, ...segments);
}
