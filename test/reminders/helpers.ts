import type { Database } from '../../src/db/database.js';
import { ReminderScheduler } from '../../src/jobs/index.js';
import type { WorkerLog } from '../../src/jobs/webhook-worker.js';
import type { Tenant } from '../helpers/app.js';

export const REMINDER_TYPES = [
  'interview.confirmation_due',
  'interview.thank_you_due',
  'interview.thank_you_overdue',
  'interview.follow_up_due',
  'interview.request_expired',
];

/** A log that keeps what it is told, so a test can see the scheduler's complaints. */
export function recordingLog() {
  const lines: { level: string; obj: object; msg: string }[] = [];
  const log: WorkerLog = {
    debug: (obj, msg) => lines.push({ level: 'debug', obj, msg }),
    info: (obj, msg) => lines.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => lines.push({ level: 'error', obj, msg }),
  };
  return { log, lines };
}

/** A scheduler on the test's movable clock. */
export function schedulerFor(db: Database, clock: { now: Date }, log: WorkerLog = recordingLog().log) {
  return new ReminderScheduler({ db, log, clock: () => clock.now });
}

export interface TimelineEvent {
  type: string;
  createdAt: string;
  data: { reminder?: { kind: string; dueAt: string }; actor?: { type: string; id: string }; interview?: { state: string } };
}

/** The interview's timeline events that are reminders, as `type@dueAt`. */
export async function remindersOf(a: Tenant, interviewId: string): Promise<string[]> {
  return (await timeline(a, interviewId)).filter((e) => REMINDER_TYPES.includes(e.type)).map((e) => `${e.type}@${e.data.reminder?.dueAt}`);
}

export async function timeline(a: Tenant, interviewId: string): Promise<TimelineEvent[]> {
  const res = await a.call({ method: 'GET', url: `/v1/interviews/${interviewId}/events?limit=100` });
  if (res.statusCode !== 200) throw new Error(`events: ${res.statusCode} ${res.body}`);
  return res.json<{ data: TimelineEvent[] }>().data;
}
