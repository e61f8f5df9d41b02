import { main } from './main.js';

// The only module with side effects: it is the `oneroster` executable, never imported by the library.
const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  isTty: process.stderr.isTTY === true,
  cwd: process.cwd(),
});
process.exitCode = code;
