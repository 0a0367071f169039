"""总览: the campaign at a glance and the day's to-do list."""
