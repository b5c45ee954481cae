"""A person's record: HR admins add one person and correct their details."""
