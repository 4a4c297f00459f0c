/**
 * Rapport's domain: the informational-interview lifecycle as data, the rules
 * from career-centre guidance, and a pure decide(). Imports nothing but zod and
 * eld (language identification over data shipped in its package).
 */
export {
  STATES,
  INITIAL_STATE,
  TERMINAL_STATES,
  STATE_DESCRIPTIONS,
  isState,
  isTerminalState,
} from './states.js';
export type { State } from './states.js';

export {
  ACTIONS,
  ACTION_ACTIVITIES,
  REQUEST_CHANNELS,
  MEETING_MODES,
  THANK_CHANNELS,
  FOLLOW_UP_CHANNELS,
  FOLLOW_UP_KINDS,
  CONFIRM_CHANNELS,
  TRANSITIONS,
  eventTypeFor,
  isAction,
  isLegalFrom,
  targetState,
} from './actions.js';
export type {
  Action,
  RequestChannel,
  MeetingMode,
  ThankChannel,
  FollowUpChannel,
  FollowUpKind,
  ConfirmChannel,
  Transition,
} from './actions.js';

export {
  REFUSAL_CODES,
  ADVISORY_CODES,
  RULE_CODES,
  CONFIGURABLE_RULE_CODES,
  OVERRIDABLE_RULE_CODES,
  RULE_SEVERITIES,
  defaultKindOf,
  isOverridable,
  isRuleCode,
} from './rule-codes.js';
export type {
  RefusalCode,
  AdvisoryCode,
  RuleCode,
  ConfigurableRuleCode,
  OverridableRuleCode,
  RuleKind,
  RuleSeverity,
  RuleResult,
} from './rule-codes.js';
export { RULE_TEXTS } from './rules.js';
export type { RuleText } from './rules.js';

export { policySchema, policyPatchSchema, DEFAULT_POLICY, POLICY_DEFAULTS, mergePolicy, effectiveKind } from './policy.js';
export type { Policy, PolicyPatch } from './policy.js';

export {
  actionInputSchemas,
  requestInputSchema,
  scheduleInputSchema,
  rescheduleInputSchema,
  confirmInputSchema,
  meetInputSchema,
  thankInputSchema,
  followUpInputSchema,
  endInputSchema,
  expireInputSchema,
  addReferralInputSchema,
  actionOverrideSchema,
  MAX_OVERRIDE_RULES,
  inputFieldsOf,
} from './inputs.js';
export type { ActionInput, ActionInputBody, ActionInputSchemas, ActionOverride } from './inputs.js';

export type { InterviewSnapshot, InterviewChanges, Decision, AvailableAction, DueDates } from './interview.js';

export { decide } from './decide.js';
export { availableActions } from './available.js';
export { dueDates, thankYouReminderAt } from './due-dates.js';
export { REMINDER_KINDS, REMINDER_DESCRIPTIONS, reminderEventType, remindersDue, nextReminderAt } from './reminders.js';
export type { ReminderKind, ReminderBasis, Reminder } from './reminders.js';
export { AGENDA_CODES, AGENDA_SETTINGS, agendaItem, buildAgenda, compareAgendaItems } from './agenda.js';
export type { AgendaCode, AgendaSetting, AgendaInterview, AgendaItem } from './agenda.js';
export { describeStateMachine, stateMachineMermaid } from './machine-description.js';
export type { StateMachineDescription } from './machine-description.js';

export {
  isValidTimeZone,
  addLocalDays,
  startOfLocalDay,
  localDaysBetween,
  localDateString,
  toLocal,
  fromLocal,
} from './calendar-days.js';
export type { LocalDateTime } from './calendar-days.js';
export { isStorableText, storableText } from './safe-text.js';

export { readMessage, countWords } from './outreach/read-message.js';
export type { MessageReading, JobAskTier } from './outreach/read-message.js';
export { personMention } from './outreach/names.js';
export { identifyLanguage, CHECKED_LANGUAGES } from './outreach/language.js';
export type { LanguageGuess, CheckedLanguage } from './outreach/language.js';
export type { TextSpan } from './outreach/folded-text.js';
