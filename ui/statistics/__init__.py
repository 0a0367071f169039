"""统计通报 page parts: the figures tables and the matplotlib charts inside the window."""
