import { ConfigError, loadConfig } from './config.js';
import { runWorkerProcess } from './jobs/worker-process.js';

// `npm run worker` / `node dist/worker.js`: see src/jobs/worker-process.ts.
runWorkerProcess(loadConfig()).catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error('Rapport worker failed to start:', err);
  process.exit(1);
});
