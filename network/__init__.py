"""The Social Value Network site: settings, URLs, the home page, members and newsletter."""
