"""The encrypted vault: header, SQLCipher connection policy, generations, backups."""
