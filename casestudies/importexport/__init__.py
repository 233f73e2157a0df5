"""Import and export of case studies and seminars as JSON Lines, one object a line."""
