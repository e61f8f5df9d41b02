import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Names the snippets use without defining: a reader's own values. */
const PRELUDE = `
declare const tokenUrl: string;
declare const clientId: string;
declare const clientSecret: string;
declare const consumerKey: string;
declare const consumerSecret: string;
declare const schoolId: string;
declare const vault: { read(name: string): Promise<string> };
export {};
`;

/** The ```ts blocks of a Markdown file, with package imports pointed at the sources. */
function snippets(file: string): { name: string; code: string }[] {
  const text = readFileSync(`${root}${file}`, 'utf8');
  const blocks = [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1] ?? '');
  return blocks.map((code, index) => ({
    name: `${file} snippet ${index + 1}`,
    code: code
      .replace(/from 'oneroster'/g, `from '${root}src/index.js'`)
      .replace(
        /from 'oneroster\/(sync|sqlite|postgres|testing)'/g,
        (_match, entry: string) => `from '${root}src/${entry}/index.js'`,
      ),
  }));
}

function typeErrors(name: string, code: string): string[] {
  const fileName = `${root}test/docs/__snippet__.ts`;
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    types: ['node'],
    skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (path) => (path === fileName ? `${PRELUDE}\n${code}` : readFile(path));
  host.fileExists = (
    (exists) => (path: string) =>
      path === fileName || exists(path)
  )(host.fileExists.bind(host));
  const program = ts.createProgram([fileName], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.file?.fileName === fileName)
    .map((diagnostic) => `${name}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
}

describe('the examples in the README type-check', () => {
  it.each(snippets('README.md'))('$name', ({ name, code }) => {
    expect(typeErrors(name, code)).toEqual([]);
  });
});

describe('the snippet checker', () => {
  it('reports a snippet that uses a field the projection left out', () => {
    const code = `import { createOneRosterClient, bearerToken } from '${root}src/index.js';
const client = createOneRosterClient({ baseUrl: 'https://x.test', auth: bearerToken('t') });
for await (const user of client.users.list({ fields: ['sourcedId'] })) user.givenName;`;
    expect(typeErrors('bad', code).join('\n')).toMatch(/givenName/);
  });
});
