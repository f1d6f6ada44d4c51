"""A gentle respect check for messages written to the ex.

Phrase patterns for every shipped language live in ``resources/message_check/<lang>.json``
and are all applied (people often write in a language other than the app's). Each finding
comes with kind, specific guidance — never a score, never a rewrite that makes a message
"work better" on the other person. A sign of the writer's own distress brings up help.
"""

from __future__ import annotations

import enum
import json
import re
from dataclasses import dataclass
from functools import lru_cache

from goldseam import app_paths
from goldseam.i18n import N_, _


class Concern(enum.StrEnum):
    BEGGING = "begging"
    BLAME = "blame"
    GUILT = "guilt"
    JEALOUSY = "jealousy"
    INSULTS = "insults"
    PRESSURE = "pressure"
    DISTRESS = "distress"


CONCERN_TITLES = {
    Concern.BEGGING: N_("Pleading"),
    Concern.BLAME: N_("Blame"),
    Concern.GUILT: N_("Guilt-tripping"),
    Concern.JEALOUSY: N_("Jealousy bait"),
    Concern.INSULTS: N_("Bad-mouthing"),
    Concern.PRESSURE: N_("Pressure to reply or meet"),
    Concern.DISTRESS: N_("You sound like you're hurting"),
}

CONCERN_GUIDANCE = {
    Concern.BEGGING: N_(
        "Pleading puts the other person under pressure and can leave you feeling smaller. If you want to say how "
        "you feel, say it once, simply, and leave them free to answer — or not."
    ),
    Concern.BLAME: N_(
        "“You always” and “you never” usually start a defence, not a conversation. If something needs saying, "
        "describe one specific moment and how it was for you."
    ),
    Concern.GUILT: N_(
        "Guilt can make someone respond, but not want to. You can own your feelings without making them "
        "responsible for fixing them."
    ),
    Concern.JEALOUSY: N_(
        "Hinting at other people, or at what they're missing, tends to push people away or start a power struggle. "
        "Say what you actually mean, or nothing for now."
    ),
    Concern.INSULTS: N_(
        "Harsh names are understandable when you're hurting, but they can't be unsaid, and shared words travel. "
        "The vent space in your journal is a private place for them."
    ),
    Concern.PRESSURE: N_(
        "Asking again for a reply, or turning up, can feel frightening to the other person, and repeated unwanted "
        "contact can become harassment. One message, then wait; no reply is an answer for now."
    ),
    Concern.DISTRESS: N_(
        "It sounds like you might be in a lot of pain right now. You don't have to carry it alone — “Get help now” "
        "lists people you can talk to today."
    ),
}

BOUNDARY_REMINDER = N_(
    "If they have said no, asked you not to contact them, or blocked you, there is nothing to send: their answer "
    "stands. This message can stay here, for you."
)


@dataclass(frozen=True)
class Finding:
    concern: Concern
    start: int
    end: int
    phrase: str

    @property
    def title(self) -> str:
        return _(CONCERN_TITLES[self.concern])

    @property
    def guidance(self) -> str:
        return _(CONCERN_GUIDANCE[self.concern])


@lru_cache(maxsize=1)
def _patterns() -> dict[Concern, list[re.Pattern[str]]]:
    folder = app_paths.resources_dir() / "message_check"
    compiled: dict[Concern, list[re.Pattern[str]]] = {c: [] for c in Concern}
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for concern, phrases in data["patterns"].items():
            for phrase in phrases:
                compiled[Concern(concern)].append(re.compile(phrase, re.IGNORECASE | re.UNICODE))
    return compiled


def _normalise(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'").replace("`", "'")


def check(text: str) -> list[Finding]:
    """Findings in the order they appear, at most one per concern per sentence span."""
    normalised = _normalise(text)
    findings: list[Finding] = []
    for concern, patterns in _patterns().items():
        seen: set[tuple[int, int]] = set()
        for pattern in patterns:
            for match in pattern.finditer(normalised):
                span = (match.start(), match.end())
                if any(s <= span[0] < e for s, e in seen):
                    continue
                seen.add(span)
                findings.append(Finding(concern, span[0], span[1], text[span[0] : span[1]]))
    return sorted(findings, key=lambda f: (f.start, f.concern))


def concerns(text: str) -> list[Concern]:
    """The distinct concerns found, distress first."""
    found = {f.concern for f in check(text)}
    return sorted(found, key=lambda c: (c != Concern.DISTRESS, list(Concern).index(c)))


def pattern_languages() -> list[str]:
    return sorted(p.stem for p in (app_paths.resources_dir() / "message_check").glob("*.json"))
