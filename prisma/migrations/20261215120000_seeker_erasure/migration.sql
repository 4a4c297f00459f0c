-- Seeker erasure (DELETE /v1/seekers/{id}?erase=true): when a seeker's
-- personal data was erased, on the seeker and on each of their interviews
-- (whose free text went with it). Rows stay, anonymised, for reports.

ALTER TABLE "seekers" ADD COLUMN "erased_at" TIMESTAMPTZ(3);
ALTER TABLE "interviews" ADD COLUMN "erased_at" TIMESTAMPTZ(3);
