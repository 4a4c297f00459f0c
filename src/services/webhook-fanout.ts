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

/**
 * The body of appendEvent's `fan` CTE (events.ts): it reads the new event's
 * sequence from `ev`, and the event's own parameters from there ($1
 * institution, $2 event id, $3 type, $6 subject id, $8 now); $10–$12 are
 * fanOutParams().
 */
export const FAN_OUT_SQL = `
  INSERT INTO webhook_deliveries (id, institution_id, endpoint_id, event_id, event_type, sequence, next_attempt_at, created_at, updated_at)
  SELECT $10 || substr(md5(e.id || $2), 1, 16), e.institution_id, e.id, $2, $3, ev.sequence,
         CASE WHEN e.enabled THEN $8::timestamptz END, $8::timestamptz, $8::timestamptz
  FROM webhook_endpoints e, ev
  WHERE e.institution_id = $1
    AND (e.enabled OR e.disabled_reason = 'failing')
    AND CASE WHEN $3 = $12 THEN e.id = $6
             ELSE coalesce(cardinality(e.event_types), 0) = 0 OR $3 = ANY(e.event_types) OR $11 = ANY(e.event_types) END`;

export function fanOutParams(eventId: string, type: string): [string, string, string] {
  const body = eventId.slice(eventId.indexOf('_') + 1);
  return [`whd_${body.slice(0, 10)}`, `${type.split('.')[0]}.*`, TEST_EVENT_TYPE];
}
