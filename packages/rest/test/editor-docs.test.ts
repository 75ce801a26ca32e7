/*
 * What an editor shows on hover: a consumer snippet is compiled with the TypeScript language service (the same
 * API editors use), and the quick info of every `ClientConfig` and `RequestOptions` field must carry its docs.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, expect, test } from 'vitest';

const packageDirectory = join(dirname(fileURLToPath(import.meta.url)), '..');
const snippetPath = join(packageDirectory, 'test', '__editor-docs-snippet__.ts');

interface FieldDocs {
  readonly name: string;
  readonly display: string;
  readonly documentation: string;
  readonly tags: ReadonlyMap<string, string>;
}

function languageService(snippet: string): ts.LanguageService {
  const configPath = join(packageDirectory, 'tsconfig.json');
  const parsed = ts.parseJsonConfigFileContent(
    ts.readConfigFile(configPath, ts.sys.readFile).config,
    ts.sys,
    packageDirectory,
  );
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => parsed.options,
    getScriptFileNames: () => [snippetPath],
    getScriptVersion: () => '1',
    getScriptSnapshot: (fileName) => {
      if (fileName === snippetPath) return ts.ScriptSnapshot.fromString(snippet);
      return ts.sys.fileExists(fileName)
        ? ts.ScriptSnapshot.fromString(readFileSync(fileName, 'utf8'))
        : undefined;
    },
    getCurrentDirectory: () => packageDirectory,
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    fileExists: (fileName) => fileName === snippetPath || ts.sys.fileExists(fileName),
    readFile: (fileName) => (fileName === snippetPath ? snippet : ts.sys.readFile(fileName)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  return ts.createLanguageService(host, ts.createDocumentRegistry());
}

/** Hover every property of `typeName` as a consumer would: `value.<field>` in a snippet. */
function hoverFields(typeName: 'ClientConfig' | 'RequestOptions'): FieldDocs[] {
  const probe = `import type { ${typeName} } from '../src/index.js';\ndeclare const value: ${typeName};\n`;
  const service = languageService(probe);
  const program = service.getProgram()!;
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(snippetPath)!;
  const declaration = source.statements[1] as ts.VariableStatement;
  const type = checker.getTypeAtLocation(declaration.declarationList.declarations[0]!.name);
  const names = checker.getPropertiesOfType(type).map((property) => property.getName());
  const lines = names.map((name) => `value.${name};`);
  const snippet = `${probe}${lines.join('\n')}\n`;
  const hoverService = languageService(snippet);
  let offset = probe.length;
  return names.map((name, index) => {
    const position = offset + 'value.'.length;
    offset += lines[index]!.length + 1;
    const info = hoverService.getQuickInfoAtPosition(snippetPath, position);
    return {
      name,
      display: ts.displayPartsToString(info?.displayParts),
      documentation: ts.displayPartsToString(info?.documentation),
      tags: new Map((info?.tags ?? []).map((tag) => [tag.name, ts.displayPartsToString(tag.text)])),
    };
  });
}

let clientConfig: FieldDocs[];
let requestOptions: FieldDocs[];

beforeAll(() => {
  clientConfig = hoverFields('ClientConfig');
  requestOptions = hoverFields('RequestOptions');
}, 180_000);

test('hovering any ClientConfig field shows its documentation and, for optional fields, its @default', () => {
  expect(clientConfig.length).toBeGreaterThanOrEqual(30);
  for (const field of clientConfig) {
    expect(field.display, field.name).toContain(`ClientConfig.${field.name}`);
    expect(field.documentation.length, field.name).toBeGreaterThan(20);
    if (field.name !== 'baseUrl') expect(field.tags.has('default'), field.name).toBe(true);
  }
});

test('the hover text says the unit: retryWait is seconds, timeoutMs milliseconds, expiresIn epoch seconds', () => {
  const docs = new Map(clientConfig.map((field) => [field.name, field]));
  expect(docs.get('retryWait')!.documentation).toContain('**seconds**');
  expect(docs.get('timeoutMs')!.documentation).toContain('**milliseconds**');
  expect(docs.get('expiresIn')!.documentation).toContain('**Epoch seconds**');
  expect(docs.get('retryCodes')!.tags.get('default')).toBe('[429, 503, 504]');
});

test('the hover text gives the Python name of every field ported from Python', () => {
  const pythonNames: Record<string, string> = {
    baseUrl: 'base_url',
    apiVersion: 'api_version',
    retry: 'retry',
    retryWait: 'retry_wait',
    retryCodes: 'retry_codes',
    authToken: 'auth_token',
    accessToken: 'access_token',
    expiresIn: 'expires_in',
    authHeader: 'auth_header',
    extraHeaders: 'extra_headers',
    rawData: 'raw_data',
    allowRedirects: 'allow_redirects',
    authTokenMode: 'auth_token_mode',
    verify: 'verify',
  };
  const docs = new Map(clientConfig.map((field) => [field.name, field.documentation]));
  for (const [name, python] of Object.entries(pythonNames)) {
    expect(docs.get(name), name).toContain(`Python: \`${python}\``);
  }
});

test('hovering any RequestOptions field shows its documentation and @default', () => {
  expect(requestOptions.map((field) => field.name).sort()).toEqual(
    ['headers', 'query', 'rawData', 'retry', 'retryNonIdempotent', 'schema', 'signal', 'timeoutMs'].sort(),
  );
  for (const field of requestOptions) {
    expect(field.display, field.name).toContain(`RequestOptions.${field.name}`);
    expect(field.documentation.length, field.name).toBeGreaterThan(20);
    expect(field.tags.has('default'), field.name).toBe(true);
  }
});
