"""The public, read-only API described: its OpenAPI 3.1 document, served at /api/schema/,
and the page for people at /api/ that reads from it. The document is built from the code
it describes (search's registry of kinds and facets, its sorts and limits, and the shape
of an answer), so it changes when they do."""
