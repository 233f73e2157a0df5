"""Running the site in production: health checks, request ids, the Content Security
Policy, and the database cache table. Nothing here knows about the site's content."""
