import { createMockApi } from './mock/index.js';
import { type PlaygroundArguments, parseArguments, USAGE, UsageError } from './parse-arguments.js';
import { formatStep } from './report/format-step.js';
import { formatSummary } from './report/format-summary.js';
import { createPalette, shouldUseColour } from './report/palette.js';
import { runSession, type SessionTarget } from './session/run-session.js';
import { allAsExpected, type TransportRun } from './session/session-record.js';

/** Where the playground writes and what it knows about the terminal. */
export interface PlaygroundIo {
  readonly write: (text: string) => void;
  readonly isTTY?: boolean;
  readonly environment: NodeJS.ProcessEnv;
}

function targetFor(args: PlaygroundArguments): SessionTarget {
  if (args.baseUrl !== undefined)
    return { kind: 'live', baseUrl: args.baseUrl, token: args.token ?? 'no_token' };
  // A fresh mock per transport: each run starts from the same seeded catalog.
  return { kind: 'mock', mock: createMockApi() };
}

/** The JSON record `--json` prints: every step of every transport, already redacted. */
export function jsonRecord(runs: readonly TransportRun[]): string {
  return JSON.stringify({ ok: allAsExpected(runs), runs }, null, 2);
}

async function runAll(args: PlaygroundArguments, io: PlaygroundIo): Promise<TransportRun[]> {
  const palette = createPalette(!args.json && shouldUseColour({ isTTY: io.isTTY ?? false }, io.environment));
  const narrate = (text: string) => {
    if (!args.json) io.write(`${text}\n`);
  };
  const runs: TransportRun[] = [];
  for (const transport of args.transports) {
    const run = await runSession({
      transport,
      target: targetFor(args),
      onStart: (name, target, warnings) => {
        narrate(`\n${palette.bold(`== ${name} transport`)} ${palette.dim(`against ${target}`)}`);
        for (const warning of new Set(warnings))
          narrate(palette.warn(`client warned at construction: ${warning}`));
        narrate('');
      },
      onStep: (record) => narrate(`${formatStep(record, { palette, verbose: args.verbose })}\n`),
    });
    runs.push(run);
  }
  if (args.json) io.write(`${jsonRecord(runs)}\n`);
  else narrate(`${formatSummary(runs, palette)}\n`);
  return runs;
}

/**
 * Run the playground for a command line and return the exit code: 0 when every step on every transport did what
 * it was expected to do, 1 on any surprise or crash, 2 for a bad command line.
 */
export async function runPlayground(argv: readonly string[], io: PlaygroundIo): Promise<number> {
  let args: PlaygroundArguments;
  try {
    args = parseArguments(argv, io.environment);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.write(`${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.help) {
    io.write(`${USAGE}\n`);
    return 0;
  }
  try {
    const runs = await runAll(args, io);
    const ok = allAsExpected(runs);
    if (!args.json)
      io.write(
        ok ? 'Every step did what it was expected to do.\n' : 'Some steps surprised us (see ✗ above).\n',
      );
    return ok ? 0 : 1;
  } catch (error) {
    io.write(
      `The playground crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}
