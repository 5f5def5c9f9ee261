"""The push engine without a server: splitting the .ics, the password, and what gets imported."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import icalendar
import keyring
import keyring.backend
import keyring.backends.fail
import pytest

from pumpplan.errors import InputError, Phrase
from pumpplan.push.auth import password
from pumpplan.push.resources import plan_resources, server_resource
from pumpplan.push.sync import Change, SyncConflict, SyncResult
from tests.push.servers import BASE, events_of, plan

URL = "https://dav.example.org/remote.php/dav/"


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring holding one entry, like the OS keyring after `keyring set pumpplan ana@dav.example.org`."""

    priority = 1

    def get_password(self, service: str, username: str) -> str | None:
        return "from-keyring" if (service, username) == ("pumpplan", "ana@dav.example.org") else None

    def set_password(self, service: str, username: str, password: str) -> None:
        raise NotImplementedError

    def delete_password(self, service: str, username: str) -> None:
        raise NotImplementedError


@pytest.fixture
def use_keyring() -> Iterator[None]:
    """Restore the keyring backend the test replaces."""
    before = keyring.get_keyring()
    yield
    keyring.set_keyring(before)


def asked(answer: str, questions: list[str]) -> object:
    def prompt(question: Phrase) -> str:
        questions.append(str(question))  # the English; the command line asks in her language
        return answer

    return prompt


@pytest.mark.usefixtures("use_keyring")
def test_password_comes_from_the_environment_then_the_keyring_then_the_prompt() -> None:
    keyring.set_keyring(MemoryKeyring())
    questions: list[str] = []
    env = {"PUMPPLAN_CALDAV_PASSWORD": "from-env"}
    assert password(URL, "ana", env, asked("typed", questions)) == "from-env"
    assert password(URL, "ana", {}, asked("typed", questions)) == "from-keyring"
    assert password(URL, "bob", {}, asked("typed", questions)) == "typed"
    assert questions == ["CalDAV password for bob@dav.example.org: "]
    assert password(URL, "bob", {}, None) is None
    assert password(URL, "bob", {}, asked("", questions)) is None
    assert password(URL, None, {}, asked("typed", questions)) is None


@pytest.mark.usefixtures("use_keyring")
def test_a_keyring_without_a_backend_counts_as_no_password() -> None:
    keyring.set_keyring(keyring.backends.fail.Keyring())
    with pytest.raises(keyring.errors.NoKeyringError):
        keyring.get_password("pumpplan", "ana@dav.example.org")
    questions: list[str] = []
    assert password(URL, "ana", {}, asked("typed", questions)) == "typed"
    assert password(URL, "ana", {}, None) is None


def test_the_plan_is_split_into_one_stamped_resource_per_event() -> None:
    ics = plan(*BASE)
    resources = plan_resources(ics, "Ana Example")
    assert sorted(resources) == sorted(events_of(ics))
    for uid, resource in resources.items():
        parsed = icalendar.Calendar.from_ical(resource.body)
        [event] = parsed.walk("VEVENT")
        assert str(event["UID"]) == uid
        assert str(event["X-PUMPPLAN-PLAN"]) == "Ana Example"
        assert len(str(event["X-PUMPPLAN-HASH"])) == 64
        assert [str(tz["TZID"]) for tz in parsed.walk("VTIMEZONE")] == ["America/Los_Angeles"]
        assert "METHOD" not in parsed
        assert resource.title == str(event["SUMMARY"])
        assert resource.start == event["DTSTART"].dt


def test_the_same_plan_later_compares_equal_though_its_stamps_differ() -> None:
    first = plan_resources(plan(*BASE), "Ana Example")
    later = plan(*BASE).replace(b"SEQUENCE:", b"SEQUENCE:1").replace(b"DTSTAMP:2", b"DTSTAMP:1")
    assert {uid: r.canonical for uid, r in plan_resources(later, "Ana Example").items()} == {
        uid: r.canonical for uid, r in first.items()
    }


@pytest.mark.parametrize(
    ("ics", "plan_id", "message"),
    [
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", "Ana", "cannot be read"),
        (None, "  ", "The plan id is empty"),
        (None, "Ana\x07", "contains a control character"),
        (b"X-PUMPPLAN-PLAN:Someone else\r\n", "Ana", "belongs to plan 'Someone else', not 'Ana'"),
    ],
)
def test_an_unusable_plan_or_plan_id_is_an_input_error(ics: bytes | None, plan_id: str, message: str) -> None:
    source = plan(*BASE)
    if ics is not None and ics.startswith(b"X-"):
        ics = source.replace(b"TRANSP:", ics + b"TRANSP:", 1)
    with pytest.raises(InputError, match=message):
        plan_resources(source if ics is None else ics, plan_id)


def test_a_conflict_names_the_event_and_its_local_time_and_what_was_done() -> None:
    start = events_of(plan(*BASE))
    resume = next(e for e in start.values() if str(e["SUMMARY"]) == "Resume breastfeeding")
    change = Change("update", str(resume["UID"]), "Resume breastfeeding", resume["DTSTART"].dt)
    done = SyncResult(created=(change, change))
    error = SyncConflict(change, done, more=2)
    assert error.exit_code == 1
    assert str(error) == (
        "'Resume breastfeeding' on Sun Dec 8 10:40 (and 2 more events) was changed in the calendar since "
        "pumpplan wrote it. The push stopped and left it as it is; done before stopping: "
        "2 created, 0 updated, 0 deleted. Delete that event in your calendar app, then push again"
    )


def test_loading_pumpplan_and_the_push_modules_imports_no_caldav_keyring_or_icalendar() -> None:
    code = (
        "import sys, pumpplan.cli, pumpplan.push.sync, pumpplan.push.auth, pumpplan.push.resources; "
        "loaded = {'caldav', 'keyring', 'icalendar', 'niquests'} & set(sys.modules); "
        "assert not loaded, loaded"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_plan_id_with_commas_semicolons_and_accents_reads_back_as_the_same_plan() -> None:
    plan_id = "Doe, Jane; Ñúñez"
    for resource in plan_resources(plan(*BASE), plan_id).values():
        back = server_resource(resource.body, "https://dav.example.org/x.ics", '"1"', plan_id)
        assert back is not None
        assert (back.plan, back.edited, back.canonical) == (plan_id, False, resource.canonical)
        assert server_resource(resource.body, "", None, "Doe, Jane").plan is None
