import type { SentValues } from '../errors/redact.js';

/** Connection flags whose values are credentials, and their variables (see connection.ts). */
const SECRET_FLAGS = ['client-secret', 'token'] as const;

/** Every value given to `--name` on the command line, as `--name value` or `--name=value`. */
export function flagValues(argv: readonly string[], name: string): string[] {
  const values: string[] = [];
  for (const [index, argument] of argv.entries()) {
    if (argument === `--${name}`) {
      const next = argv[index + 1];
      if (next !== undefined) values.push(next);
    } else if (argument.startsWith(`--${name}=`)) {
      values.push(argument.slice(name.length + 3));
    }
  }
  return values;
}

/** The password of a `--store postgres://user:password@host/db` connection string. */
function storePasswords(argv: readonly string[]): string[] {
  return flagValues(argv, 'store').flatMap((store) => {
    try {
      const password = new URL(store).password;
      return password === '' ? [] : [password, decodeURIComponent(password)];
    } catch {
      return [];
    }
  });
}

/** What a command line sent that must not come back on stderr: its credentials and its filter. */
export function sentByCommandLine(argv: readonly string[], env: NodeJS.ProcessEnv): SentValues {
  const secrets = SECRET_FLAGS.flatMap((flag) => {
    const variable = env[`ONEROSTER_${flag.toUpperCase().replace(/-/g, '_')}`];
    return [...flagValues(argv, flag), ...(variable ? [variable] : [])];
  });
  const filter = flagValues(argv, 'filter').at(-1);
  return { secrets: [...secrets, ...storePasswords(argv)], ...(filter === undefined ? {} : { filter }) };
}
