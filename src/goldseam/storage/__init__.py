"""Schema, migrations and the data-access code that runs on the vault's worker thread."""
