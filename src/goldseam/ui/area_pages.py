"""The pages of the unlocked window, in navigation order (Settings is added last)."""

from __future__ import annotations

from goldseam.ui.checkins.checkins_page import CheckinsPage
from goldseam.ui.dashboard.dashboard_page import DashboardPage
from goldseam.ui.growth.growth_page import GrowthPage
from goldseam.ui.journal.journal_page import JournalPage
from goldseam.ui.pages.shell_page import ShellPage
from goldseam.ui.pages.today_page import TodayPage
from goldseam.ui.plans.plans_page import PlansPage
from goldseam.ui.services import AppServices
from goldseam.ui.space.space_page import SpacePage


def build_area_pages(services: AppServices) -> list[ShellPage]:
    return [
        TodayPage(services),
        JournalPage(services),
        SpacePage(services),
        GrowthPage(services),
        CheckinsPage(services),
        DashboardPage(services),
        PlansPage(services),
    ]
