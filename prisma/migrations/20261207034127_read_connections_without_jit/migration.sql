-- Decision 053: no JIT compilation for this database's sessions. Spendline's statements are
-- short reads over rollups whose row estimates pass jit_above_cost (100,000) on a 90-day
-- window: compiling them cost ~2.3 s of a 2.5 s statement that runs in 0.22 s interpreted.
-- A per-database setting reaches every new session on this database, whichever way it comes
-- (direct, PgBouncer in transaction pooling, which ignores the `options` startup parameter,
-- the read replica, the CLI, jobs). Without the privilege (the migrating role does not own
-- the database) it warns instead of failing: then see docs/deploy.md ("JIT").
-- The migrate command's adapter splits a script at every semicolon character, so the block's
-- statement ends are written \073 (octal for a semicolon) inside an E'' string.
DO E'BEGIN
  EXECUTE format(''ALTER DATABASE %I SET jit = off'', current_database())\073
EXCEPTION WHEN insufficient_privilege THEN
  RAISE WARNING ''jit stays on for database %: ALTER DATABASE needs its owner (docs/deploy.md, JIT)'', current_database()\073
END'
