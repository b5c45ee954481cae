"""The leadership passport (R2): a manager's portable record, its share links and its import."""
