"""The wall chart (挂图作战): geometry, timescale, painting, the view, and exports."""
