"""Import from jrnl, Day One and Markdown; export to jrnl-compatible JSON and Markdown (Qt-free).

``importing.plan_import`` only reads files and reports, per file, what it found or why the file
cannot be used; ``importing.apply_import`` writes a clean plan in one transaction. Exports are
written straight to the chosen path through an atomic write in the same folder.
"""
