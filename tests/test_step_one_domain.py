"""Space from the ex, urges, unsent messages and their respect check, goals, rumination, Today."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from goldseam import i18n
from goldseam.domain import goals, journal, message_check, prompts, rumination, space, today, unsent_messages
from goldseam.domain.journal import Entry, EntryKind
from goldseam.domain.message_check import Concern
from goldseam.domain.space import Alternative, Channel, ContactEvent, Initiator, Urge, UrgeKind
from goldseam.vault.opening import CreatedVault


@pytest.fixture
def conn(created: CreatedVault):  # type: ignore[no-untyped-def]
    return created.session.conn


def tx(conn, fn, *args):  # type: ignore[no-untyped-def]
    conn.execute("BEGIN")
    result = fn(conn, *args)
    conn.execute("COMMIT")
    return result


# -- space -------------------------------------------------------------------------------------------


def test_a_slip_is_logged_and_does_not_wipe_progress(conn) -> None:  # type: ignore[no-untyped-def]
    start = date(2026, 11, 1)
    tx(conn, space.start_space, start)
    for day in (1, 2, 3, 5):
        tx(conn, space.set_cared_for, date(2026, 11, day), True)
    before = space.summary(conn, date(2026, 11, 6))
    tx(conn, space.log_contact, ContactEvent("2026-11-04T21:00:00", Initiator.ME, Channel.MESSAGE, feeling=2))
    after = space.summary(conn, date(2026, 11, 6))
    assert before.days_cared_for == after.days_cared_for == 4
    assert after.contacts == 1 and after.contacts_started_by_me == 1
    assert after.days_since_start == 6


def test_writing_and_goal_steps_count_as_looking_after_yourself_but_venting_alone_does_not(conn) -> None:  # type: ignore[no-untyped-def]
    tx(conn, space.start_space, date(2026, 11, 1))
    tx(conn, journal.save_entry, Entry(written_at="2026-11-02T10:00:00", kind=EntryKind.GRATITUDE, title="x"))
    tx(conn, journal.save_entry, Entry(written_at="2026-11-03T10:00:00", kind=EntryKind.VENT, title="y"))
    goal_id = tx(conn, goals.save_goal, goals.Goal(goals.Area.HEALTH, "Walk", steps=[goals.Step("Buy shoes", 0)]))
    step_id = goals.goals(conn)[0].steps[0].id
    tx(conn, goals.set_step_done, step_id, date(2026, 11, 4))
    tx(conn, goals.add_checkin, goal_id, goals.CheckIn(date(2026, 11, 5), 3))
    days = space.cared_for_days(conn, date(2026, 11, 1))
    assert days == {date(2026, 11, 2), date(2026, 11, 4), date(2026, 11, 5)}


def test_urges_are_journal_entries_with_what_was_done_instead(conn) -> None:  # type: ignore[no-untyped-def]
    urge = Urge("2026-11-05T23:10:00", UrgeKind.CHECK_PROFILE, 4, (Alternative.WALK, Alternative.FRIEND), False, "late")
    entry_id = tx(conn, space.log_urge, urge)
    loaded = space.load_urge(conn, entry_id)
    assert loaded is not None and loaded.instead == (Alternative.WALK, Alternative.FRIEND) and loaded.intensity == 4
    entry = journal.load_entry(conn, entry_id)
    assert entry is not None and entry.kind is EntryKind.URGE and entry.body == "late"
    tx(conn, space.start_space, date(2026, 11, 1))
    assert space.summary(conn, date(2026, 11, 6)).urges_ridden_out == 1


def test_starting_space_again_closes_the_previous_period(conn) -> None:  # type: ignore[no-untyped-def]
    tx(conn, space.start_space, date(2026, 10, 1))
    tx(conn, space.start_space, date(2026, 11, 1))
    period = space.current_period(conn)
    assert period is not None and period.started_on == date(2026, 11, 1)
    assert conn.execute("SELECT count(*) FROM space_period WHERE ended_on IS NULL").fetchone()[0] == 1


# -- unsent messages ---------------------------------------------------------------------------------


def test_unsent_messages_cool_off_and_edits_restart_the_clock(conn) -> None:  # type: ignore[no-untyped-def]
    t0 = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
    message_id = tx(conn, unsent_messages.create, "I miss you.", t0)
    message = unsent_messages.load(conn, message_id)
    assert (
        message is not None
        and message.cooling(t0 + timedelta(hours=71))
        and not message.cooling(t0 + timedelta(hours=72))
    )
    tx(conn, unsent_messages.update, message_id, "I miss you, and I'm sorry.", t0 + timedelta(hours=70))
    edited = unsent_messages.load(conn, message_id)
    assert edited is not None and edited.cooling(t0 + timedelta(hours=100))
    assert unsent_messages.ready_to_reread(conn, t0 + timedelta(hours=150))[0].id == message_id
    tx(conn, unsent_messages.record_reread, message_id, unsent_messages.Reread.GLAD_I_WAITED, t0 + timedelta(hours=150))
    assert unsent_messages.ready_to_reread(conn, t0 + timedelta(hours=151)) == []
    tx(conn, unsent_messages.let_go, message_id)
    assert unsent_messages.all_messages(conn) == []


def test_cooling_period_is_configurable_inside_the_vault(created: CreatedVault) -> None:
    session = created.session
    session.set_vault_setting(unsent_messages.COOLING_SETTING, "24")
    assert unsent_messages.cooling_hours(session.conn) == 24
    session.set_vault_setting(unsent_messages.COOLING_SETTING, "nonsense")
    assert unsent_messages.cooling_hours(session.conn) == 72


@pytest.mark.parametrize(
    "text,concern",
    [
        ("Please come back, I can't live without you.", Concern.BEGGING),
        ("Give me one more chance.", Concern.BEGGING),
        ("You never listened. It's all your fault.", Concern.BLAME),
        ("After everything I did for you, this is how you treat me?", Concern.GUILT),
        ("I've been seeing someone new. You'll regret this.", Concern.JEALOUSY),
        ("You're a pathetic liar.", Concern.INSULTS),
        ("Answer me. Why won't you reply?", Concern.PRESSURE),
        ("I'm outside your place.", Concern.PRESSURE),
        ("Sometimes I don't want to live anymore.", Concern.DISTRESS),
        ("Reviens, je t'en supplie.", Concern.BEGGING),
        ("C'est ta faute, tu ne m'écoutes jamais.", Concern.BLAME),
        ("Si tu m'aimais vraiment, tu répondrais.", Concern.GUILT),
        ("J'ai rencontré quelqu'un, tu vas le regretter.", Concern.JEALOUSY),
        ("Espèce de connard.", Concern.INSULTS),
        ("Je suis devant chez toi, réponds.", Concern.PRESSURE),
        ("Parfois je veux mourir.", Concern.DISTRESS),
        ("Bitte komm zurück, ich kann nicht ohne dich leben.", Concern.BEGGING),
        ("Du hörst mir nie zu. Es ist alles deine Schuld.", Concern.BLAME),
        ("Wenn du mich wirklich lieben würdest, würdest du antworten.", Concern.GUILT),
        ("Ich habe jemanden kennengelernt, du wirst es bereuen.", Concern.JEALOUSY),
        ("Du bist so ein Arschloch.", Concern.INSULTS),
        ("Antworte mir endlich!", Concern.PRESSURE),
        ("Manchmal will ich nicht mehr leben.", Concern.DISTRESS),
        ("Vuelve, por favor, no puedo vivir sin ti.", Concern.BEGGING),
        ("Nunca me escuchas. Todo es culpa tuya.", Concern.BLAME),
        ("Si de verdad me quisieras, me contestarías.", Concern.GUILT),
        ("Conocí a alguien, te vas a arrepentir.", Concern.JEALOUSY),
        ("Eres un imbécil.", Concern.INSULTS),
        ("Contéstame ya.", Concern.PRESSURE),
        ("A veces no quiero seguir viviendo.", Concern.DISTRESS),
        ("Volta, por favor, não consigo viver sem você.", Concern.BEGGING),
        ("Você nunca me escuta. A culpa é toda sua.", Concern.BLAME),
        ("Se você me amasse de verdade, responderia.", Concern.GUILT),
        ("Conheci alguém, você vai se arrepender.", Concern.JEALOUSY),
        ("Você é um idiota.", Concern.INSULTS),
        ("Me responde agora.", Concern.PRESSURE),
        ("Às vezes eu não quero mais viver.", Concern.DISTRESS),
    ],
)
def test_respect_check_flags_each_concern_in_each_language(text: str, concern: Concern) -> None:
    assert concern in message_check.concerns(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hi. I hope you're doing well. If you're ever open to a coffee, I'd like that — no pressure either way.",
        "I'm sorry for how I spoke to you in March. I've been working on it.",
        "Bonjour, j'espère que tu vas bien. Si un jour tu veux prendre un café, avec plaisir. Aucune obligation.",
        "Hallo, ich hoffe, es geht dir gut. Wenn du irgendwann Lust auf einen Kaffee hast, würde ich mich freuen.",
        "Hola, espero que estés bien. Si algún día te apetece un café, me encantaría, sin ninguna presión.",
        "Oi, espero que você esteja bem. Se um dia quiser tomar um café, eu adoraria, sem pressão nenhuma.",
    ],
)
def test_respectful_messages_raise_no_concern(text: str) -> None:
    assert message_check.check(text) == []


def test_distress_is_listed_first_and_every_concern_has_guidance() -> None:
    assert message_check.concerns("Answer me or I'll hurt myself")[0] is Concern.DISTRESS
    for concern in Concern:
        assert message_check.CONCERN_TITLES[concern] and message_check.CONCERN_GUIDANCE[concern]
    assert set(message_check.pattern_languages()) >= {"en", "fr", "de", "es", "pt"}
    finding = message_check.check("you always do this")[0]
    assert finding.phrase == "you always" and finding.start == 0


# -- goals -------------------------------------------------------------------------------------------


def test_goals_steps_checkins_and_the_next_small_step(conn) -> None:  # type: ignore[no-untyped-def]
    g1 = goals.Goal(goals.Area.HOBBIES, "Guitar", "for me", [goals.Step("Restring", 0), goals.Step("One song", 1)])
    g2 = goals.Goal(goals.Area.PEOPLE, "See friends", steps=[goals.Step("Text Sam", 0)])
    id1 = tx(conn, goals.save_goal, g1)
    tx(conn, goals.save_goal, g2)
    saved = {g.id: g for g in goals.goals(conn)}
    tx(conn, goals.set_step_done, saved[id1].steps[0].id, date(2026, 11, 2))
    step = goals.next_small_step(conn)
    assert step is not None and step[1].title == "One song", "the goal touched most recently leads"
    tx(conn, goals.add_checkin, id1, goals.CheckIn(date(2026, 11, 3), 4, "better"))
    tx(conn, goals.add_checkin, id1, goals.CheckIn(date(2026, 11, 10), 6))
    assert [c.progress for c in goals.checkins(conn, id1)] == [4, 6]
    edited = goals.goals(conn)[0]
    edited.steps = [edited.steps[1]]
    tx(conn, goals.save_goal, edited)
    assert [s.title for s in goals.goals(conn)[0].steps] == ["One song"]
    for area in goals.Area:
        assert goals.AREA_LABELS[area] and goals.AREA_EXAMPLES[area]


# -- rumination and Today ----------------------------------------------------------------------------


def long_why(n: int) -> str:
    return ("Why did this happen? I keep asking why. Why me, why now? " + "word " * 300)[: 2000 + n]


def test_rumination_is_noticed_only_for_several_long_why_heavy_entries(conn) -> None:  # type: ignore[no-untyped-def]
    today_ = date(2026, 11, 10)
    tx(conn, journal.save_entry, Entry(written_at="2026-11-09T22:00:00", kind=EntryKind.FREE, body=long_why(1)))
    assert rumination.check_rumination(conn, today_) is None
    tx(conn, journal.save_entry, Entry(written_at="2026-11-10T01:00:00", kind=EntryKind.FREE, body=long_why(2)))
    signal = rumination.check_rumination(conn, today_)
    assert signal is not None and signal.entries == 2
    assert rumination.why_count("Pourquoi ? Warum? ¿Por qué?") == 3


def test_short_or_gratitude_entries_are_not_rumination(conn) -> None:  # type: ignore[no-untyped-def]
    for day in range(3, 10):
        tx(
            conn,
            journal.save_entry,
            Entry(written_at=f"2026-11-{day:02d}T10:00:00", kind=EntryKind.FREE, body="Why? Why? Why?"),
        )
        tx(
            conn,
            journal.save_entry,
            Entry(written_at=f"2026-11-{day:02d}T11:00:00", kind=EntryKind.GRATITUDE, body=long_why(day)),
        )
    assert rumination.check_rumination(conn, date(2026, 11, 10)) is None


def test_today_brings_it_together(conn) -> None:  # type: ignore[no-untyped-def]
    day = date(2026, 11, 10)
    tx(conn, journal.save_entry, Entry(written_at="2026-11-09T10:00:00", kind=EntryKind.GRATITUDE, mood=4))
    tx(conn, journal.save_entry, Entry(written_at="2026-11-10T10:00:00", kind=EntryKind.PROMPT, mood=2))
    info = today.today_info(conn, day, datetime(2026, 11, 10, 12, tzinfo=UTC))
    assert info.entries_today == 1 and [m for _d, m in info.moods] == [4.0, 2.0]
    assert info.prompt.kind in (EntryKind.LESSONS, EntryKind.APART), "the kinds written least recently come first"
    assert info.rumination is None and info.next_step is None and info.messages_to_reread == 0


def test_prompts_are_translatable_and_rotate() -> None:
    library = prompts.library()
    assert {p.kind for p in library.prompts} == set(prompts.ROTATION)
    first = library.prompt_for_day(date(2026, 1, 1))
    assert library.prompt_for_day(date(2026, 1, 1)) == first
    other = library.next_prompt(first.kind, first.id)
    assert other.kind == first.kind and other.id != first.id
    i18n.set_language(i18n.PSEUDO_ACCENTED)
    assert first.text.startswith("⟦")
    for kind in EntryKind:
        assert library.help_for(kind)
