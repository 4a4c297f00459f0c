// The domain's table tests are pure and take milliseconds each: one process runs them all.
import { runCasesIn } from '../helpers/cases.js';

await runCasesIn(import.meta.dirname);
