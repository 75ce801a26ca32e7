/** ANSI styling that collapses to plain text when colour is off. */
export interface Palette {
  readonly ok: (text: string) => string;
  readonly bad: (text: string) => string;
  readonly warn: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
  readonly accent: (text: string) => string;
}

function style(open: number, close: number, enabled: boolean) {
  return (text: string) => (enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text);
}

/** A palette that styles only when `enabled`. */
export function createPalette(enabled: boolean): Palette {
  return {
    ok: style(32, 39, enabled),
    bad: style(31, 39, enabled),
    warn: style(33, 39, enabled),
    dim: style(2, 22, enabled),
    bold: style(1, 22, enabled),
    accent: style(36, 39, enabled),
  };
}

/**
 * Colour when stdout is a terminal, unless `NO_COLOR` is set (https://no-color.org); `FORCE_COLOR` forces it on,
 * for CI logs that render ANSI.
 */
export function shouldUseColour(stream: { isTTY?: boolean }, environment: NodeJS.ProcessEnv): boolean {
  if (environment.NO_COLOR !== undefined && environment.NO_COLOR !== '') return false;
  if (environment.FORCE_COLOR !== undefined && environment.FORCE_COLOR !== '0') return true;
  return stream.isTTY === true;
}
