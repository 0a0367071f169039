"""Storage layer: SQLAlchemy models, engine set-up and Alembic migrations (no Qt here)."""
