"""No models. The module exists because Django sends `post_migrate` only for apps that
have one, and that signal is what creates the cache table (see apps.py)."""
