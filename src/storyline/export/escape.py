"""Escaping for every place text leaves the program, one helper per format.

Article text, titles, outlets, ids and file names come from untrusted input. Each output format
has its own helper, and every piece of such text passes through it:

- ``esc``: HTML text and attribute content (report.html);
- ``md_text`` and ``md_link``: Markdown (stories.md): no raw HTML, no link or image syntax from the
  text, links only to ``http(s)`` addresses;
- ``term_text``: the terminal (``storyline story``/``stories``): no control characters, no ANSI/OSC
  escape sequences, no bidi overrides;
- ``quote_name``: a file name (or ``path:line``) in a one-line message (problem lines, logs, errors),
  quoted when it holds anything that could break or forge a line.
"""

from __future__ import annotations

import re
from html import escape
from urllib.parse import quote, urlsplit

# ESC sequences: CSI (ESC [ ... final byte), OSC/DCS/PM/APC/SOS strings (ESC ] ... BEL or ST), and
# two-byte ESC x; the 8-bit CSI (U+009B) and OSC (U+009D) forms as well
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"  # CSI
    r"|\x9b[0-?]*[ -/]*[@-~]?"  # 8-bit CSI
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS, ...
    r"|\x1b[ -/]*[0-~]?"  # other ESC sequences (and a lone ESC)
)
# C0 and C1 control characters (line breaks and tabs included: a piece of text stays on its line),
# bidi embeddings, overrides and isolates (they reorder what the terminal shows)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_BREAK = re.compile(r"[\t\n\v\f\r\x1c-\x1e\x85\u2028\u2029]+")
# Markdown punctuation that can start emphasis, code, links, images, HTML or escapes
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#!|~])")
_MD_LINE_START = re.compile(r"^[-+=](?=\s|$)|^\d{1,9}[.)](?=\s|$)|^[-=](?=[-=]*$)")
_SAFE_SCHEMES = ("http", "https")


def esc(value: object) -> str:
    """``value`` as HTML text or attribute content (``None`` is empty)."""
    return escape("" if value is None else str(value), quote=True)


def plain_line(value: object) -> str:
    """``value`` as one line of plain text: escape sequences and control characters removed,
    line breaks and tabs turned into spaces (``None`` is empty)."""
    text = "" if value is None else str(value)
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = _BREAK.sub(" ", text)
    return _CONTROL.sub("", text)


def term_text(value: object) -> str:
    """``value`` safe to print on a terminal, on one line."""
    return plain_line(value)


def md_text(value: object) -> str:
    """``value`` as inline Markdown text that renders literally: HTML, link and image syntax and
    emphasis are escaped, and the text stays on one line."""
    text = plain_line(value).strip().replace("&", "&amp;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    # where the text may start a line: a list marker, an ordered-list number, a setext underline
    return _MD_LINE_START.sub(lambda m: m.group(0)[:-1] + "\\" + m.group(0)[-1], text)


def safe_url(value: object) -> str | None:
    """An ``http(s)`` address with a host, percent-encoded so that it cannot end a Markdown link
    early; None for anything else (``javascript:``, ``data:``, relative paths)."""
    if not isinstance(value, str):
        return None
    url = plain_line(value).strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in _SAFE_SCHEMES or not parts.netloc:
        return None
    return quote(url, safe="/:?#[]@!$&'*+,;=%-._~")


def md_link(label: object, url: object) -> str:
    """A Markdown link to ``url`` when it is an ``http(s)`` address, else the label as text."""
    target = safe_url(url)
    text = md_text(label)
    if target is None:
        return text
    target = target.replace("(", "%28").replace(")", "%29")
    return f"[{text}](<{target}>)"


def quote_name(value: object) -> str:
    """A file name or origin for a one-line message: as is when it is plain printable text, else in
    double quotes with every control, format and quote character escaped."""
    text = str(value)
    if text and text.isprintable() and not (set(text) & {'"', "\\"}) and text == text.strip():
        return text
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch.isprintable():
            out.append(ch)
        elif ord(ch) < 0x100:
            out.append({"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch, f"\\x{ord(ch):02x}"))
        elif ord(ch) < 0x10000:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(f"\\U{ord(ch):08x}")
    return '"' + "".join(out) + '"'
