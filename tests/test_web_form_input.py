"""The editors' form reads what was sent strictly: a body it cannot read as sent is a 400 that says so.

Posted with the Flask test client as raw bytes, the way a browser, curl or a
misconfigured HTTP library would send them.
"""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from scorer.api import create_app
from werkzeug.test import TestResponse

from scorer import Scorer

from .test_web import Node, error_ties, parse

URLENCODED = "application/x-www-form-urlencoded"
HEADLINE = "Storm FURY hits coast"


def post(client: FlaskClient, data: bytes, content_type: str | None, path: str = "/", **headers: str) -> TestResponse:
    if content_type is not None:
        headers["Content-Type"] = content_type
    return client.post(path, data=data, headers=headers)


def alert(page: Node) -> str:
    found = [n for n in page.iter() if n.attrs.get("role") == "alert"]
    assert len(found) == 1
    return found[0].text()


def refused(response: TestResponse, status: int) -> Node:
    """The page of a refused post: `status`, HTML, an alert, and no result."""
    assert response.status_code == status
    assert response.mimetype == "text/html"
    page = parse(response.get_data(as_text=True))
    assert not [n for n in page.iter() if n.attrs.get("id") == "label"]  # nothing was scored
    return page


@pytest.mark.parametrize(
    ("data", "shown"),
    [
        (b"headline=%FF%FE", "\ufffd\ufffd"),  # percent-escapes of bytes that are not UTF-8
        (b"headline=caf\xe9+RIOTS", "caf\ufffd RIOTS"),  # raw Latin-1 bytes
        (b"headline=Storm+FURY&body=The+caf%E9+was+shut", None),  # a bad body, not only a bad headline
    ],
    ids=["percent-escaped", "raw-bytes", "body"],
)
def test_text_that_is_not_utf8_is_a_400_that_says_so(client: FlaskClient, data: bytes, shown: str | None) -> None:
    # Werkzeug read the first two as an empty headline (422 "empty") or as the literal text "%FF%FE" (scored).
    page = refused(post(client, data, URLENCODED), 400)
    message = alert(page)
    assert "UTF-8" in message and "�" in message
    if shown is not None:
        assert "headline" in message
        assert page.by_id("headline").text() == shown  # what could be read is shown back, not dropped
    else:
        assert "article body" in message
        assert page.by_id("headline").text() == "Storm FURY"
        assert page.by_id("body").text() == "The caf\ufffd was shut"


def test_the_fragment_for_live_scoring_refuses_the_same_way(client: FlaskClient) -> None:
    page = refused(post(client, b"headline=%FF%FE", URLENCODED, "/result"), 400)
    assert "UTF-8" in alert(page) and not page.find_all("form")


def test_a_form_declared_in_another_charset_is_shown_back_as_read_in_it(client: FlaskClient) -> None:
    page = refused(post(client, b"headline=Caf%E9+RIOTS", f"{URLENCODED}; charset=ISO-8859-1"), 400)
    assert "'iso-8859-1'" in alert(page) and "UTF-8" in alert(page)
    assert page.by_id("headline").text() == "Café RIOTS"
    utf16 = "headline=Café RIOTS&body=calm".encode("utf-16")  # even = and & are other bytes
    page = refused(post(client, utf16, f"{URLENCODED}; charset=utf-16"), 400)
    assert page.by_id("headline").text() == "Café RIOTS" and page.by_id("body").text() == "calm"


def test_ascii_text_in_an_ascii_compatible_charset_is_read(client: FlaskClient, scorer: Scorer) -> None:
    # Apache HttpClient declares ISO-8859-1 by default; plain ASCII means the same in it as in UTF-8.
    response = post(client, b"headline=Storm+FURY+hits+coast", f"{URLENCODED}; charset=ISO-8859-1")
    assert response.status_code == 200
    label = parse(response.get_data(as_text=True)).by_id("label").text().strip()
    assert label == scorer.score(HEADLINE).label.upper()


def test_an_unknown_charset_is_named_escaped(client: FlaskClient) -> None:
    response = post(client, b"headline=RIOTS", f'{URLENCODED}; charset="<script>x</script>"')
    page = refused(response, 400)
    assert "<script>x</script>" in alert(page)  # as text
    assert all(s.attrs.get("src") for s in page.find_all("script"))
    assert b"<script>x" not in response.data


def test_a_repeated_field_is_not_silently_cut_to_its_first_value(client: FlaskClient) -> None:
    page = refused(post(client, b"headline=Storm+FURY&headline=Calm+day", URLENCODED), 400)
    assert "2 'headline' fields" in alert(page)
    assert page.by_id("headline").text() == "Storm FURY\nCalm day"



@pytest.mark.parametrize(
    ("data", "field"),
    [
        (b"headline=Storm+FURY&headline=Calm+day", "headline"),
        (b"headline=Storm&body=a&body=b", "body"),
        (b"headline=caf%E9", "headline"),
        (b"headline=Storm+FURY&body=The+caf%E9+was+shut", "body"),
    ],
    ids=["repeated-headline", "repeated-body", "headline-not-utf8", "body-not-utf8"],
)
def test_a_form_error_about_one_field_is_tied_to_it(client: FlaskClient, data: bytes, field: str) -> None:
    ties = error_ties(refused(post(client, data, URLENCODED), 400))
    assert ties == {"headline": field == "headline", "body": field == "body"}


def test_a_form_error_about_the_whole_form_is_tied_to_no_field(client: FlaskClient) -> None:
    ties = error_ties(refused(post(client, b"headline=RIOTS", URLENCODED, **{"Content-Encoding": "gzip"}), 415))
    assert ties == {"headline": False, "body": False}

@pytest.mark.parametrize("content_type", ["text/plain", "application/json", "application/octet-stream", None])
def test_a_body_in_another_format_is_a_415_not_an_empty_headline(client: FlaskClient, content_type: str | None) -> None:
    data = b'{"headline": "Storm FURY"}' if content_type == "application/json" else b"headline=Storm+FURY"
    message = alert(refused(post(client, data, content_type), 415))
    assert "x-www-form-urlencoded" in message and "empty" not in message


def test_an_empty_post_still_asks_for_a_headline(client: FlaskClient) -> None:
    response = post(client, b"", None)
    assert response.status_code == 422 and "headline is empty" in alert(parse(response.get_data(as_text=True)))


def test_a_compressed_form_is_a_415(client: FlaskClient) -> None:
    message = alert(refused(post(client, b"headline=RIOTS", URLENCODED, **{"Content-Encoding": "gzip"}), 415))
    assert "compressed" in message


def test_too_many_fields_is_a_400(client: FlaskClient) -> None:
    data = b"&".join(b"f%d=x" % i for i in range(100)) + b"&headline=RIOTS"
    assert "fields" in alert(refused(post(client, data, URLENCODED), 400))


def multipart(*parts: tuple[str, bytes, str | None]) -> tuple[bytes, str]:
    boundary = "b0undary"
    out = b""
    for name, value, part_type in parts:
        out += f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n'.encode()
        if part_type:
            out += f"Content-Type: {part_type}\r\n".encode()
        out += b"\r\n" + value + b"\r\n"
    return out + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def test_multipart_is_read_strictly_too(client: FlaskClient, scorer: Scorer) -> None:
    data, content_type = multipart(("headline", "Storm FURY hits coast 🌊".encode(), None), ("body", b"", None))
    good = post(client, data, content_type)
    assert good.status_code == 200
    assert parse(good.get_data(as_text=True)).by_id("headline").text() == "Storm FURY hits coast 🌊"
    # Werkzeug replaced the bad bytes with U+FFFD and scored the result.
    data, content_type = multipart(("headline", b"Storm \xff FURY", None))
    page = refused(post(client, data, content_type), 400)
    assert "UTF-8" in alert(page) and page.by_id("headline").text() == "Storm \ufffd FURY"
    data, content_type = multipart(("headline", "Café FURY".encode("latin-1"), "text/plain; charset=latin-1"))
    page = refused(post(client, data, content_type), 400)
    assert "'latin-1'" in alert(page) and page.by_id("headline").text() == "Café FURY"
    data, content_type = multipart(("headline", b"Storm", None))
    assert "cut short" in alert(refused(post(client, data[:-10], content_type), 400))


def test_a_form_over_the_size_limit_is_the_form_page_not_json(scorer: Scorer) -> None:
    client = create_app({"SCORER_INSTANCE": scorer, "SCORER_MAX_REQUEST_BYTES": "2048"}).test_client()
    response = client.post("/", data={"headline": HEADLINE, "body": "word " * 1000})
    page = refused(response, 413)
    assert "2,048 bytes" in alert(page) and "go back" in alert(page)
    assert client.post("/v1/score", json={"headline": "x" * 3000}).mimetype == "application/json"


@pytest.mark.parametrize("body", ["\r\n", "   ", "\t\r\n\r\n"])
def test_a_blank_optional_body_is_no_body_not_an_error(client: FlaskClient, scorer: Scorer, body: str) -> None:
    # a line break left in the optional body box refused the headline: "The article body is empty"
    response = client.post("/", data={"headline": HEADLINE, "body": body})
    assert response.status_code == 200
    page = parse(response.get_data(as_text=True))
    assert page.by_id("label").text().strip() == scorer.score(HEADLINE).label.upper()
    assert not [n for n in page.iter() if n.attrs.get("role") == "alert"]
    assert not page.find_all("p", "body-score")  # no body analysis


def test_a_text_starting_with_a_line_break_is_shown_back_whole(client: FlaskClient) -> None:
    # the HTML parser drops a line break just after <textarea>; the page lost the text's first one
    page = parse(client.post("/", data={"headline": "\nStorm FURY", "body": "\n\nThe plan."}).get_data(as_text=True))
    assert page.by_id("headline").text() == "\nStorm FURY"
    assert page.by_id("body").text() == "\n\nThe plan."


def test_a_form_declared_in_a_slow_codec_is_shown_back_as_utf8(client: FlaskClient) -> None:
    """Python's punycode decoder is quadratic: a 1 MB form declared in it held a server thread for 89 s."""
    data = b"headline=x-" + b"a" * 200_000
    message = alert(refused(post(client, data, f"{URLENCODED}; charset=punycode"), 400))
    assert "'punycode'" in message
    page = parse(post(client, b"headline=bcher-kva", f"{URLENCODED}; charset=punycode").get_data(as_text=True))
    assert page.by_id("headline").text() == "bcher-kva"  # read as UTF-8; as punycode it was "bücher"


@pytest.mark.parametrize("charset", ["idna", "punycode", "undefined", "unicode_escape", "utf-7", "base64", "rot13"])
def test_an_odd_codec_named_as_the_charset_is_a_400_not_a_500(client: FlaskClient, charset: str) -> None:
    # idna, punycode and undefined raise UnicodeError even with errors="replace"
    for data in (b"headline=caf%E9+RIOTS", b"headline=RIOTS+%5Cx41+%2BAEE-+xn--caf-dma.com"):
        message = alert(refused(post(client, data, f"{URLENCODED}; charset={charset}"), 400))
        assert f"'{charset}'" in message
