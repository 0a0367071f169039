"""The campaign as a whole: its summary, countdown and the day's to-do list."""
