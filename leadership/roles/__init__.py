"""The roles pages: an organisation's HR admins and national admins grant and revoke roles."""
