"""Server mode on PostgreSQL: roles, rights, accounts, copying a ledger (no Qt, no app/)."""
