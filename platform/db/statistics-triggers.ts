import { repoPath } from "../repo-root";

/**
 * The shared trigger machinery of pre-aggregated statistics (statistics_maintain,
 * statistics_truncate, statistics_install_triggers): a subgraph with statistics
 * lists these migrations in its sharedMigrations and installs the triggers on
 * its table in a migration of its own. See the SQL for what it expects.
 */
export const STATISTICS_TRIGGER_MIGRATIONS = repoPath("platform", "db", "migrations", "statistics-triggers");
