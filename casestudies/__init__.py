"""Case studies, seminars and their lessons, the taxonomy, import/export and demo content."""
