"""月通报: making the monthly bulletin's workbook and its A4 PDF (drawn with Qt, offscreen too)."""
