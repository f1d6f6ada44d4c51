"""Key derivation, key wrapping, recovery keys and handling of secret buffers."""
