import { ConfigError } from './config.js';
import { runCli } from './cli/run.js';

// The `rapport` command (bin/rapport.js runs the compiled file): see src/cli/run.ts.
runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  },
);
