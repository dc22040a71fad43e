"""Kith's letters: building a message with both parts, rendering the digest, sending by SMTP.

An edge like the CLI and the web: it reads the facade's typed results and never the store.
The tip letter of the counselor server is meant to reuse `message` and `smtp` as they are."""
