-- Reminders: the interview's next reminder instant (what the scheduler claims
-- with an index scan), the record of each reminder sent (its unique key is the
-- exactly-once guarantee), due-date indexes per institution for the list
-- filters, and the hashed secret of a seeker's calendar feed.

ALTER TABLE "interviews" ADD COLUMN "next_reminder_at" TIMESTAMPTZ(3);
ALTER TABLE "seekers" ADD COLUMN "calendar_token_hash" TEXT;

CREATE TABLE "reminders" (
    "id" TEXT NOT NULL,
    "institution_id" TEXT NOT NULL,
    "interview_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "event_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reminders_pkey" PRIMARY KEY ("id")
);

DROP INDEX "interviews_confirm_by_idx";
DROP INDEX "interviews_thank_you_due_by_idx";
DROP INDEX "interviews_next_follow_up_due_at_idx";
DROP INDEX "interviews_request_expires_at_idx";

CREATE INDEX "interviews_institution_id_confirm_by_idx" ON "interviews"("institution_id", "confirm_by");
CREATE INDEX "interviews_institution_id_thank_you_due_by_idx" ON "interviews"("institution_id", "thank_you_due_by");
CREATE INDEX "interviews_institution_id_next_follow_up_due_at_idx" ON "interviews"("institution_id", "next_follow_up_due_at");
CREATE INDEX "interviews_institution_id_request_expires_at_idx" ON "interviews"("institution_id", "request_expires_at");
CREATE INDEX "interviews_next_reminder_at_idx" ON "interviews"("next_reminder_at");

CREATE UNIQUE INDEX "seekers_calendar_token_hash_key" ON "seekers"("calendar_token_hash");

CREATE UNIQUE INDEX "reminders_interview_id_kind_due_at_key" ON "reminders"("interview_id", "kind", "due_at");
CREATE INDEX "reminders_institution_id_created_at_idx" ON "reminders"("institution_id", "created_at");

ALTER TABLE "reminders" ADD CONSTRAINT "reminders_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institutions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_interview_id_fkey" FOREIGN KEY ("interview_id") REFERENCES "interviews"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Open interviews written before this migration: the scheduler's next pass
-- works out which reminders they are due and when the next one falls.
UPDATE "interviews" SET "next_reminder_at" = CURRENT_TIMESTAMP
WHERE "state" IN ('requested', 'scheduled', 'met', 'thanked', 'following_up');
