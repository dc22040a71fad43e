"""The web app's password: set with `kith passwd`, kept only as an argon2 hash.

The hash lives next to config.toml (in the config folder, or in KITH_HOME), in a file
only its owner may read.
"""

from __future__ import annotations

import os
from pathlib import Path

from kith.errors import InvalidInput
from kith.settings import Settings

MIN_LENGTH = 8


def password_file(settings: Settings) -> Path:
    """Where the password hash is kept: `web-password` beside the config file."""
    return settings.config_file.parent / "web-password"


def set_password(settings: Settings, password: str) -> Path:
    """Hash `password` with argon2 and keep the hash (never the password); returns the file."""
    from argon2 import PasswordHasher

    if len(password) < MIN_LENGTH:
        raise InvalidInput(
            f"A password needs at least {MIN_LENGTH} characters.", "Choose a longer one."
        )
    path = password_file(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(PasswordHasher().hash(password) + "\n")
    return path


def clear_password(settings: Settings) -> bool:
    """Forget the password; True when there was one."""
    path = password_file(settings)
    if path.exists():
        path.unlink()
        return True
    return False


def stored_hash(settings: Settings) -> str | None:
    """The argon2 hash set with `kith passwd`, or None."""
    try:
        text = password_file(settings).read_text().strip()
    except FileNotFoundError:
        return None
    return text or None


def verify(password_hash: str, password: str) -> bool:
    """Whether `password` is the one `password_hash` was made from."""
    from argon2 import PasswordHasher
    from argon2.exceptions import InvalidHashError, VerificationError

    try:
        return PasswordHasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
