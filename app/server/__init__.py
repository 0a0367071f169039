"""Server mode: set-up, accounts, moving a ledger to and from a PostgreSQL server."""
