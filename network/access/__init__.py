"""Who may do what in the admin: the site's own groups, each with only the permissions
its job needs, made by this app's data migrations (README: "Groups and permissions")."""
