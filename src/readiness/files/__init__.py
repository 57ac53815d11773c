"""Files the dashboard writes: the workbook writer, the blank template, table exports and the
demo workbook.
"""
