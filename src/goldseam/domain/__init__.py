"""Domain services: what the method says, independent of storage and of Qt."""
