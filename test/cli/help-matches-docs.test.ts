import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runMain } from './run-main.js';

const DOCS = readFileSync(new URL('../../docs/cli.md', import.meta.url), 'utf8');
const COMMANDS = [
  'demo',
  'sync',
  'review',
  'approve',
  'reject',
  'pull',
  'doctor',
  'serve-mock',
  'connections',
  'worker',
  'erase',
  'csv',
  'reconcile',
  'changes',
  'export',
] as const;
/** The commands that connect to a provider: their help lists the connection options too. */
const CONNECTING = new Set(['sync', 'pull', 'doctor']);

/** The part of docs/cli.md under `## <title>`, up to the next `## `. */
function section(title: string): string {
  const start = DOCS.indexOf(`\n## ${title}\n`);
  if (start === -1) throw new Error(`docs/cli.md has no section "## ${title}"`);
  const end = DOCS.indexOf('\n## ', start + 1);
  return DOCS.slice(start, end === -1 ? undefined : end);
}

/** What a section's tables document: the flags of their first column, and every variable. */
function documented(text: string): { flags: Set<string>; variables: Set<string> } {
  const rows = text.split('\n').filter((line) => line.startsWith('| `'));
  const flags = rows.flatMap((row) => row.split('|')[1]?.match(/--[a-z][a-z-]*/g) ?? []);
  const variables = rows.flatMap((row) => row.match(/ONEROSTER_[A-Z_]+/g) ?? []);
  return { flags: new Set(flags), variables: new Set(variables) };
}

/** What a help text names: every `--flag` and every variable. */
function named(help: string): { flags: Set<string>; variables: Set<string> } {
  return {
    flags: new Set(help.match(/(?<![\w-])--[a-z][a-z-]*/g) ?? []),
    variables: new Set(help.match(/ONEROSTER_[A-Z_]+/g) ?? []),
  };
}

function union(...sets: Set<string>[]): string[] {
  return [...new Set(sets.flatMap((set) => [...set]))].sort();
}

const connection = documented(section('Connection options'));
const everyCommand = documented(section('Options of every command'));

async function help(argv: string[]): Promise<string> {
  const result = await runMain(argv);
  expect(result.code).toBe(0);
  return result.stdout;
}

describe('--help lists what docs/cli.md lists, so the two cannot drift', () => {
  it('oneroster --help: the connection options and the options of every command', async () => {
    const shown = named(await help(['--help']));
    expect([...shown.flags].sort()).toEqual(union(connection.flags, everyCommand.flags));
    expect([...shown.variables].sort()).toEqual(union(connection.variables, everyCommand.variables));
  });

  it('documents every command oneroster --help lists, and the test checks each', async () => {
    const top = await help(['--help']);
    const listed = (top.split('\nCommands:\n')[1] ?? '')
      .split('\n\n')[0]
      ?.split('\n')
      .flatMap((line) => line.match(/^ {2}([a-z][a-z-]*)/)?.[1] ?? []);
    const sections = [...DOCS.matchAll(/^## oneroster ([a-z][a-z-]*)$/gm)].map((match) => match[1]);
    expect(listed?.length).toBeGreaterThan(10);
    expect([...(listed ?? [])].sort()).toEqual([...COMMANDS].sort());
    expect(sections.sort()).toEqual([...COMMANDS].sort());
  });

  for (const command of COMMANDS) {
    it(`oneroster ${command} --help`, async () => {
      const own = documented(section(`oneroster ${command}`));
      const extra = CONNECTING.has(command) ? [connection] : [];
      // --version is the program's, not a command's.
      const global = [...everyCommand.flags].filter((flag) => flag !== '--version');
      const shown = named(await help([command, '--help']));
      expect([...shown.flags].sort()).toEqual(
        union(own.flags, new Set(global), ...extra.map((set) => set.flags)),
      );
      expect([...shown.variables].sort()).toEqual(
        union(own.variables, everyCommand.variables, ...extra.map((set) => set.variables)),
      );
    });
  }
});
