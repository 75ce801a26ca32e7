/*
 * Round-2 audit, the published types (SPEC 3.1 v2 "Editor docs"): editor-docs.test.ts hovers the source; users
 * hover the `.d.ts` files the build writes. Here the declarations are emitted in memory with the package's own
 * build config (tsconfig.build.json, as `npm run build` does), then loaded as a consumer would load `dist/`,
 * so a build setting that drops comments (`removeComments`, `stripInternal` on a public type) fails here.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, expect, test } from 'vitest';

const packageDirectory = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The `.d.ts` text of every source file, keyed by its path under dist/, as `tsc -p tsconfig.build.json` writes. */
function emitDeclarations(): Map<string, string> {
  const configPath = join(packageDirectory, 'tsconfig.build.json');
  const parsed = ts.parseJsonConfigFileContent(
    ts.readConfigFile(configPath, ts.sys.readFile).config,
    ts.sys,
    packageDirectory,
  );
  const options = { ...parsed.options, noEmit: false, emitDeclarationOnly: true, declarationMap: false };
  const program = ts.createProgram(parsed.fileNames, options);
  const written = new Map<string, string>();
  const result = program.emit(undefined, (fileName, text) => {
    if (fileName.endsWith('.d.ts')) written.set(fileName, text);
  });
  expect(result.diagnostics).toEqual([]);
  return written;
}

interface PublicMember {
  readonly name: string;
  readonly documentation: string;
  readonly tags: readonly string[];
  readonly optional: boolean;
}

/** The members of an exported interface as a consumer's compiler sees them in the emitted declarations. */
function membersOf(declarations: Map<string, string>, file: string, interfaceName: string): PublicMember[] {
  const distFile = join(packageDirectory, 'dist', file);
  const host = ts.createCompilerHost({ strict: true, skipLibCheck: true });
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (fileName) => declarations.get(fileName) ?? readFile(fileName);
  host.fileExists = (fileName) => declarations.has(fileName) || fileExists(fileName);
  const program = ts.createProgram(
    [distFile],
    {
      strict: true,
      skipLibCheck: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      types: ['node'],
    },
    host,
  );
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(distFile);
  expect(source, `${file} was emitted`).toBeDefined();
  const declaration = source!.statements.find(
    (statement): statement is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(statement) && statement.name.text === interfaceName,
  );
  expect(declaration, `${interfaceName} is declared in ${file}`).toBeDefined();
  return declaration!.members.map((member) => {
    const symbol = checker.getSymbolAtLocation(member.name!)!;
    return {
      name: symbol.getName(),
      documentation: ts.displayPartsToString(symbol.getDocumentationComment(checker)),
      tags: symbol.getJsDocTags(checker).map((tag) => tag.name),
      optional: member.questionToken !== undefined,
    };
  });
}

let declarations: Map<string, string>;

beforeAll(() => {
  declarations = emitDeclarations();
}, 180_000);

test.each([
  ['client-config.d.ts', 'ClientConfig', 30],
  ['request-options.d.ts', 'RequestOptions', 8],
] as const)(
  'every field of the built %s (%s) carries its TSDoc and, when optional, its @default',
  (file, name, count) => {
    const members = membersOf(declarations, file, name);
    expect(members).toHaveLength(count);
    for (const member of members) {
      expect(member.documentation.length, `${name}.${member.name} has documentation`).toBeGreaterThan(20);
      if (member.optional) expect(member.tags, `${name}.${member.name} has @default`).toContain('default');
    }
  },
);

test('the built ClientConfig still says the units and the Python names a user hovers for', () => {
  const members = new Map(
    membersOf(declarations, 'client-config.d.ts', 'ClientConfig').map((m) => [m.name, m]),
  );
  expect(members.get('retryWait')!.documentation).toMatch(/seconds/i);
  expect(members.get('timeoutMs')!.documentation).toMatch(/milliseconds/i);
  expect(members.get('expiresIn')!.documentation).toMatch(/epoch seconds/i);
  expect(members.get('baseUrl')!.documentation).toContain('base_url');
});
