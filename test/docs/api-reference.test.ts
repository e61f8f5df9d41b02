// The API reference as a reader meets it: `typedoc` (the command of `npm run docs`) renders the
// entry points as modules titled by their import paths, their members in categories, and the guides
// as pages whose links lead to rendered pages and anchors that exist.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { root } from './snippets.js';

const config = ts.readConfigFile(`${root}typedoc.json`, ts.sys.readFile).config as {
  entryPoints: string[];
  projectDocuments: string[];
};
const exportsMap = JSON.parse(readFileSync(`${root}package.json`, 'utf8')).exports as Record<string, unknown>;
const IMPORT_PATHS = Object.keys(exportsMap)
  .filter((key) => key !== './package.json')
  .map((key) => (key === '.' ? 'oneroster' : `oneroster/${key.slice(2)}`));
const CATEGORIES = [
  'Client',
  'Resources',
  'Sync',
  'Stores',
  'Registry',
  'Workers',
  'CSV',
  'Testing',
  'Errors',
];

/**
 * Guides left out of the rendered set, with why; each must still have its reason, or it is listed.
 * TypeDoc copies linked files, not folders, and fails on a link to a folder.
 */
const NOT_RENDERED: Record<string, { reason: string; stillTrue: (text: string) => boolean }> = {};

const guides = ['docs', 'examples'].flatMap((folder) =>
  readdirSync(`${root}${folder}`)
    .filter((name) => name.endsWith('.md'))
    .map((name) => `${folder}/${name}`),
);

describe('typedoc.json', () => {
  it('renders every guide of docs/ and examples/ as a page', () => {
    const expected = guides.filter((guide) => !(guide in NOT_RENDERED)).sort();
    expect([...config.projectDocuments].sort()).toEqual(expected);
  });

  it.each(Object.entries(NOT_RENDERED))('leaves out %s only while it %s', (guide, { stillTrue }) => {
    expect(
      stillTrue(readFileSync(`${root}${guide}`, 'utf8')),
      `${guide} is fixed: add it to projectDocuments`,
    ).toBe(true);
  });

  it('titles each entry point by its import path', () => {
    const titles = config.entryPoints.map(
      (entry) => /@module\s+(\S+)/.exec(readFileSync(`${root}${entry}`, 'utf8'))?.[1],
    );
    expect([...titles].sort()).toEqual([...IMPORT_PATHS].sort());
  });
});

describe('the rendered API reference', () => {
  let out = '';
  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'oneroster-api-'));
    // treatWarningsAsErrors is on: a broken link or an uncategorised export fails the command.
    await promisify(execFile)(join(root, 'node_modules/.bin/typedoc'), ['--out', out], {
      cwd: root,
      timeout: 240_000,
    });
  }, 300_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  /** The page's content column, without the navigation and the header. */
  const contentOf = (file: string) => {
    const html = readFileSync(file, 'utf8');
    return html.slice(html.indexOf('<div class="col-content">'), html.indexOf('<div class="col-sidebar">'));
  };
  const titleOf = (file: string) => /<title>([^<|]*?) \|/.exec(readFileSync(file, 'utf8'))?.[1];

  it('has one module per entry point, titled by its import path', () => {
    const modules = readdirSync(join(out, 'modules')).map((page) => titleOf(join(out, 'modules', page)));
    expect(modules.sort()).toEqual([...IMPORT_PATHS].sort());
  });

  it('files every member of a module under one of the categories, none under "Other"', () => {
    const seen = new Set<string>();
    for (const page of readdirSync(join(out, 'modules'))) {
      const headings = [
        ...contentOf(join(out, 'modules', page)).matchAll(/<h2 class="tsd-anchor-link"[^>]*>([^<]+)/g),
      ];
      const titles = headings.map((match) => match[1] ?? '');
      expect(titles.length, page).toBeGreaterThan(0);
      for (const title of titles) {
        expect(CATEGORIES, `${page}: ${title}`).toContain(title);
        seen.add(title);
      }
    }
    expect([...seen].sort()).toEqual([...CATEGORIES].sort());
  });

  it('renders each guide as a page titled by its heading', () => {
    const titles = readdirSync(join(out, 'documents')).map((page) => titleOf(join(out, 'documents', page)));
    expect(titles).toHaveLength(config.projectDocuments.length);
    expect(titles).toEqual(expect.arrayContaining(['Client', 'Paging', 'Sync', 'Examples']));
  });

  it('links the README, the guides and the modules to rendered pages and to anchors that exist', () => {
    const pages = [
      join(out, 'index.html'),
      ...['documents', 'modules'].flatMap((folder) =>
        readdirSync(join(out, folder)).map((page) => join(out, folder, page)),
      ),
    ];
    const broken: string[] = [];
    for (const page of pages) {
      for (const [, href = ''] of contentOf(page).matchAll(/<a href="([^"]+)"/g)) {
        if (/^[a-z]+:/i.test(href)) continue;
        const [path = '', anchor] = href.split('#');
        const target = path === '' ? page : normalize(join(dirname(page), decodeURIComponent(path)));
        const unrendered = Object.keys(NOT_RENDERED).map((guide) => guide.split('/').pop());
        if (!existsSync(target)) broken.push(`${page}: ${href} (no such file)`);
        else if (target.endsWith('.md') && !unrendered.includes(target.split('/').pop())) {
          broken.push(`${page}: ${href} (a guide copied as Markdown, not rendered)`);
        } else if (
          anchor &&
          target.endsWith('.html') &&
          !readFileSync(target, 'utf8').includes(`id="${anchor}"`)
        ) {
          broken.push(`${page}: ${href} (no such anchor)`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});
