"""Members writing case studies: the form at /contribute/, autosave, and the list of a
member's contributions at /members/me/contributions/. The draft pages, the workflow and
the emails are in `contributions/`; this package adds who may write (the
members app's rules) and the pages a member sees."""
