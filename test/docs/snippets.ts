import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const root = fileURLToPath(new URL('../../', import.meta.url));

/** One ```ts block of a Markdown file. */
export interface Snippet {
  /** `docs/client.md snippet 3`. */
  name: string;
  /** The block as written. */
  source: string;
}

/** The ```ts blocks of a Markdown file, in order. */
export function snippetsOf(file: string): Snippet[] {
  const text = readFileSync(`${root}${file}`, 'utf8');
  return [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((match, index) => ({
    name: `${file} snippet ${index + 1}`,
    source: match[1] ?? '',
  }));
}

/** Package imports pointed at the sources, so the snippets are checked against the code of this tree. */
function pointImportsAtSources(code: string): string {
  return code
    .replace(/from 'oneroster'/g, `from '${root}src/index.js'`)
    .replace(/from 'oneroster\/testing\/msw'/g, `from '${root}src/testing/msw.js'`)
    .replace(
      /from 'oneroster\/(sync|sqlite|postgres|registry|testing)'/g,
      (_match, entry: string) => `from '${root}src/${entry}/index.js'`,
    );
}

/**
 * Declarations of a reader's own values (`declare const tokenUrl: string;`), each added to a snippet
 * only when the snippet uses the name without declaring it.
 */
export type Prelude = Record<string, string>;

function declares(code: string, name: string): boolean {
  return new RegExp(`\\b(?:const|let|var|function|class|interface|type)\\s+${name}\\b`).test(code);
}

function uses(code: string, name: string): boolean {
  return new RegExp(`(?<![.\\w$])${name}\\b`).test(code);
}

function withPrelude(code: string, prelude: Prelude): string {
  const lines = Object.entries(prelude)
    .filter(([name]) => uses(code, name) && !declares(code, name))
    .map(([, declaration]) => pointImportsAtSources(declaration));
  // `export {}` makes each snippet a module of its own, so their names never collide.
  return `${lines.join('\n')}\nexport {};\n${pointImportsAtSources(code)}`;
}

const COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
  types: ['node'],
  skipLibCheck: true,
};

/**
 * Type-checks every snippet in one program (one program per snippet would load the sources and the
 * libraries again each time) and returns each snippet's errors.
 */
export function typeErrors(snippets: readonly Snippet[], prelude: Prelude = {}): Map<Snippet, string[]> {
  const files = new Map(
    snippets.map((snippet, index) => [
      `${root}test/docs/__snippet_${index}__.ts`,
      { snippet, text: withPrelude(snippet.source, prelude) },
    ]),
  );
  const host = ts.createCompilerHost(COMPILER_OPTIONS);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (path) => files.get(path)?.text ?? readFile(path);
  host.fileExists = (path) => files.has(path) || fileExists(path);
  const program = ts.createProgram([...files.keys()], COMPILER_OPTIONS, host);
  const errors = new Map(snippets.map((snippet): [Snippet, string[]] => [snippet, []]));
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file === undefined ? undefined : files.get(diagnostic.file.fileName);
    if (file === undefined) continue;
    errors.get(file.snippet)?.push(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
  }
  return errors;
}
