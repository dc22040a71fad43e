"""Phone numbers: the one normaliser every part of Kith uses, and the region a national
number (one written without +) is read in.

A number becomes E.164 when it can be read as a possible number: with its own country
code, or in the default region. The region comes from the user's own phone, then the
locale, then the `region` setting (docs/importing.md, "Phones").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

_MIN_DIGITS = 6  # fewer than this is an extension or a typo, not a phone number
_LOCALE = re.compile(r"^[a-z]{2,3}[_-]([A-Z]{2})\b")


@lru_cache(maxsize=1 << 16)
def phone_key(number: str, region: str | None = None) -> str | None:
    """A phone number in E.164, or None when it cannot be read as a possible number.
    (Cached: an import meets each number several times, and parsing one is slow.)"""
    import phonenumbers

    digits = re.sub(r"[^\d+]", "", number)
    if len(digits.lstrip("+")) < _MIN_DIGITS:
        return None
    try:
        parsed = phonenumbers.parse(number, region.upper() if region else None)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(parsed):
        return None
    return str(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164))


def region_of(number: str) -> str | None:
    """The region (ISO country code) of an international number, e.g. "US" for +1 415…"""
    import phonenumbers

    if not number.strip().startswith("+"):
        return None
    try:
        region = phonenumbers.region_code_for_number(phonenumbers.parse(number, None))
    except phonenumbers.NumberParseException:
        return None
    return str(region) if region and region != "ZZ" else None


def region_of_locale(name: str) -> str | None:
    """The country of a locale name: "US" for "en_US.UTF-8", None for "C.UTF-8"."""
    found = _LOCALE.match(name.strip())
    return found.group(1) if found else None


def default_region(my_phones: Iterable[str], locale: str | None, setting: str | None) -> str | None:
    """The region national numbers are read in: the user's own phone's, else the locale's,
    else the `region` setting's."""
    for number in my_phones:
        if region := region_of(number):
            return region
    return region_of_locale(locale or "") or (setting.upper() if setting else None)
