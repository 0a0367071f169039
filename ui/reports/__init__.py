"""月度填报: the month's figures typed like a spreadsheet."""
