"""Excel exchange with the city above and the units below: read, map, preview, write, export."""
