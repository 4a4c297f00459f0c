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
  /**
   * Things one asks a place on, an opening for or a good word about that are
   * not jobs: a patient list, a hostel bed, a charity run, a choir, a course,
   * a panel, a study. Job words in a sentence about one of these are not a
   * job ask, unless the sentence also names work (jobWords).
   */
  readonly notAJob: RegExp;
  /** Words that name paid work or training for it, which keep a job ask a job ask. */
  readonly jobWords: RegExp;
  /** A message framed as research or reporting ("for my thesis", "not for myself"): a plain ask there only coaches. */
  readonly research: RegExp;
}
