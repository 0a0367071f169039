"""Alembic migration scripts; applied through db.migrate, never by hand on a clerk's file."""
