"""月通报: the monthly bulletin's workbook and wording (the PDF is laid out under ui/bulletin)."""
