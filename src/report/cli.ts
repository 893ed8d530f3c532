import { createReadStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { DEFAULT_MAX_RESPONSE_TOKENS } from '../mcp/budget/limits.js';
import { allTools } from '../mcp/tools/index.js';
import { pageSizeArguments } from './page-size-arguments.js';
import { readLines } from './read-lines.js';
import { renderReport } from './table.js';
import { TelemetryTally } from './tally.js';

export const REPORT_USAGE = 'github-tasks-mcp report <telemetry.jsonl> [--chart <file.svg>] [--budget N]';

const USAGE_TEXT = `Usage: ${REPORT_USAGE}

Reads the tool-call telemetry the server wrote (GITHUB_TASKS_TELEMETRY=<file>) and prints, per tool:
calls, p50/p95/max tokens per answer, error rate, how often pagination was followed, how often the
response budget cut an answer, and the largest page size whose full page stays within the budget.

Options:
  --budget N          the response budget in tokens (default ${DEFAULT_MAX_RESPONSE_TOKENS}, the server's default)
  --chart <file.svg>  also draw the tokens per answer of each tool, with the budget, as an SVG file
  --help              this text

See docs/response-budget.md.
`;

const MAX_BUDGET = 1_000_000;

export interface ReportIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Colour in the table: only for a terminal that shows it. */
  readonly color: boolean;
}

/** A failure the user can act on: what happened, why, what to do; exit code 2 unless said. */
class ReportFailure extends Error {
  constructor(
    readonly what: string,
    readonly why: string,
    readonly next: string,
    readonly exitCode = 2,
  ) {
    super(what);
  }
}

const codeOf = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;

function readFailure(file: string, error: unknown): ReportFailure {
  switch (codeOf(error)) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new ReportFailure(
        `no file at ${file}.`,
        'the server writes telemetry only while GITHUB_TASKS_TELEMETRY names a file, and only to that file.',
        'check the path; to collect telemetry, start the server with GITHUB_TASKS_TELEMETRY=~/.github-tasks/telemetry.jsonl, use it a while, then run the report on that file.',
      );
    case 'EISDIR':
      return new ReportFailure(`${file} is a folder, not a telemetry file.`, 'the report reads one file of JSON lines.', 'name the .jsonl file that GITHUB_TASKS_TELEMETRY pointed at.');
    case 'EACCES':
    case 'EPERM':
      return new ReportFailure(`cannot read ${file}: permission denied.`, 'this user may not read that file.', 'run the report as the user that ran the server, or make the file readable (chmod u+r).');
    default:
      return new ReportFailure(
        `could not read ${file}.`,
        `the system said: ${error instanceof Error ? error.message : String(error)}.`,
        'check that the file is a readable telemetry file and try again.',
      );
  }
}

function parse(args: readonly string[]): { file: string; chart: string | undefined; budget: number } | 'help' {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, strict: true, options: { chart: { type: 'string' }, budget: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    // Node's first sentence ("Unknown option '--x'"); the rest is about positionals that start with '-'.
    throw new ReportFailure(`${(error as Error).message.split(/\.(?:\s|$)/)[0]}.`, 'the report takes one telemetry file and the options --chart and --budget.', `run: ${REPORT_USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length !== 1) {
    throw new ReportFailure(
      positionals.length === 0 ? 'which telemetry file? None was named.' : `one telemetry file at a time; ${positionals.length} were named.`,
      'the report reads the JSON lines the server wrote to the file GITHUB_TASKS_TELEMETRY named.',
      `run: ${REPORT_USAGE}`,
    );
  }
  let budget = DEFAULT_MAX_RESPONSE_TOKENS;
  if (values.budget !== undefined) {
    budget = Number(values.budget);
    if (!/^\d+$/.test(values.budget) || budget < 1 || budget > MAX_BUDGET) {
      throw new ReportFailure(
        `--budget must be a whole number of tokens from 1 to ${MAX_BUDGET}, not "${values.budget.slice(0, 20)}".`,
        'it is the most tokens one answer may hold, as GITHUB_TASKS_MAX_RESPONSE_TOKENS sets it for the server.',
        `pass the server's budget, e.g. --budget ${DEFAULT_MAX_RESPONSE_TOKENS} (its default).`,
      );
    }
  }
  if (values.chart !== undefined && !values.chart.trim()) {
    throw new ReportFailure('--chart needs a file name.', 'the chart is written as an SVG file.', 'pass e.g. --chart tokens.svg.');
  }
  return { file: positionals[0]!, chart: values.chart, budget };
}

async function tally(file: string): Promise<TelemetryTally> {
  try {
    if ((await stat(file)).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
  } catch (error) {
    throw readFailure(file, error);
  }
  const counted = new TelemetryTally();
  try {
    for await (const l of readLines(createReadStream(file))) {
      if ('line' in l) counted.addLine(l.line);
      else counted.addOversizedLine();
    }
  } catch (error) {
    throw readFailure(file, error);
  }
  return counted;
}

async function report(args: readonly string[], io: ReportIo): Promise<number> {
  const options = parse(args);
  if (options === 'help') {
    io.stdout.write(USAGE_TEXT);
    return 0;
  }
  const counted = await tally(options.file);
  const skipped = counted.skipped();
  if (counted.records === 0) {
    const lines = skipped.reduce((n, s) => n + s.lines, 0);
    throw new ReportFailure(
      `no tool-call records in ${options.file}.`,
      lines === 0
        ? 'the file is empty: no tool was called while the server wrote to it.'
        : `none of its ${lines} non-blank lines is a tool-call record (${skipped.map((s) => `${s.lines} ${s.reason}, first at line ${s.firstLine}`).join('; ')}).`,
      'name the file GITHUB_TASKS_TELEMETRY pointed at, after the server has answered some tool calls with it set.',
    );
  }
  const tools = counted.reports();
  io.stdout.write(
    renderReport({ source: options.file, records: counted.records, skipped, tools, pageSizes: pageSizeArguments(allTools), budget: options.budget, color: io.color }),
  );
  if (options.chart !== undefined) {
    let svg: string;
    try {
      const { renderChartSvg } = await import('./chart.js');
      svg = await renderChartSvg(tools, options.budget);
    } catch (error) {
      throw new ReportFailure(
        'could not draw the chart.',
        `the chart library failed: ${error instanceof Error ? error.message : String(error)}.`,
        'the table above is complete; run again without --chart, and report this with the telemetry file if it repeats.',
        1,
      );
    }
    try {
      await writeFile(options.chart, svg);
    } catch (error) {
      throw new ReportFailure(
        `could not write the chart to ${options.chart}.`,
        `the system said: ${error instanceof Error ? error.message : String(error)}.`,
        'pass --chart a file in a folder that exists and that you may write to.',
      );
    }
    io.stdout.write(`Chart: ${options.chart}\n`);
  }
  return 0;
}

/** `github-tasks-mcp report ...`: the exit code; failures are written to stderr in three parts, never as a stack trace. */
export async function runReport(args: readonly string[], io: ReportIo): Promise<number> {
  try {
    return await report(args, io);
  } catch (error) {
    const failure =
      error instanceof ReportFailure
        ? error
        : new ReportFailure('failed unexpectedly.', `${error instanceof Error ? error.message : String(error)}.`, 'report this with the command you ran.', 1);
    io.stderr.write(`github-tasks-mcp report: ${failure.what}\nWhy: ${failure.why}\nNext: ${failure.next}\n`);
    return failure.exitCode;
  }
}
