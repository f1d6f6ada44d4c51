"""Self-assessments as data: definitions in resources/assessments/*.json, a small rule engine
that decides which items show and how answers are scored, and storage of runs."""
