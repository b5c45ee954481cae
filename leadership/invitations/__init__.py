"""Invitations: HR admins invite people on the staff record; a one-time link sets their password."""
