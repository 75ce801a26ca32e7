// Small Markdown readers shared by the link check and the README code check. They understand exactly what those
// checks need (fenced code blocks, inline code, inline links, reference definitions), not all of CommonMark.

/** Markdown with fenced code blocks and inline code spans blanked out, line breaks kept so line numbers hold. */
export function withoutCode(markdown) {
  const fenced = /^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm;
  const blanked = markdown.replace(fenced, (block) => block.replace(/[^\n]/g, ' '));
  return blanked.replace(/(`+)[^`\n]*?\1/g, (span) => ' '.repeat(span.length));
}

/** Every link target outside code, with its 1-based line: inline links, images and reference definitions. */
export function linkTargets(markdown) {
  const text = withoutCode(markdown);
  const patterns = [
    /!?\[[^\]\n]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g,
    /^[ \t]*\[[^\]\n]+\]:[ \t]*<?(\S+?)>?(?:\s|$)/gm,
  ];
  return patterns
    .flatMap((pattern) =>
      [...text.matchAll(pattern)].map((match) => ({
        target: match[1],
        line: text.slice(0, match.index).split('\n').length,
      })),
    )
    .sort((left, right) => left.line - right.line);
}

/**
 * The ```ts (or ```typescript) blocks of a Markdown text: `{ line, code, mode, unknown }`, where `line` is the
 * 1-based line of the block's first code line, `mode` is 'run', 'fragment' or 'check' from the words after the
 * language, and `unknown` lists any other words (a typo must not silently turn a check off).
 */
export function typescriptBlocks(markdown) {
  const lines = markdown.split('\n');
  const blocks = [];
  for (let index = 0; index < lines.length; index += 1) {
    const opening = /^```(ts|typescript)(?:\s+(.*))?$/.exec(lines[index].trim());
    if (opening === null) continue;
    const words = (opening[2] ?? '').split(/\s+/).filter(Boolean);
    const end = lines.findIndex((text, at) => at > index && text.trim() === '```');
    if (end === -1) throw new Error(`line ${index + 1}: a code block is never closed`);
    const mode = words.includes('fragment') ? 'fragment' : words.includes('run') ? 'run' : 'check';
    const unknown = words.filter((word) => word !== 'run' && word !== 'fragment');
    blocks.push({ line: index + 2, code: lines.slice(index + 1, end).join('\n'), mode, unknown });
    index = end;
  }
  return blocks;
}
