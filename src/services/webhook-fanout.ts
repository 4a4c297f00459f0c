// The event log is the webhook outbox: appendEvent's one statement (events.ts)
// inserts the event and, with this, the deliveries it owes, in the business
// transaction; they commit together or not at all, and a process that dies
// after COMMIT loses nothing (the worker finds the rows). It runs on every
// write; with no endpoint it is one index probe.
//
// - Endpoints disabled for failing keep receiving rows, paused (no
//   nextAttemptAt), so re-enabling resumes from where they stopped. Disabled
//   by hand or by a 410: nothing is queued.
// - `eventTypes` empty means every type; otherwise exact types or `category.*`.
// - `webhook.test` goes only to the endpoint it names, whatever its filter.
// - Delivery ids are derived from (endpoint, event): the event's time prefix,
//   so they sort with it, and 16 hex digits of md5 (valid id characters).

export const TEST_EVENT_TYPE = 'webhook.test';

/** SQL expressions for one event's values, as the statement that fans it out names them. */
interface FanOutTerms {
  /** The rows to fan out, each with an `ev.sequence` in reach. */
  from: string;
  institutionId: string;
  eventId: string;
  type: string;
  subjectId: string;
  now: string;
  /** fanOutParams()' delivery-id prefix and category, and TEST_EVENT_TYPE. */
  prefix: string;
  category: string;
  testType: string;
}

/**
 * The `fan` CTE of the statements that append events (events.ts): one for a
 * single event, one for a batch. Written once so the endpoint filter cannot
 * differ between them.
 */
export function fanOutSql(t: FanOutTerms): string {
  return `
  INSERT INTO webhook_deliveries (id, institution_id, endpoint_id, event_id, event_type, sequence, next_attempt_at, created_at, updated_at)
  SELECT ${t.prefix} || substr(md5(e.id || ${t.eventId}), 1, 16), e.institution_id, e.id, ${t.eventId}, ${t.type}, ev.sequence,
         CASE WHEN e.enabled THEN ${t.now}::timestamptz END, ${t.now}::timestamptz, ${t.now}::timestamptz
  FROM webhook_endpoints e, ${t.from}
  WHERE e.institution_id = ${t.institutionId}
    AND (e.enabled OR e.disabled_reason = 'failing')
    AND CASE WHEN ${t.type} = ${t.testType} THEN e.id = ${t.subjectId}
             ELSE coalesce(cardinality(e.event_types), 0) = 0 OR ${t.type} = ANY(e.event_types) OR ${t.category} = ANY(e.event_types) END`;
}

/**
 * appendEvent's: the new event's sequence from `ev`, its own parameters ($1
 * institution, $2 event id, $3 type, $6 subject id, $8 now); $10–$12 are
 * fanOutParams().
 */
export const FAN_OUT_SQL = fanOutSql({
  from: 'ev',
  institutionId: '$1',
  eventId: '$2',
  type: '$3',
  subjectId: '$6',
  now: '$8',
  prefix: '$10',
  category: '$11',
  testType: '$12',
});

export function fanOutParams(eventId: string, type: string): [string, string, string] {
  const body = eventId.slice(eventId.indexOf('_') + 1);
  return [`whd_${body.slice(0, 10)}`, `${type.split('.')[0]}.*`, TEST_EVENT_TYPE];
}
