/**
 * Builds the E2B template run_python creates its sandboxes from (GITHUB_TASKS_SANDBOX=e2b), in the
 * E2B team of E2B_API_KEY: Python 3.11 (the Docker sandbox's version), 512 MB of memory and 1 vCPU
 * per microVM (the memory is the template's, fixed when it is built: E2B has no per-run memory
 * limit). Run once per team, and again when DEFAULT_E2B_TEMPLATE changes:
 *
 *   E2B_API_KEY=e2b_... npm run sandbox:e2b-template
 *
 * E2B_TEMPLATE_NAME=NAME builds it under another name (then set GITHUB_TASKS_E2B_TEMPLATE=NAME).
 */
import { defaultBuildLogger, Template } from 'e2b';
import { DEFAULT_E2B_TEMPLATE } from '../src/adapters/e2b/e2b-options.js';
import { SANDBOX_MEMORY_MB } from '../src/domain/model/sandbox.js';

const apiKey = process.env.E2B_API_KEY;
if (!apiKey) {
  process.stderr.write(`sandbox:e2b-template: E2B_API_KEY is not set.\nWhy: the template is built in the E2B team the key belongs to.\nNext: create a key at https://e2b.dev/dashboard?tab=keys, then run: E2B_API_KEY=e2b_... npm run sandbox:e2b-template\n`);
  process.exit(2);
}
const name = process.env.E2B_TEMPLATE_NAME || DEFAULT_E2B_TEMPLATE;
const template = Template().fromPythonImage('3.11');
const built = await Template.build(template, name, { apiKey, cpuCount: 1, memoryMB: SANDBOX_MEMORY_MB, onBuildLogs: defaultBuildLogger() });
process.stdout.write(`built E2B template ${name} (${built.templateId}): Python 3.11, ${SANDBOX_MEMORY_MB} MB, 1 vCPU\n`);
