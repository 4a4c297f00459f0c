-- Webhook delivery: endpoint leases (one sender per endpoint across
-- processes), automatic disabling, Retry-After, and the per-endpoint sequence
-- order deliveries leave in.

ALTER TABLE "webhook_endpoints"
    ADD COLUMN "disabled_reason" TEXT,
    ADD COLUMN "disabled_at" TIMESTAMPTZ(3),
    ADD COLUMN "backoff_until" TIMESTAMPTZ(3),
    ADD COLUMN "lease_owner" TEXT,
    ADD COLUMN "lease_expires_at" TIMESTAMPTZ(3);

ALTER TABLE "webhook_deliveries"
    ADD COLUMN "event_type" TEXT,
    ADD COLUMN "sequence" INTEGER;
UPDATE "webhook_deliveries" d SET "event_type" = e."type", "sequence" = e."sequence" FROM "events" e WHERE e."id" = d."event_id";
DELETE FROM "webhook_deliveries" WHERE "sequence" IS NULL;
ALTER TABLE "webhook_deliveries"
    ALTER COLUMN "event_type" SET NOT NULL,
    ALTER COLUMN "sequence" SET NOT NULL;

CREATE INDEX "webhook_deliveries_endpoint_id_status_sequence_idx" ON "webhook_deliveries"("endpoint_id", "status", "sequence");
CREATE INDEX "webhook_deliveries_endpoint_id_sequence_idx" ON "webhook_deliveries"("endpoint_id", "sequence");

ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_institution_id_fkey" FOREIGN KEY ("institution_id") REFERENCES "institutions"("id") ON DELETE CASCADE ON UPDATE CASCADE;
