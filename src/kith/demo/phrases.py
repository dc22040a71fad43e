"""Sentence templates: interaction summaries and notes, ledger entries, follow-ups."""

from __future__ import annotations

from kith.core.interactions import Kind
from kith.core.ledger import Direction, GiveKind

# --------------------------------------------------------------------------- interactions

SUMMARIES: dict[Kind, tuple[str, ...]] = {
    Kind.COFFEE: (
        "Coffee at {place}: talked about {topic}",
        "Coffee at {place}; {first} wanted advice on {topic}",
        "Quick coffee near the {org} office: caught up on {topic}",
        "Coffee at {place}, mostly about {topic}",
    ),
    Kind.MEAL: (
        "Lunch at {place}: talked about {topic}",
        "Dinner at {place}; caught up on family and work",
        "Breakfast at {place} before {poss} flight",
        "Lunch near the {org} office: {topic}",
    ),
    Kind.MEETING: (
        "Meeting at {org} about {topic}",
        "Whiteboard session on {topic}",
        "Met at {org} to talk about the {opening} role",
        "Quarterly catch-up at {org}",
    ),
    Kind.VIDEO: (
        "Video call: {topic}",
        "Zoom catch-up about {poss} work at {org}",
        "Video call to prep {poss} talk on {topic}",
    ),
    Kind.CALL: (
        "Call about the {opening} role at {org}",
        "Phone catch-up; {first} is thinking about {topic}",
        "Quick call to swap notes on {topic}",
    ),
    Kind.EVENT: (
        "Ran into {first} at {place} {year}",
        "Both at {place} {year}; chatted about {topic}",
    ),
    Kind.MESSAGE: (
        "Messaged about {topic}",
        "Sent {obj} a link about {topic}",
        "Congratulated {obj} on the news at {org}",
        "WhatsApp thread about {topic}",
        "Quick back-and-forth about weekend plans",
    ),
    Kind.EMAIL: (
        "Email thread about {topic}",
        "Sent a thank-you note",
        "Shared notes on {topic}",
        "Email about the {opening} role at {org}",
    ),
    Kind.OTHER: (
        "Sent a birthday card",
        "Swapped podcast recommendations",
        "Played chess online",
        "Swapped book recommendations on {topic}",
    ),
}
GROUP_SUMMARIES: dict[Kind, tuple[str, ...]] = {
    Kind.MEAL: ("Team lunch with {names} at {place}", "Dinner at {place} with {names}"),
    Kind.MEETING: ("Planning session at {org} with {names}", "Workshop with {names} on {topic}"),
    Kind.VIDEO: ("Video call with {names} about {topic}",),
    Kind.EVENT: ("At {place} {year} with {names}",),
    Kind.EMAIL: ("Email thread with {names} about {topic}",),
    Kind.COFFEE: ("Coffee with {names} at {place}",),
}


FIRST_MEETING: dict[str, tuple[Kind, str]] = {
    "conference": (Kind.EVENT, "Met at {where}: talked about {topic}"),
    "meetup": (Kind.EVENT, "Met at {where}"),
    "colleague": (Kind.MEETING, "First project together at {org}"),
    "university": (Kind.MEETING, "Met at {where}"),
    "intro": (Kind.VIDEO, "Intro call: {introducer} connected us"),
    "linkedin": (Kind.MESSAGE, "{first} reached out on LinkedIn"),
    "neighbour": (Kind.OTHER, "Met at the street party in {city}"),
    "party": (Kind.EVENT, "Met at a friend's party"),
}
FOLLOW_THROUGH = (
    (Kind.EMAIL, "Follow-up email after we met: {topic}"),
    (Kind.MESSAGE, "Thanks-for-the-chat message"),
    (Kind.OTHER, "Connected on LinkedIn"),
)
INTERACTION_NOTES = (
    "Promised to send the deck.",
    "Follow up in a month.",
    "{first} recommended a book on {topic}.",
    "Owe {obj} an intro.",
    "Sounded stretched at work; check in soon.",
    "{first} seems to be thriving at {org}.",
    "Mentioned {poss} team might be hiring.",
    "{first} paid; next one is on me.",
)


# --------------------------------------------------------------------------- ledger

_MY_ORG = "Northwind Health"  # the demo user's employer, as in `me.generate_me`

LEDGER_TEXT: dict[Direction, dict[GiveKind, tuple[str, ...]]] = {
    Direction.I_GAVE: {
        GiveKind.INTRODUCTION: ("Introduced {obj} to {other}", "Connected {obj} with {other}"),
        GiveKind.REFERRAL: ("Referred {obj} for the {opening} role at {elsewhere}",),
        GiveKind.JOB_LEAD: ("Sent {obj} the {opening} opening at {elsewhere}",),
        GiveKind.ADVICE: (
            "Reviewed {poss} résumé",
            "Gave feedback on {poss} pitch deck",
            "Talked through {poss} offer negotiation",
            "Advice on {topic}",
        ),
        GiveKind.ARTICLE: ("Sent {obj} a good piece on {topic}",),
        GiveKind.ENDORSEMENT: (
            "Wrote {obj} a LinkedIn recommendation",
            "Was a reference for {obj}",
        ),
        GiveKind.FAVOR: ("Proofread {poss} blog post", "Lent {obj} my conference pass"),
    },
    Direction.THEY_GAVE: {
        GiveKind.INTRODUCTION: ("Introduced me to {other}",),
        GiveKind.REFERRAL: ("Referred me for the {opening} role at {org}",),
        GiveKind.JOB_LEAD: ("Tipped me off about the {opening} opening at {org}",),
        GiveKind.ADVICE: ("Reviewed my résumé", "Gave me feedback on my talk", "Advice on {topic}"),
        GiveKind.ARTICLE: ("Sent me a great read on {topic}",),
        GiveKind.ENDORSEMENT: ("Wrote me a LinkedIn recommendation",),
        GiveKind.FAVOR: ("Hosted me when I visited {city}", "Got me a ticket to {conference}"),
        GiveKind.OTHER: ("Shared {poss} hiring rubric",),
    },
    Direction.I_ASKED: {
        GiveKind.INTRODUCTION: ("Asked for an intro to {other}",),
        GiveKind.REFERRAL: ("Asked for a referral at {org}",),
        GiveKind.ADVICE: ("Asked for advice on {topic}", "Asked {obj} to review my talk proposal"),
        GiveKind.ENDORSEMENT: ("Asked {obj} to be a reference",),
        GiveKind.FAVOR: ("Asked {obj} to share our job post", "Asked {obj} to speak at our meetup"),
    },
    Direction.THEY_ASKED: {
        GiveKind.INTRODUCTION: ("Asked me for an intro to {other}",),
        GiveKind.REFERRAL: (f"Asked me for a referral at {_MY_ORG}",),
        GiveKind.JOB_LEAD: ("Asked if we are hiring a {opening}",),
        GiveKind.ADVICE: ("Asked me to review {poss} résumé", "Asked for advice on {topic}"),
        GiveKind.FAVOR: ("Asked me to speak at {poss} meetup", "Asked me to judge a hackathon"),
    },
}


# --------------------------------------------------------------------------- follow-ups

FOLLOWUP_TEXT = (
    "Send {obj} the deck we talked about",
    "Introduce {obj} to {other}",
    "Check in on how {poss} interviews went",
    "Share that article on {topic}",
    "Wish {obj} luck with the launch",
    "Send notes from our coffee",
    "Follow up on the {opening} role",
    "Reply to {poss} email about {topic}",
    "Book a catch-up lunch",
    "Return {poss} book",
    "Ask {obj} for feedback on the proposal",
    "Congratulate {obj} on the new role at {org}",
    "Ask how things are going in {city}",
)
