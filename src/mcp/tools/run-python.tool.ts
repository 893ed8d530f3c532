import { z } from 'zod';
import {
  DEFAULT_TIMEOUT_SECONDS,
  MAX_CODE_BYTES,
  MAX_TIMEOUT_SECONDS,
  MIN_TIMEOUT_SECONDS,
  RunPython,
} from '../../domain/sandbox/run-python.use-case.js';
import { SANDBOX_MAX_PROCESSES, SANDBOX_MEMORY_MB, SANDBOX_OUTPUT_CAP_BYTES } from '../../domain/model/sandbox.js';
import { presentRunPython } from '../present/run-python.present.js';
import { defineTool } from './define-tool.js';

export const runPythonTool = defineTool({
  name: 'run_python',
  group: 'sandbox',
  description: [
    'Run a short Python 3.11 program in a locked-down sandbox and get what it printed. For computing: parse a log pasted from an issue, crunch numbers, test a regex, check a date.',
    `Output: a first line "outcome: exit code, duration" (outcome is ok, error, timeout, memory or output-limit; "(waited N s for a free sandbox)" after it when the call queued), then --- stdout --- and --- stderr --- blocks, each cut at ${SANDBOX_OUTPUT_CAP_BYTES / 1024} KB with a [cut: ...] note. Only printed output comes back.`,
    `Not available: network (no HTTP, DNS or GitHub), packages beyond the standard library (no pip), files from earlier calls (each call starts fresh; only /tmp is writable), more than ${SANDBOX_MEMORY_MB} MB of memory or ${SANDBOX_MAX_PROCESSES} processes.`,
    'Not for: reading GitHub data (use the GitHub tools and pass the text in the code), long jobs, anything needing the internet.',
  ].join('\n'),
  input: {
    code: z
      .string()
      .min(1)
      .max(MAX_CODE_BYTES)
      .describe(`Python source, at most ${MAX_CODE_BYTES / 1024} KB; print() the results`),
    timeout_seconds: z
      .number()
      .int()
      .min(MIN_TIMEOUT_SECONDS)
      .max(MAX_TIMEOUT_SECONDS)
      .default(DEFAULT_TIMEOUT_SECONDS)
      .describe(`wall-clock limit, ${MIN_TIMEOUT_SECONDS}-${MAX_TIMEOUT_SECONDS}`),
  },
  annotations: { title: 'Run Python in a sandbox', readOnlyHint: false, openWorldHint: false },
  example: { code: 'import re\nprint(re.findall(r"\\d+", "a1b22"))', timeout_seconds: 10 },
  useCase: (ports) => new RunPython(ports.sandbox),
  run: (args, runPython, { signal }) => runPython.execute({ code: args.code, timeoutSeconds: args.timeout_seconds, signal }),
  present: (result, _args, budget) => presentRunPython(result, budget),
  usage: (result) => ({ sandbox: result.outcome === 'error' ? `exit ${result.exitCode ?? '?'}` : result.outcome }),
});
