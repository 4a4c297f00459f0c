// Every error the API can answer with, by stable code. One table maps a code to
// its HTTP status and title; the REST error handler and GraphQL's
// `extensions.code` (src/graphql/errors.ts) both read it, so the two
// transports cannot drift.

export const ERRORS = {
  validation_failed: { status: 400, title: 'The request is not valid' },
  malformed_json: { status: 400, title: 'The body is not valid JSON' },
  malformed_csv: { status: 400, title: 'The body is not valid CSV' },
  invalid_cursor: { status: 400, title: 'The pagination cursor is not valid' },
  query_too_complex: { status: 400, title: 'The GraphQL query is too deep or too costly' },
  unauthorized: { status: 401, title: 'Authentication required' },
  insufficient_scope: { status: 403, title: 'The API key lacks a scope this needs' },
  override_not_allowed: { status: 403, title: 'Overriding a rule needs the review scope' },
  not_found: { status: 404, title: 'Not found' },
  no_meeting: { status: 404, title: 'The interview has no meeting to put in a calendar' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  invalid_transition: { status: 409, title: 'That action is not possible in the current state' },
  conflict: { status: 409, title: 'The resource changed while this request ran' },
  resource_in_use: { status: 409, title: 'The resource is still referenced' },
  last_admin_key: { status: 409, title: "The institution's last working admin key cannot be revoked" },
  external_id_taken: { status: 409, title: 'That externalId is already used' },
  webhook_endpoint_disabled: { status: 409, title: 'The webhook endpoint is disabled' },
  seeker_erased: { status: 409, title: "The seeker's personal data has been erased" },
  idempotency_in_progress: { status: 409, title: 'A request with this Idempotency-Key is still running' },
  version_conflict: { status: 412, title: 'The resource has changed since you read it' },
  body_too_large: { status: 413, title: 'The body is too large' },
  too_many_records: { status: 413, title: 'Too many records for one import' },
  unsupported_media_type: { status: 415, title: 'Unsupported content type' },
  uri_too_long: { status: 414, title: 'The URL is too long' },
  action_refused: { status: 422, title: 'The action breaks a rule' },
  related_not_found: { status: 422, title: 'A referenced resource does not exist' },
  webhook_url_not_allowed: { status: 422, title: 'Webhooks cannot be sent to that address' },
  webhook_endpoint_limit: { status: 422, title: 'The institution has as many webhook endpoints as it may' },
  idempotency_key_reused: { status: 422, title: 'The Idempotency-Key was used for another request' },
  export_too_large: { status: 422, title: 'The export is larger than one document holds' },
  rate_limited: { status: 429, title: 'Too many requests' },
  internal_error: { status: 500, title: 'Something went wrong on our side' },
  service_unavailable: { status: 503, title: 'The service is not ready' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERRORS;

export interface Violation {
  rule: string;
  message: string;
  field?: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly violations: Violation[] | undefined;
  readonly extra: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, detail: string, opts: { violations?: Violation[]; extra?: Record<string, unknown> } = {}) {
    super(detail);
    this.name = 'AppError';
    this.code = code;
    this.status = ERRORS[code].status;
    this.violations = opts.violations;
    this.extra = opts.extra;
  }
}

export const notFound = (what: string, id: string) => new AppError('not_found', `No ${what} with id ${id} exists here.`);

/** A write to a seeker whose personal data was erased, or to one of their interviews. */
export const seekerErased = (id: string) =>
  new AppError('seeker_erased', `Seeker ${id} has been erased: the record and its interviews are kept anonymised for reports and take no more writes. Create a new seeker to start again.`, {
    extra: { seekerId: id },
  });

export function problemType(code: ErrorCode): string {
  return `urn:rapport:problem:${code}`;
}
