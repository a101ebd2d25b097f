"""Events coded from the seed article (read from ../shared/seeds)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def events(seed_document):
    return seed_document.events


def _countries(refs) -> set[str]:
    return {r.country for r in refs if r.country}


def _ids(refs) -> set[str]:
    return {r.id for r in refs}


def _find(events, kind: str, trigger: str | None = None):
    return [e for e in events if e.type == kind and (trigger is None or e.trigger.text == trigger)]


def test_events_seed_israeli_aerial_strikes_on_isis_with_count(events):
    [strikes] = _find(events, "ASSAULT", "strikes")
    assert _countries(strikes.actors) == {"ISR"} and "MIL" in strikes.actors[0].sector
    assert "isis" in {r.id.split("-")[0].lower() for r in strikes.recipients} or any(
        "Islamic State" in r.name for r in strikes.recipients)
    assert strikes.mode == "aerial"
    assert strikes.magnitude.count >= 100 and strikes.magnitude.count_qualifier == "over"
    assert strikes.happened


def test_events_seed_israel_cooperates_with_egypt(events):
    pairs = [e for e in _find(events, "COOPERATE")
             if {"ISR", "EGY"} <= _countries(e.actors) and {"ISR", "EGY"} <= _countries(e.recipients)]
    assert pairs and all(e.trigger.text.lower() in {"alliance", "cooperation"} for e in pairs)


def test_events_seed_egypt_assaults_islamist_groups(events):
    egyptian = [e for e in _find(events, "ASSAULT") if "EGY" in _countries(e.actors)]
    assert egyptian, [(e.trigger.text, _ids(e.actors)) for e in _find(events, "ASSAULT")]
    groups = {r.id for e in egyptian for r in e.recipients}
    assert groups & {"isis", "hamas", "islamic_jihad"} or any(
        "extremist" in r.text.lower() for e in egyptian for r in e.recipients)


def test_events_seed_egyptian_forces_mobilize(events):
    [deployed] = _find(events, "MOBILIZE", "deployed")
    assert _countries(deployed.actors) == {"EGY"}
    assert {"MIL", "COP"} & {s for a in deployed.actors for s in a.sector}


def test_events_seed_ansar_beit_al_maqdis_pledges_to_islamic_state(events):
    [allegiance] = _find(events, "SUPPORT", "allegiance")
    assert any("Maqdis" in a.name for a in allegiance.actors)
    assert any("Islamic State" in r.name for r in allegiance.recipients)
    assert allegiance.happened


def test_events_seed_air_force_destroys_hamas_tunnel(events):
    found = [e for e in events if e.type in ("ASSAULT", "COERCE") and e.trigger.text == "destroyed"]
    [event] = found
    assert _countries(event.actors) == {"ISR"}
    assert any("Hamas" in r.name for r in event.recipients)


def test_events_seed_isis_rocket_attacks_on_israel(events):
    [attacks] = [e for e in _find(events, "ASSAULT", "attacks")
                 if any("Islamic State" in a.name for a in e.actors)]
    assert _countries(attacks.recipients) == {"ISR"} and attacks.mode == "artillery"
    assert attacks.happened and not _find(events, "ASSAULT", "claimed")


def test_events_seed_unconfirmed_cooperation_did_not_happen(events, seed_text):
    start = seed_text.index("Both Israel and Egypt have not confirmed")
    end = seed_text.index(".", start)
    inside = [e for e in events if start <= e.trigger.start < end]
    assert all(not e.happened for e in inside)
