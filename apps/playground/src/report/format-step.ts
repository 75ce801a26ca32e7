import type { StepEvent, StepRecord } from '../session/session-record.js';
import type { Palette } from './palette.js';

/** Options of {@link formatStep}. */
export interface FormatStepOptions {
  readonly palette: Palette;
  /** Also print every request (with its redacted auth header) and the client's log lines. */
  readonly verbose: boolean;
}

function formatEvent(event: StepEvent, palette: Palette): string {
  switch (event.kind) {
    case 'token-refresh':
      return palette.accent(`auth: asked the token provider for a token (${event.reason})`);
    case 'retry': {
      const source = event.fromRetryAfter ? "the server's Retry-After" : 'retryWait × attempt';
      return palette.warn(
        `retry: attempt ${event.attempt} got ${event.reason}; waiting ${event.delayMs} ms (${source})`,
      );
    }
    case 'replay':
      return palette.accent(
        `auth: replayed attempt ${event.attempt} once with the new token after ${event.afterStatus}`,
      );
    case 'redirect-followed':
      return palette.accent(`redirect: followed to ${event.to}`);
    case 'redirect-refused':
      return palette.warn(
        `redirect: ${event.status} to ${event.location} not followed (allowRedirects: false)`,
      );
  }
}

function headline(record: StepRecord, palette: Palette): string {
  const first = record.requests[0];
  const others = new Set(record.requests.map((request) => `${request.method} ${request.path}`)).size - 1;
  const more = others > 0 ? ` (+${others} more)` : '';
  const request = first ? `${first.method} ${first.path}${more}` : 'no request sent';
  const status = record.status === undefined ? 'no response' : String(record.status);
  const attempts = `${record.attempts} attempt${record.attempts === 1 ? '' : 's'}`;
  return `${request} ${palette.dim('->')} ${palette.bold(status)}  ${palette.dim(`${attempts}, ${Math.round(record.elapsedMs)} ms`)}`;
}

/** The narration of one step: what it shows, the client code that ran, the request, what the client did about trouble, and the verdict. */
export function formatStep(record: StepRecord, options: FormatStepOptions): string {
  const { palette, verbose } = options;
  const indent = '      ';
  const number = String(record.index).padStart(2, '0');
  const lines = [
    `${palette.dim(record.transport.padEnd(6))} ${palette.bold(`${number} ${record.title}`)}`,
    `${indent}${palette.dim(record.shows)}`,
    // The client code that made the call, so a reader learns the API from the narration.
    ...record.code.split('\n').map((line) => `${indent}${palette.accent(`› ${line}`)}`),
    `${indent}${headline(record, palette)}`,
  ];
  if (verbose) {
    for (const request of record.requests) {
      const auth = request.authorization ? ` Authorization: ${request.authorization}` : '';
      const type = request.contentType ? ` Content-Type: ${request.contentType}` : '';
      lines.push(
        `${indent}${palette.dim(`> attempt ${request.attempt}: ${request.method} ${request.path}${auth}${type}`)}`,
      );
    }
    for (const line of record.logLines) lines.push(`${indent}${palette.dim(`log: ${line}`)}`);
  }
  for (const event of record.events) lines.push(`${indent}${formatEvent(event, palette)}`);
  const refreshed = record.events.some((event) => event.kind === 'token-refresh');
  const sentAuth = record.requests.at(-1)?.authorization;
  if (refreshed && sentAuth)
    lines.push(`${indent}${palette.accent(`auth: then sent Authorization: ${sentAuth}`)}`);
  if (record.error) {
    const code = record.error.code === undefined ? '' : ` code=${record.error.code}`;
    lines.push(
      `${indent}error: ${palette.bold(record.error.name)}${code} ${JSON.stringify(record.error.message)}`,
    );
  }
  if (record.summary) lines.push(`${indent}${palette.dim(record.summary)}`);
  if (record.surprises.length === 0) lines.push(`${indent}${palette.ok('✓ as expected')}`);
  for (const surprise of record.surprises) lines.push(`${indent}${palette.bad(`✗ surprise: ${surprise}`)}`);
  return lines.join('\n');
}
