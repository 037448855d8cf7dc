"""Reading the editors' form from a request strictly: nothing typed is lost or changed without saying so.

Werkzeug reads a form leniently: a body that is not UTF-8 became an empty
form, a percent-escape of bytes that are not UTF-8 (`%FF`) was kept as the
literal text `%FF`, a multipart field's bad bytes became U+FFFD, a declared
charset was ignored and a repeated field silently lost all but its first
value. The form then scored something other than what was sent, or said the
headline was empty. Here every such case is a `FormError` whose message says
what was wrong and which carries the text as best it could be read, so the
page can show it back to be corrected.
"""

from __future__ import annotations

import codecs
from collections.abc import Mapping
from urllib.parse import unquote_to_bytes

from flask import Request
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.http import parse_options_header
from werkzeug.sansio.multipart import Data, Epilogue, Field, File, MultipartDecoder, NeedData

from .scoring import read_body

__all__ = ["FIELDS", "FormError", "read_form"]

#: The form's text fields; other fields (a named button, a proxy's token) are ignored.
FIELDS = ("headline", "body")
#: Charsets read as UTF-8 (the page is UTF-8, so a browser sends the form in UTF-8).
UTF8_NAMES = frozenset({"utf-8", "utf8"})
_ASCII_BYTES = bytes(range(128))
_ASCII_TEXT = _ASCII_BYTES.decode("ascii")
_ESCAPES = rb"xn--caf-dma.\x41\u0041+AEE-"  # IDNA, Python escapes and UTF-7 read these as other text
_ESCAPES_TEXT = _ESCAPES.decode("ascii")
MALFORMED_MULTIPART = "The form's multipart body is malformed or cut short and could not be read; send it again."
FORM_TYPES = "application/x-www-form-urlencoded or multipart/form-data"


class FormError(Exception):
    """The form could not be read as sent: the HTTP status, a message for the editor, and the text as read.

    `field` names the form field the message is about, when it is about one.
    """

    def __init__(self, status: int, message: str, headline: str = "", body: str = "", field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headline = headline
        self.body = body
        self.field = field


#: Codecs a form's text may be decoded with to show it back (by their `codecs.lookup` names): the
#: charsets browsers send, all decoded in C in time linear in the text. A form declaring any other
#: is shown back as UTF-8: Python's punycode decoder takes time quadratic in its input (a 1 MB
#: form had held a server thread for 89 s), and other pure-Python codecs may be as slow.
SHOWN_CODECS = frozenset(
    """
    utf-8 utf-16 utf-16-le utf-16-be utf-32 utf-32-le utf-32-be ascii iso8859-1 iso8859-2 iso8859-3
    iso8859-4 iso8859-5 iso8859-6 iso8859-7 iso8859-8 iso8859-9 iso8859-10 iso8859-13 iso8859-14 iso8859-15
    iso8859-16 cp1250 cp1251 cp1252 cp1253 cp1254 cp1255 cp1256 cp1257 cp1258 cp437 cp850 cp866 cp874 koi8-r
    koi8-u mac-roman tis-620 shift_jis euc_jp iso2022_jp gb2312 gbk gb18030 big5 euc_kr
    """.split()
)


def _codec(charset: str) -> str | None:
    """The `codecs.lookup` name of `charset` if it is one of `SHOWN_CODECS`, else None."""
    try:
        name = codecs.lookup(charset).name
    except LookupError:
        return None
    return name if name in SHOWN_CODECS else None


def _ascii_compatible(charset: str) -> bool:
    """Whether `charset` reads ASCII bytes as ASCII, so a form of ASCII text means the same in it as in UTF-8."""
    if _codec(charset) is None:
        return False
    try:
        # The escapes first: a codec that reads them (unicode_escape) is not ASCII-compatible, and is
        # not asked to decode the invalid escapes in the full range, which it warns about.
        return _ESCAPES.decode(charset) == _ESCAPES_TEXT and _ASCII_BYTES.decode(charset) == _ASCII_TEXT
    except (LookupError, ValueError):  # ValueError: UnicodeError, raised by idna, punycode, undefined
        return False


def _lenient(raw: bytes, charset: str) -> str:
    """`raw` decoded as well as it can be, for showing back: in `charset` if it is one of
    `SHOWN_CODECS`, else as UTF-8."""
    return raw.decode(_codec(charset) or "utf-8", "replace")


def _decode(values: Mapping[str, list[bytes]], charset: str) -> dict[str, str]:
    """The form's fields as text; a `FormError` if a field is repeated or is not UTF-8 text."""
    shown = {name: "\n".join(_lenient(v, charset) for v in values.get(name, ())) for name in FIELDS}
    for name in FIELDS:
        if len(values.get(name, ())) > 1:
            raise FormError(
                400,
                f"The form sent {len(values[name])} '{name}' fields; send one. "
                "All of them are shown below, one a line.",
                **shown,
                field=name,
            )
    if charset not in UTF8_NAMES:
        plain = all(v.isascii() for name in FIELDS for v in values.get(name, ()))
        if not (plain and _ascii_compatible(charset)):
            # ASCII text means the same in any ASCII-compatible charset; anything else would be guessed.
            raise _charset_error(charset, shown)
    fields: dict[str, str] = {}
    for name in FIELDS:
        raw = values[name][0] if values.get(name) else b""
        try:
            fields[name] = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            label = "headline" if name == "headline" else "article body"
            raise FormError(
                400,
                f"The {label} is not valid UTF-8 text (byte {exc.start + 1:,} of it cannot be read), "
                "so it was not scored. The bytes that could not be read are shown below as �; "
                "correct the text and score it again.",
                **shown,
                field=name,
            ) from None
    return fields


def _charset_error(charset: str, shown: Mapping[str, str]) -> FormError:
    """The error for a form declared in a charset other than UTF-8, showing `shown` back."""
    return FormError(
        400,
        f"The form was sent in the character set {charset!r}; this page reads only UTF-8. "
        "The text below is shown as read in that character set: check it and score it again.",
        **shown,
    )


def _urlencoded(raw: bytes, max_fields: int) -> dict[str, list[bytes]]:
    """The form's fields' values as bytes, percent-escapes and `+` decoded."""
    pieces = raw.split(b"&", max_fields)
    if len(pieces) > max_fields:
        raise FormError(400, f"The form has more than {max_fields} fields; send the headline and the article body.")
    values: dict[str, list[bytes]] = {}
    for piece in pieces:
        if not piece:
            continue
        name, _, value = piece.partition(b"=")
        key = unquote_to_bytes(name.replace(b"+", b" ")).decode("utf-8", "replace")
        if key in FIELDS:
            values.setdefault(key, []).append(unquote_to_bytes(value.replace(b"+", b" ")))
    return values


def _multipart(raw: bytes, boundary: str, max_fields: int) -> tuple[dict[str, list[bytes]], str]:
    """The form's fields' values as bytes, and the charset their parts declare (UTF-8 if none)."""
    decoder = MultipartDecoder(boundary.encode("latin-1", "replace"), max_parts=max_fields)
    decoder.receive_data(raw)
    decoder.receive_data(None)
    values: dict[str, list[bytes]] = {}
    charset = "utf-8"
    name = ""
    chunks: list[bytes] = []
    try:
        event = decoder.next_event()
        while not isinstance(event, (Epilogue, NeedData)):
            if isinstance(event, (Field, File)):
                name, chunks = event.name, []
                declared = parse_options_header(event.headers.get("content-type", ""))[1].get("charset")
                if name in FIELDS and declared and declared.strip().lower() not in UTF8_NAMES:
                    charset = declared.strip().lower()
            elif isinstance(event, Data):
                chunks.append(event.data)
                if not event.more_data and name in FIELDS:
                    values.setdefault(name, []).append(b"".join(chunks))
            event = decoder.next_event()
    except RequestEntityTooLarge:
        raise FormError(
            400, f"The form has more than {max_fields} fields; send the headline and the article body."
        ) from None
    except ValueError:
        raise FormError(400, MALFORMED_MULTIPART) from None
    if isinstance(event, NeedData):
        raise FormError(400, MALFORMED_MULTIPART)
    return values, charset


def read_form(request: Request, max_fields: int) -> dict[str, str]:
    """The headline and body posted in `request` (blank when absent); a `FormError` if they cannot be read as sent."""
    encoding = (request.content_encoding or "").strip().lower()
    if encoding and encoding != "identity":
        raise FormError(415, f"The form was sent compressed ({encoding}); send it uncompressed.")
    try:
        raw = read_body(request)
    except RequestEntityTooLarge:
        limit = request.max_content_length or 0
        raise FormError(
            413,
            f"The form is larger than this server accepts ({limit:,} bytes), so none of it was read; "
            "go back to keep your text, and shorten the article body.",
        ) from None
    mimetype = request.mimetype
    if not mimetype and not raw:
        return dict.fromkeys(FIELDS, "")
    charset = request.mimetype_params.get("charset", "utf-8").strip().lower()
    if mimetype == "application/x-www-form-urlencoded":
        if charset not in UTF8_NAMES and not _ascii_compatible(charset):
            # In UTF-16 (say) even `=` and `&` are other bytes: the body is read whole in its
            # charset to show it back, and refused like any other charset but UTF-8.
            values = _urlencoded(_lenient(raw, charset).encode("utf-8", "replace"), max_fields)
            raise _charset_error(
                charset, {n: "\n".join(v.decode("utf-8", "replace") for v in values.get(n, ())) for n in FIELDS}
            )
        return _decode(_urlencoded(raw, max_fields), charset)
    if mimetype == "multipart/form-data":
        boundary = request.mimetype_params.get("boundary", "")
        if not boundary:
            raise FormError(400, "The form's multipart body has no boundary and could not be read; send it again.")
        values, charset = _multipart(raw, boundary, max_fields)
        return _decode(values, charset)
    shown = f" ({mimetype})" if mimetype else ""
    raise FormError(415, f"The form was sent in a format this page does not read{shown}; send it as {FORM_TYPES}.")
