import { type ParseArgsConfig, parseArgs } from 'node:util';
import { suggestName } from './suggest-name.js';
import { UsageError } from './usage-error.js';

/** The `options` of a `parseArgs` configuration (node:util names the type but does not export it). */
type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

type StrictConfig<T extends ParseArgsOptionsConfig> = {
  args: string[];
  options: T;
  allowPositionals: true;
  strict: true;
};

/** A command's flags and arguments, typed by its options as `parseArgs` types them. */
export type CommandLine<T extends ParseArgsOptionsConfig> = ReturnType<typeof parseArgs<StrictConfig<T>>>;

function unknownOption(rawName: string, options: ParseArgsOptionsConfig): UsageError {
  const suggestion = rawName.startsWith('--')
    ? suggestName(rawName.slice(2), Object.keys(options))
    : undefined;
  return new UsageError(
    `unknown option ${rawName}${suggestion === undefined ? '' : ` (did you mean --${suggestion}?)`}`,
  );
}

/**
 * Reads a command line with messages a person can act on, where `parseArgs` alone would print its
 * own text (`Unknown option '--x'. To specify a positional argument...`) or refuse a value that
 * starts with a dash (`--concurrency -1` is "ambiguous" to it; here it is the value `-1`, which the
 * command then checks). The line is first read leniently into tokens and checked, then read strictly
 * in a normalised form (`--name=value`), so the values keep `parseArgs`'s types.
 * @throws UsageError for an unknown option, a missing value, or a value given to a switch
 */
export function parseCommandLine<T extends ParseArgsOptionsConfig>(
  argv: readonly string[],
  options: T,
): CommandLine<T> {
  const { tokens } = parseArgs({
    args: [...argv],
    options,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const isKnown = (text: string): boolean =>
    text.startsWith('--') && Object.hasOwn(options, text.slice(2).split('=')[0] ?? '');
  const normalized: string[] = [];
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') positionals.push(token.value);
    if (token.kind !== 'option') continue;
    const config = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
    if (config === undefined || !token.rawName.startsWith('--')) throw unknownOption(token.rawName, options);
    if (config.type === 'boolean') {
      if (token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`);
      normalized.push(token.rawName);
    } else {
      // `--fields --json` reads as "--fields needs a value", not as the field list "--json".
      if (token.value === undefined || (!token.inlineValue && isKnown(token.value))) {
        throw new UsageError(`${token.rawName} needs a value`);
      }
      normalized.push(`${token.rawName}=${token.value}`);
    }
  }
  return parseArgs({
    args: [...normalized, '--', ...positionals],
    options,
    allowPositionals: true,
    strict: true,
  });
}
