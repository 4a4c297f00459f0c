-- Finished deliveries (delivered or failed) are deleted some days after their
-- last attempt (WEBHOOK_RETENTION_DAYS); their attempt log goes with them (ON
-- DELETE CASCADE). This index lets the maintenance job find them by age
-- without reading the table.
CREATE INDEX "webhook_deliveries_status_updated_at_idx" ON "webhook_deliveries"("status", "updated_at");
