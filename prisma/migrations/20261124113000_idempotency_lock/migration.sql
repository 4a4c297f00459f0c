-- When a request took its Idempotency-Key, so an abandoned claim (the process
-- died before committing anything) can be taken over after a timeout.
ALTER TABLE "idempotency_keys" ADD COLUMN "locked_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
