"""The demo user's own profile."""

from __future__ import annotations

from kith.core.people import Me


def generate_me(seed: int) -> Me:
    """The demo user's own profile; fixed (seed is accepted for symmetry) so docs stay true."""
    del seed
    return Me(
        name="Sam Rivera",
        emails=["sam.rivera@example.com", "sam@northwindhealth.com"],
        offers=[
            "can review product specs and roadmaps",
            "intros to engineering leaders in the Bay Area",
            "happy to mentor first-time managers",
        ],
        needs=["hiring a senior backend engineer", "looking for design partners in healthcare"],
        goals=[
            "Reconnect with one dormant contact every week",
            "Give before asking: two introductions a month",
        ],
    )
