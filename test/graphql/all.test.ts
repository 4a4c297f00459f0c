// The GraphQL test files share one process: each paid more to start than to run.
import { runCasesIn } from '../helpers/cases.js';

await runCasesIn(import.meta.dirname);
