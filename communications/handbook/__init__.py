"""The NHS values handbook (R2): versions, what each value means per management level, attestations."""
