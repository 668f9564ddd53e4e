-- The statistics triggers of 002_breach_statistics.sql, now the shared ones of
-- platform/db/migrations/statistics-triggers: the same deltas applied the same
-- way, so the counts already kept stay right. Only the contributions are the
-- breaches' own. Replacing the triggers locks the table for this transaction,
-- so no write falls between the old triggers and the new.
SELECT statistics_install_triggers('breach_offence', 'breach_statistics', ARRAY['reported', 'convicted']);

DROP FUNCTION breach_statistics_maintain();
DROP FUNCTION breach_statistics_apply(breach_statistics_delta[]);
DROP FUNCTION breach_statistics_truncate();
