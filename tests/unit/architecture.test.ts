import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}
const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;

function importsIn(text: string): string[] {
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}
const importsOf = (file: string) => importsIn(readFileSync(file, 'utf8'));

describe('dependency rule', () => {
  it('src/domain imports only src/domain and src/ports, and never reads process.env', () => {
    const offenders: string[] = [];
    for (const file of files(join(root, 'src/domain'))) {
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) {
          offenders.push(`${relative(root, file)} imports package ${spec}`);
          continue;
        }
        const target = relative(root, resolve(dirname(file), spec));
        if (!target.startsWith('src/domain/') && !target.startsWith('src/ports/')) offenders.push(`${relative(root, file)} imports ${target}`);
      }
      if (/process\.env|@injectable|@inject\(/.test(readFileSync(file, 'utf8'))) offenders.push(`${relative(root, file)} uses process.env or DI decorators`);
    }
    expect(offenders).toEqual([]);
  });

  it('src/ports imports only src/domain and other ports', () => {
    const offenders = files(join(root, 'src/ports')).flatMap((file) =>
      importsOf(file)
        .filter((spec) => !spec.startsWith('.') || !/^src\/(domain|ports)\//.test(relative(root, resolve(dirname(file), spec))))
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it('only src/config.ts reads process.env', () => {
    const readers = files(join(root, 'src'))
      .filter((f) => /process\.env/.test(readFileSync(f, 'utf8').replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '')))
      .map((f) => relative(root, f));
    expect(readers).toEqual(['src/config.ts']);
  });

  it('src/domain speaks its own language: no MCP tool name, no snake_case argument name, no DI token', () => {
    const toolNames = files(join(root, 'src/mcp/tools'))
      .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/^\s*name: '([a-z_]+)'/gm)].map((m) => m[1]!));
    expect(toolNames).toContain('find_issues');
    const wireNames = files(join(root, 'src/mcp/tools'))
      .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/^\s{4}([a-z]+_[a-z_]+):/gm)].map((m) => m[1]!));
    expect(wireNames).toContain('comments_limit');
    const offenders: string[] = [];
    for (const file of files(join(root, 'src/domain'))) {
      const text = readFileSync(file, 'utf8');
      for (const name of [...toolNames, ...wireNames]) if (new RegExp(`\\b${name}\\b`).test(text)) offenders.push(`${relative(root, file)} names ${name}`);
      if (/Symbol\.for|inversify/.test(text)) offenders.push(`${relative(root, file)} holds a DI token`);
    }
    expect(offenders).toEqual([]);
  });

  it('wiring is typed: no Symbol.for tokens and no get<T>(token) lookups anywhere in src', () => {
    const offenders = files(join(root, 'src'))
      .filter((f) => /Symbol\.for\(|\.get<[^>]+>\(/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(offenders).toEqual([]);
  });

  it('the scanner sees every import form the rule relies on', () => {
    const sample = [
      "import { graphql } from '@octokit/graphql';",
      "import type { X } from '../../adapters/github/x.js';",
      "export { y } from '../mcp/y.js';",
      "const m = await import('../adapters/z.js');",
      "import 'reflect-metadata';",
    ].join('\n');
    expect(importsIn(sample)).toEqual(['@octokit/graphql', '../../adapters/github/x.js', '../mcp/y.js', '../adapters/z.js', 'reflect-metadata']);
  });
});
