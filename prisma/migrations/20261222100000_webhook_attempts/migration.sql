-- Webhook attempt log: one row per request the worker made, written in the
-- same statement that updates its delivery (the delivery keeps only the last
-- attempt in last_*). `attempt` counts over the delivery's whole life, so a
-- redelivery (which restarts the delivery's `attempts`) carries on from the
-- last number. The unique index is also the listing index.

CREATE TABLE "webhook_attempts" (
    "id" TEXT NOT NULL,
    "institution_id" TEXT NOT NULL,
    "delivery_id" TEXT NOT NULL,
    "endpoint_id" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "attempted_at" TIMESTAMPTZ(3) NOT NULL,
    "status_code" INTEGER,
    "duration_ms" INTEGER,
    "error" TEXT,
    "outcome" TEXT NOT NULL,
    "next_attempt_at" TIMESTAMPTZ(3),
    CONSTRAINT "webhook_attempts_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "webhook_attempts_delivery_id_attempt_key" ON "webhook_attempts"("delivery_id", "attempt");

ALTER TABLE "webhook_attempts" ADD CONSTRAINT "webhook_attempts_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "webhook_deliveries"("id") ON DELETE CASCADE ON UPDATE CASCADE;
