"""Hostile text for the fuzzers: any code point (lone surrogates included), with extra weight on
the characters that break things: NUL and other controls, escape sequences, bidi controls,
combining marks, byte-order marks, line and paragraph separators, Cyrillic letters."""

from __future__ import annotations

import os

from hypothesis import strategies as st


def examples(n: int) -> int:
    """A test's own example budget: ``n`` in CI, twenty times that with ``HYPOTHESIS_PROFILE=deep``."""
    return n * (20 if os.environ.get("HYPOTHESIS_PROFILE") == "deep" else 1)


NASTY = [
    "\x00",
    "\ud800",
    "\udfff",
    "\udbff\udc00",  # a valid pair, written as two surrogates
    "\x1b[2J",
    "\x1b]0;title\x07",
    "\x9b31m",
    "\x7f",
    "\x85",
    "\u2028",
    "\u2029",
    "\u202e",
    "\u2066",
    "\u200b",
    "\ufeff",
    "\ufffd",
    "\uffff",
    "\u0301\u0301\u0301",
    "\r",
    "\r\n",
    "\t",
    "\v",
    "\f",
    "\n",
    "\n\n",
    ". ",
    "<script>alert(1)</script>",
    "&#0;",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
]
WORDS = ["Путин", "Алиев", "Душанбе", "встретились", "октября", "2025", "Ильхам", "сказал", "«", "»", "—"]

pieces = st.one_of(
    st.sampled_from(NASTY),
    st.sampled_from(WORDS).map(lambda w: w + " "),
    st.text(alphabet=st.characters(), max_size=20),  # any code point, surrogates included
    st.characters(codec="utf-8"),
)
hostile_text = st.lists(pieces, max_size=40).map("".join)
# one long line without breaks: a piece repeated up to a megabyte
long_line = st.builds(
    lambda piece, size: (piece * (size // max(1, len(piece)) + 1))[:size],
    st.sampled_from(["а", "слово ", "Путин встретился с Алиевым. ", "\u0301", "x\u202e", "\x00a"]),
    st.integers(min_value=10_000, max_value=2**20),
)
any_text = st.one_of(hostile_text, hostile_text, hostile_text, long_line)


def to_bytes(text: str, encoding: str) -> bytes:
    return text.encode(encoding, errors="surrogatepass" if encoding.startswith("utf") else "replace")


encodings = st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1251", "koi8-r", "latin-1"])
hostile_bytes = st.one_of(
    st.builds(to_bytes, any_text, encodings),
    st.binary(max_size=4096),
)
