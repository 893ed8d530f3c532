import { afterAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DomainError } from '../../src/domain/errors.js';
import { DEFAULT_SANDBOX_IMAGE } from '../../src/domain/model/sandbox.js';
import { DockerCliSandbox } from '../../src/adapters/docker/docker-cli.sandbox.js';
import { presentError } from '../../src/mcp/present/present-error.js';

const ctx = { tool: 'run_python' };
const missing = (image: string) => presentError(new DomainError({ kind: 'SandboxUnavailable', cause: 'image-missing', image }), ctx).split('\n');

describe('the sandbox image hint names the image the server is configured to run', () => {
  it('the default image: npm run sandbox:image builds it', () => {
    expect(DEFAULT_SANDBOX_IMAGE).toBe('github-tasks-sandbox:py3.11-1');
    expect(missing(DEFAULT_SANDBOX_IMAGE)).toEqual([
      'run_python cannot run code: the sandbox image github-tasks-sandbox:py3.11-1 is not built.',
      'Why: The image is built locally, not pulled from a registry, and Docker does not have it.',
      "Next: Ask the user to run `npm run sandbox:image` in the server's folder (offline, from Debian packages), or `docker build -t github-tasks-sandbox:py3.11-1 -f docker/Dockerfile.sandbox docker` with registry access; then call run_python again.",
    ]);
  });

  it('a custom GITHUB_TASKS_SANDBOX_IMAGE: the build script told its tag, and why plain npm run sandbox:image is not enough', () => {
    expect(missing('registry.example.com/team/py:2')).toEqual([
      'run_python cannot run code: the sandbox image registry.example.com/team/py:2, named by GITHUB_TASKS_SANDBOX_IMAGE, is not built.',
      'Why: The server runs that image and never pulls one, and Docker does not have it; a plain `npm run sandbox:image` builds the default tag, github-tasks-sandbox:py3.11-1, not this one.',
      "Next: Ask the user to run `SANDBOX_IMAGE_TAG=registry.example.com/team/py:2 npm run sandbox:image` in the server's folder (offline, from Debian packages), or `docker build -t registry.example.com/team/py:2 -f docker/Dockerfile.sandbox docker` with registry access, or `docker pull registry.example.com/team/py:2` if it is published in a registry, or to unset GITHUB_TASKS_SANDBOX_IMAGE and restart the server to use github-tasks-sandbox:py3.11-1; then call run_python again.",
    ]);
  });

  it('Docker missing: the build step names the configured image too', () => {
    const next = presentError(new DomainError({ kind: 'SandboxUnavailable', cause: 'docker-missing', image: 'acme/py:3' }), ctx).split('\n')[2];
    expect(next).toBe(
      'Next: Ask the user to install Docker (Debian/Ubuntu: `sudo apt-get install docker.io`; macOS/Windows: Docker Desktop), start it, then build the sandbox image acme/py:3 with `SANDBOX_IMAGE_TAG=acme/py:3 npm run sandbox:image`.',
    );
  });

  describe('through the docker adapter, with a docker that has no such image', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fake-docker-'));
    const fake = join(dir, 'docker');
    // Answers like the real client: no leftover containers, and no such image.
    writeFileSync(fake, '#!/bin/sh\nif [ "$1" = ps ]; then exit 0; fi\nif [ "$1" = image ]; then echo "Error response from daemon: No such image: $5" >&2; exit 1; fi\nexit 125\n');
    chmodSync(fake, 0o755);
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('run_python answers with the configured image and its build command', async () => {
      const sandbox = new DockerCliSandbox({ image: 'acme/py:3', concurrency: 1, maxWaiting: 0, warmPool: 0, dockerBin: fake });
      const error = await sandbox.run({ code: 'print(1)', timeoutMs: 5_000 }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DomainError);
      const lines = presentError(error, ctx).split('\n');
      expect(lines[0]).toBe('run_python cannot run code: the sandbox image acme/py:3, named by GITHUB_TASKS_SANDBOX_IMAGE, is not built.');
      expect(lines[2]).toContain('`SANDBOX_IMAGE_TAG=acme/py:3 npm run sandbox:image`');
    });
  });
});
