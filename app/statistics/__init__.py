"""统计通报: rates, tables by list/unit/leader, rankings and series as of a chosen month (no Qt)."""
