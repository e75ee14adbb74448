"""Comment rules in the admin: the site's, a section's, a story's."""
