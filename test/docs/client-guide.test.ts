// docs/client.md's tables, held to the types they describe: the options table to `ClientOptions`
// (names, order, `@default` tags) and the events table to `OneRosterEvent` (every type, every field).
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { root } from './snippets.js';

const GUIDE = 'docs/client.md';

/** The rows of the Markdown table under `## heading` of the guide, as cells (the header row left out). */
function tableUnder(heading: string): string[][] {
  const text = readFileSync(`${root}${GUIDE}`, 'utf8');
  const section = text.split(/^## /m).find((part) => part.startsWith(`${heading}\n`)) ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .slice(2)
    .map((line) =>
      line
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
}

function sourceFile(path: string): ts.SourceFile {
  return ts.createSourceFile(path, readFileSync(`${root}${path}`, 'utf8'), ts.ScriptTarget.Latest, true);
}

function interfaceOf(file: ts.SourceFile, name: string): ts.InterfaceDeclaration {
  const found = file.statements.find(
    (statement): statement is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(statement) && statement.name.text === name,
  );
  if (found === undefined) throw new Error(`${file.fileName} declares no interface ${name}`);
  return found;
}

interface DocumentedOption {
  name: string;
  /** `required`, the `@default` tag's text, or undefined for an optional option without one. */
  default: string | undefined;
}

/** The options of an interface in declaration order; an option typed by another interface of the file is expanded. */
function optionsOf(file: ts.SourceFile, name: string, prefix = ''): DocumentedOption[] {
  return interfaceOf(file, name).members.flatMap((member): DocumentedOption[] => {
    if (!ts.isPropertySignature(member) || !ts.isIdentifier(member.name)) return [];
    const option = `${prefix}${member.name.text}`;
    const type = member.type;
    if (type && ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName)) {
      const nested = type.typeName.text;
      if (file.statements.some((s) => ts.isInterfaceDeclaration(s) && s.name.text === nested)) {
        return optionsOf(file, nested, `${option}.`);
      }
    }
    const tag = ts.getJSDocTags(member).find((candidate) => candidate.tagName.text === 'default');
    const text = tag === undefined ? undefined : ts.getTextOfJSDocComment(tag.comment)?.trim();
    return [{ name: option, default: member.questionToken ? text : 'required' }];
  });
}

const unticked = (cell: string) => cell.replaceAll('`', '').trim();

describe('the options table of docs/client.md', () => {
  const declared = optionsOf(sourceFile('src/base/options.ts'), 'ClientOptions');
  const rows = tableUnder('Options').map(([option = '', defaultCell = '']) => ({
    name: unticked(option),
    default: unticked(defaultCell),
  }));

  it('lists every option of ClientOptions, in the order the type declares them', () => {
    expect(rows.map((row) => row.name)).toEqual(declared.map((option) => option.name));
  });

  it("gives each option the type's @default, `required`, or `none` when the type has no default", () => {
    for (const option of declared) {
      const row = rows.find((candidate) => candidate.name === option.name);
      if (option.default === undefined) expect(row?.default, option.name).toMatch(/^none\b/);
      else expect(row?.default, option.name).toBe(option.default);
    }
  });
});

describe('the events table of docs/client.md', () => {
  const file = sourceFile('src/base/events.ts');
  const union = file.statements.find(
    (statement): statement is ts.TypeAliasDeclaration =>
      ts.isTypeAliasDeclaration(statement) && statement.name.text === 'OneRosterEvent',
  );
  const members = union && ts.isUnionTypeNode(union.type) ? union.type.types : [];
  const events = members.map((member) => {
    const declaration = interfaceOf(file, member.getText(file));
    const properties = declaration.members.flatMap((property) =>
      ts.isPropertySignature(property) && ts.isIdentifier(property.name) ? [property] : [],
    );
    const typeProperty = properties.find((property) => property.name.getText(file) === 'type');
    return {
      type: typeProperty?.type?.getText(file).replaceAll("'", '') ?? '',
      fields: properties.map((property) => property.name.getText(file)).filter((name) => name !== 'type'),
    };
  });
  const rows = tableUnder('Events').map(([type = '', _when, fields = '']) => ({
    type: unticked(type),
    fields,
  }));

  it('finds the event types of OneRosterEvent', () => {
    expect(events.length).toBeGreaterThanOrEqual(8);
  });

  it('has one row per event type, in the order of the union', () => {
    expect(rows.map((row) => row.type)).toEqual(events.map((event) => event.type));
  });

  it("names every field of each event in the event's row", () => {
    for (const event of events) {
      const row = rows.find((candidate) => candidate.type === event.type);
      for (const field of event.fields)
        expect(row?.fields, `${event.type}.${field}`).toContain(`\`${field}\``);
    }
  });
});
