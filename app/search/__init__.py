"""Searching and filtering rows kept in Python (pinyin initials included)."""
