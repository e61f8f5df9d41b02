import { describe, expect, it } from 'vitest';
import { root, type Snippet, snippetsOf, typeErrors } from './snippets.js';

// The README's snippets get no prelude: a quick start that uses a name it does not define (a
// `tokenUrl` from nowhere) cannot be pasted and run.
describe('the examples in the README type-check as they are', () => {
  const snippets = snippetsOf('README.md');
  let errors: Map<Snippet, string[]> | undefined;
  const errorsOf = (snippet: Snippet) => {
    errors ??= typeErrors(snippets);
    return errors.get(snippet);
  };

  it('has a quick start', () => {
    expect(snippets.length).toBeGreaterThan(0);
  });

  it.each(snippets)(
    '$name',
    (snippet) => {
      expect(errorsOf(snippet)).toEqual([]);
    },
    120_000,
  );
});

describe('the snippet checker', () => {
  it('reports a snippet that uses a field the projection left out', () => {
    const snippet: Snippet = {
      name: 'bad',
      source: `import { createOneRosterClient, bearerToken } from '${root}src/index.js';
const client = createOneRosterClient({ baseUrl: 'https://x.test', auth: bearerToken('t') });
for await (const user of client.users.list({ fields: ['sourcedId'] })) user.givenName;`,
    };
    expect(typeErrors([snippet]).get(snippet)?.join('\n')).toMatch(/givenName/);
  }, 120_000);

  it('reports a name the snippet does not define, unless the prelude declares it', () => {
    const snippet: Snippet = { name: 'undefined name', source: 'console.log(tokenUrl);' };
    expect(typeErrors([snippet]).get(snippet)?.join('\n')).toMatch(/tokenUrl/);
    const prelude = { tokenUrl: 'declare const tokenUrl: string;' };
    expect(typeErrors([snippet], prelude).get(snippet)).toEqual([]);
  }, 120_000);
});
