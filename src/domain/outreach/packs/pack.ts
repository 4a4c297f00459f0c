import type { ClauseRules, PhrasePattern } from '../phrases.js';

/** Everything the checks need to read one language. */
export interface LanguagePack {
  readonly clauses: ClauseRules;
  /** Plain asks for a job, an opening, or a referral for a role: these refuse a request. */
  readonly jobClear: readonly PhrasePattern[];
  /** Hints and hedged asks: these only coach (`possible_job_request`). */
  readonly jobPossible: readonly PhrasePattern[];
  /** Asking them to be a mentor, or to meet regularly. */
  readonly mentorship: readonly PhrasePattern[];
  /** Asking for any favour: an introduction, a review, a reference (follow-up notes). */
  readonly favour: readonly PhrasePattern[];
}
