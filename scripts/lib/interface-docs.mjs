// Readers that put the code's documented options next to the README's option tables, so the two cannot drift:
// the members of an exported interface with their TSDoc `@default` (TypeScript's own parser), and the rows of the
// Markdown table under a README heading.
import { readFileSync } from 'node:fs';
import ts from 'typescript';

/**
 * The members of `interfaceName` in `file` (inherited members are not followed), each with the text of its
 * `@default` tag (or undefined).
 * @returns {{ name: string, defaultText: string | undefined }[]}
 */
export function interfaceMembers(file, interfaceName) {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const declaration = source.statements.find(
    (statement) => ts.isInterfaceDeclaration(statement) && statement.name.text === interfaceName,
  );
  if (declaration === undefined) throw new Error(`${file} declares no interface ${interfaceName}`);
  return declaration.members.filter(ts.isPropertySignature).map((member) => {
    const tag = ts.getJSDocTags(member).find((candidate) => candidate.tagName.text === 'default');
    const comment = tag === undefined ? undefined : ts.getTextOfJSDocComment(tag.comment);
    return { name: member.name.getText(source), defaultText: comment?.trim() };
  });
}

/**
 * The rows of the first Markdown table after the heading line that contains `heading`, as arrays of cell texts
 * (header and separator rows left out). Pipes escaped as `\|` stay inside their cell.
 * @returns {string[][]}
 */
export function tableUnderHeading(markdown, heading) {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => /^#{1,6} /.test(line) && line.includes(heading));
  if (start === -1) throw new Error(`no heading contains ${heading}`);
  const rows = [];
  for (let index = start + 1; index < lines.length; index += 1) {
    const line = lines[index].trim();
    if (/^#{1,6} /.test(line)) break;
    if (!line.startsWith('|')) {
      if (rows.length > 0) break;
      continue;
    }
    rows.push(
      line
        .slice(1, line.endsWith('|') ? -1 : undefined)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
  }
  if (rows.length < 2) throw new Error(`no table under the heading ${heading}`);
  return rows.slice(2);
}

/** The backticked option names of a table's first cell: "`cert`, `key`" -> ['cert', 'key'] (also "`body?`"). */
export function optionNamesOf(cell) {
  return [...cell.matchAll(/`([A-Za-z][A-Za-z0-9]*)\??`/g)].map((match) => match[1]);
}

/**
 * The literal a `@default` text starts with, normalised for comparison (`'env'`, `"Bearer"` -> `env`, `Bearer`;
 * `300000`, `[]`, `true`), or undefined when it starts with prose ("none", "the client's ...").
 */
export function defaultLiteral(text) {
  if (text === undefined) return undefined;
  const match = /^(?:'([^']*)'|"([^"]*)"|(-?\d[\d_]*)(?![\w.])|(true|false)\b|(\[[^\]]*\]))/.exec(text);
  if (match === null) return undefined;
  return (match[1] ?? match[2] ?? match[3]?.replaceAll('_', '') ?? match[4] ?? match[5])?.replaceAll(' ', '');
}
