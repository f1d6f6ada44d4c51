"""Version 5: a covering index for the journal list.

A list page (id, date, kind, title, the first 120 characters of the body, mood, word count)
used to read each entry's table row, a page or more per entry because the whole body lives
there; on the vault every such page is decrypted and authenticated. This index holds exactly
what a page shows, about 20 entries per page, newest first. The expression must stay
character-for-character what ``goldseam.domain.journal`` selects (``substr(e.body, 1, 120)``);
a test checks that the list query is answered from this index alone.
"""

from __future__ import annotations

from typing import Any

STATEMENTS = ("CREATE INDEX entry_list ON entry(written_at, id, kind, title, substr(body, 1, 120), mood, word_count)",)


def apply(conn: Any) -> None:
    for statement in STATEMENTS:
        conn.execute(statement)
