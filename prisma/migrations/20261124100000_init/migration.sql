-- Initial schema: tenants, keys, people, interviews, the event log, and the
-- tables idempotency and webhook delivery build on.

CREATE TABLE "institutions" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "time_zone" TEXT NOT NULL DEFAULT 'UTC',
    "policy" JSONB NOT NULL DEFAULT '{}',
    "event_seq" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "institutions_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "api_keys" (
    "id" TEXT NOT NULL,
    "institution_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "scopes" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),
    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "api_keys_hash_key" ON "api_keys"("hash");
CREATE INDEX "api_keys_institution_id_idx" ON "api_keys"("institution_id");

CREATE TABLE "seekers" (
    "id" TEXT NOT NULL,
    "institution_id" TEXT NOT NULL,
    "external_id" TEXT,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "notes" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "seekers_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "seekers_institution_id_external_id_key" ON "seekers"("institution_id", "external_id");
CREATE INDEX "seekers_institution_id_id_idx" ON "seekers"("institution_id", "id");

CREATE TABLE "contacts" (
    "id" TEXT NOT NULL,
    "institution_id" TEXT NOT NULL,
    "external_id" TEXT,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "linkedin_url" TEXT,
    "organization" TEXT,
    "title" TEXT,
    "field" TEXT,
    "how_we_met" TEXT,
    "introduced_by_id" TEXT,
    "may_use_name" BOOLEAN NOT NULL DEFAULT false,
    "research_notes" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "contacts_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "contacts_institution_id_external_id_key" ON "contacts"("institution_id", "external_id");
CREATE INDEX "contacts_institution_id_id_idx" ON "contacts"("institution_id", "id");
CREATE INDEX "contacts_introduced_by_id_idx" ON "contacts"("introduced_by_id");

CREATE TABLE "interviews" (
    "id" TEXT NOT NULL,
    "institution_id" TEXT NOT NULL,
    "seeker_id" TEXT NOT NULL,
    "contact_id" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'prospect',
    "version" INTEGER NOT NULL DEFAULT 1,
    "topics" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "questions" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "notes" TEXT,
    "request_channel" TEXT,
    "request_message" TEXT,
    "requested_minutes" INTEGER,
    "requested_at" TIMESTAMPTZ(3),
    "scheduled_at" TIMESTAMPTZ(3),
    "duration_minutes" INTEGER,
    "mode" TEXT,
    "location" TEXT,
    "reschedule_count" INTEGER NOT NULL DEFAULT 0,
    "confirmed_at" TIMESTAMPTZ(3),
    "confirm_channel" TEXT,
    "held_at" TIMESTAMPTZ(3),
    "actual_minutes" INTEGER,
    "meeting_notes" TEXT,
    "extended_by_interviewee" BOOLEAN,
    "asked_for_referral" BOOLEAN,
    "thanked_at" TIMESTAMPTZ(3),
    "thank_you_channel" TEXT,
    "follow_up_count" INTEGER NOT NULL DEFAULT 0,
    "last_contact_at" TIMESTAMPTZ(3),
    "ended_reason" TEXT,
    "ended_at" TIMESTAMPTZ(3),
    "referred_from_interview_id" TEXT,
    "confirm_by" TIMESTAMPTZ(3),
    "thank_you_due_by" TIMESTAMPTZ(3),
    "next_follow_up_due_at" TIMESTAMPTZ(3),
    "request_expires_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "interviews_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "interviews_institution_id_id_idx" ON "interviews"("institution_id", "id");
CREATE INDEX "interviews_institution_id_state_id_idx" ON "interviews"("institution_id", "state", "id");
CREATE INDEX "interviews_institution_id_seeker_id_id_idx" ON "interviews"("institution_id", "seeker_id", "id");
CREATE INDEX "interviews_institution_id_contact_id_id_idx" ON "interviews"("institution_id", "contact_id", "id");
CREATE INDEX "interviews_institution_id_updated_at_idx" ON "interviews"("institution_id", "updated_at");
CREATE INDEX "interviews_confirm_by_idx" ON "interviews"("confirm_by");
CREATE INDEX "interviews_thank_you_due_by_idx" ON "interviews"("thank_you_due_by");
CREATE INDEX "interviews_next_follow_up_due_at_idx" ON "interviews"("next_follow_up_due_at");
CREATE INDEX "interviews_request_expires_at_idx" ON "interviews"("request_expires_at");

CREATE TABLE "events" (
    "id" TEXT NOT NULL,
    "institution_id" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "interview_id" TEXT,
    "subject_type" TEXT NOT NULL,
    "subject_id" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "events_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "events_institution_id_sequence_key" ON "events"("institution_id", "sequence");
CREATE INDEX "events_institution_id_interview_id_sequence_idx" ON "events"("institution_id", "interview_id", "sequence");

CREATE TABLE "idempotency_keys" (
    "institution_id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "response_status" INTEGER,
    "response_body" TEXT,
    "response_headers" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    CONSTRAINT "idempotency_keys_pkey" PRIMARY KEY ("institution_id", "key")
);
CREATE INDEX "idempotency_keys_expires_at_idx" ON "idempotency_keys"("expires_at");

CREATE TABLE "webhook_endpoints" (
    "id" TEXT NOT NULL,
    "institution_id" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "description" TEXT,
    "event_types" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "secret" TEXT NOT NULL,
    "previous_secret" TEXT,
    "previous_secret_expires_at" TIMESTAMPTZ(3),
    "failing_since" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "webhook_endpoints_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "webhook_endpoints_institution_id_id_idx" ON "webhook_endpoints"("institution_id", "id");

CREATE TABLE "webhook_deliveries" (
    "id" TEXT NOT NULL,
    "institution_id" TEXT NOT NULL,
    "endpoint_id" TEXT NOT NULL,
    "event_id" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3),
    "last_status_code" INTEGER,
    "last_error" TEXT,
    "last_duration_ms" INTEGER,
    "delivered_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "webhook_deliveries_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "webhook_deliveries_endpoint_id_event_id_key" ON "webhook_deliveries"("endpoint_id", "event_id");
CREATE INDEX "webhook_deliveries_status_next_attempt_at_idx" ON "webhook_deliveries"("status", "next_attempt_at");

ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institutions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "seekers" ADD CONSTRAINT "seekers_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institutions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institutions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_introduced_by_id_fkey" FOREIGN KEY ("introduced_by_id") REFERENCES "contacts"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institutions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_seeker_id_fkey" FOREIGN KEY ("seeker_id") REFERENCES "seekers"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_referred_from_interview_id_fkey" FOREIGN KEY ("referred_from_interview_id") REFERENCES "interviews"("id") ON DELETE SET NULL ON UPDATE CASCADE;
ALTER TABLE "events" ADD CONSTRAINT "events_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institutions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_fkey" FOREIGN KEY ("endpoint_id") REFERENCES "webhook_endpoints"("id") ON DELETE CASCADE ON UPDATE CASCADE;
