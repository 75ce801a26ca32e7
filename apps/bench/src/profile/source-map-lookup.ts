import { readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decoded mappings: per generated line, segments `[generatedColumn, sourceLine]` sorted by column. */
type LineSegments = [number, number][];

function decodeVlq(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const character of segment) {
    const digit = BASE64.indexOf(character);
    value += (digit & 31) << shift;
    if ((digit & 32) !== 0) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

function decodeMappings(mappings: string): LineSegments[] {
  const lines: LineSegments[] = [];
  let sourceLine = 0;
  for (const lineText of mappings.split(';')) {
    const segments: LineSegments = [];
    let column = 0;
    for (const segmentText of lineText.split(',')) {
      if (segmentText === '') continue;
      const [columnDelta = 0, , lineDelta] = decodeVlq(segmentText);
      column += columnDelta;
      if (lineDelta !== undefined) {
        sourceLine += lineDelta;
        segments.push([column, sourceLine]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

interface CachedTransform {
  readonly mappedLines: LineSegments[];
  readonly modifiedMs: number;
}

/**
 * Maps positions in tsx-transformed code back to TypeScript source lines. tsx minifies whitespace (a module is
 * one generated line), so a CPU profile's positions mean nothing until mapped; tsx's own transform cache in
 * `<tmpdir>/tsx-<uid>/` holds the exact code and source map that ran.
 */
export class SourceMapLookup {
  readonly #bySource = new Map<string, CachedTransform>();

  constructor(cacheDirectory = join(tmpdir(), `tsx-${userInfo().uid}`)) {
    let names: string[] = [];
    try {
      names = readdirSync(cacheDirectory);
    } catch {
      return;
    }
    for (const name of names) this.#index(join(cacheDirectory, name));
  }

  #index(path: string): void {
    try {
      const entry = JSON.parse(readFileSync(path, 'utf8')) as {
        map?: { sources?: string[]; mappings?: string };
      };
      const source = entry.map?.sources?.[0];
      if (source === undefined || entry.map?.mappings === undefined) return;
      const modifiedMs = statSync(path).mtimeMs;
      const known = this.#bySource.get(source);
      // The newest transform of a file is the one that ran (older entries are earlier edits).
      if (known !== undefined && known.modifiedMs >= modifiedMs) return;
      this.#bySource.set(source, { mappedLines: decodeMappings(entry.map.mappings), modifiedMs });
    } catch {
      // Not a JSON transform entry; tsx keeps other files there too.
    }
  }

  /** The 1-based source line of a 0-based generated position in `url`, or undefined when unknown. */
  sourceLine(url: string, line: number, column: number): number | undefined {
    const path = url.startsWith('file:') ? fileURLToPath(url) : url;
    const segments = this.#bySource.get(path)?.mappedLines[line];
    if (segments === undefined) return undefined;
    let found: number | undefined;
    for (const [segmentColumn, sourceLine] of segments) {
      if (segmentColumn > column) break;
      found = sourceLine;
    }
    return found === undefined ? undefined : found + 1;
  }
}
