"""What is not domain: paths, logs, errors, backups, locks, the database session."""
