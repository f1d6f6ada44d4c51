"""The pages of the unlocked window, in navigation order (Settings is added last)."""

from __future__ import annotations

from goldseam.i18n import _
from goldseam.ui.pages.area_intro_page import AreaIntroPage
from goldseam.ui.pages.shell_page import ShellPage
from goldseam.ui.services import AppServices


def build_area_pages(services: AppServices) -> list[ShellPage]:
    return [
        AreaIntroPage(
            services,
            lambda: _("Today"),
            lambda: _(
                "Today will gather your prompt for the day, your next small step and how your mood "
                "has been. It arrives with the journal."
            ),
        ),
        AreaIntroPage(
            services,
            lambda: _("Journal"),
            lambda: _("Your private journal, urge log and unsent drafts will live here."),
        ),
        AreaIntroPage(
            services,
            lambda: _("Check-ins"),
            lambda: _(
                "Short, structured check-ins will help you understand why it ended and whether you're "
                "ready, safety first."
            ),
        ),
        AreaIntroPage(
            services,
            lambda: _("Plans"),
            lambda: _("Planning for moving forward, or for reconnecting if you both want to, will live here."),
        ),
    ]
