-- The statistics triggers of 002_order_statistics.sql, now the shared ones of
-- platform/db/migrations/statistics-triggers: the same deltas applied the same
-- way, so the counts already kept stay right. Only the contributions (004) are
-- the orders' own. Replacing the triggers locks the table for this
-- transaction, so no write falls between the old triggers and the new.
SELECT statistics_install_triggers('stalking_protection_order', 'order_statistics', ARRAY['interim_made', 'full_made', 'active_change']);

DROP FUNCTION order_statistics_maintain();
DROP FUNCTION order_statistics_apply(order_statistics_delta[]);
DROP FUNCTION order_statistics_truncate();
