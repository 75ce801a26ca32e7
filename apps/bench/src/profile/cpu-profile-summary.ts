import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SourceMapLookup } from './source-map-lookup.js';

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

/** The parts of a V8 `.cpuprofile` the summary reads. */
export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  /** Microseconds on the monotonic clock; sample times are this plus the running sum of `timeDeltas`. */
  readonly startTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Where a frame's code lives, for the breakdown. */
export type FrameCategory =
  | 'rest'
  | 'transport'
  | 'errors'
  | 'undici'
  | 'node'
  | 'json'
  | 'gc'
  | 'program'
  | 'native'
  | 'bench'
  | 'other';

/** One function's share of the busy time. */
export interface FrameCost {
  readonly name: string;
  /** `packages/rest/src/x.ts:42`, or the script URL for code without a source map. */
  readonly location: string;
  readonly category: FrameCategory;
  readonly selfShare: number;
  readonly totalShare: number;
}

/** A profile reduced to shares of busy (non-idle) time. */
export interface ProfileSummary {
  readonly busyMicroseconds: number;
  /** Share of the profile's busy time that fell inside the window (1 when no window was given). */
  readonly windowShare: number;
  readonly byCategory: Record<FrameCategory, number>;
  readonly frames: readonly FrameCost[];
}

const REPOSITORY_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

function categorize(frame: CallFrame): FrameCategory {
  const { url, functionName } = frame;
  if (functionName === '(garbage collector)') return 'gc';
  // Native work outside JS: syscalls, libuv, the HTTP parser's C side.
  if (functionName === '(program)') return 'program';
  if (url === '' && (functionName === 'parse' || functionName === 'stringify')) return 'json';
  if (url.includes('/packages/rest/')) return 'rest';
  if (url.includes('/packages/transport/')) return 'transport';
  if (url.includes('/packages/errors/')) return 'errors';
  if (url.includes('/node_modules/undici/') || url.includes('/undici@')) return 'undici';
  if (url.startsWith('node:')) return 'node';
  if (url.includes('/apps/bench/')) return 'bench';
  if (url === '') return 'native';
  return 'other';
}

function describeLocation(frame: CallFrame, sourceMaps: SourceMapLookup): string {
  if (frame.url === '') return '(native)';
  const sourceLine = sourceMaps.sourceLine(frame.url, frame.lineNumber, frame.columnNumber);
  const path = frame.url.startsWith('file:')
    ? relative(REPOSITORY_ROOT, fileURLToPath(frame.url))
    : frame.url;
  return sourceLine === undefined
    ? `${path}:${frame.lineNumber + 1}:${frame.columnNumber + 1} (generated)`
    : `${path}:${sourceLine}`;
}

function frameKey(frame: CallFrame): string {
  return `${frame.functionName}|${frame.url}|${frame.lineNumber}|${frame.columnNumber}`;
}

/**
 * Self and inclusive time per function. Inclusive time counts a function once per sample even when it recurs
 * on the stack, so shares never pass 100%.
 */
export function summarizeProfile(
  profile: CpuProfile,
  sourceMaps: SourceMapLookup,
  window?: { readonly startUs: number; readonly endUs: number },
): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const frames = new Map<string, CallFrame>();
  let busy = 0;
  let busyAnywhere = 0;
  let time = profile.startTime;
  profile.samples.forEach((nodeId, index) => {
    const delta = profile.timeDeltas[index] ?? 0;
    time += delta;
    const leaf = byId.get(nodeId);
    // (program) is native work outside JS (syscalls, libuv): real client CPU, so it stays in the busy time.
    if (leaf === undefined || leaf.callFrame.functionName === '(idle)') return;
    busyAnywhere += delta;
    // Start-up and module loading are not per-request work: only the measured window counts.
    if (window !== undefined && (time < window.startUs || time > window.endUs)) return;
    busy += delta;
    const leafKey = frameKey(leaf.callFrame);
    self.set(leafKey, (self.get(leafKey) ?? 0) + delta);
    const seen = new Set<string>();
    for (let id: number | undefined = nodeId; id !== undefined; id = parentOf.get(id)) {
      const frame = byId.get(id)?.callFrame;
      if (frame === undefined) break;
      const key = frameKey(frame);
      frames.set(key, frame);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + delta);
    }
  });
  const byCategory: Record<FrameCategory, number> = {
    rest: 0,
    transport: 0,
    errors: 0,
    undici: 0,
    node: 0,
    json: 0,
    gc: 0,
    program: 0,
    native: 0,
    bench: 0,
    other: 0,
  };
  const costs: FrameCost[] = [];
  for (const [key, frame] of frames) {
    const category = categorize(frame);
    const selfShare = (self.get(key) ?? 0) / busy;
    byCategory[category] += selfShare;
    costs.push({
      name: frame.functionName || '(anonymous)',
      location: describeLocation(frame, sourceMaps),
      category,
      selfShare,
      totalShare: (total.get(key) ?? 0) / busy,
    });
  }
  return {
    busyMicroseconds: busy,
    windowShare: busyAnywhere === 0 ? 0 : busy / busyAnywhere,
    byCategory,
    frames: costs,
  };
}
