"""WARC files: HTML response records become articles; other records are passed over."""

from __future__ import annotations

import io

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tidings.errors import InputError
from tidings.ingest import read_bytes, read_paths

PAGE = """<html><head><title>{title}</title></head><body><nav>Home | World | Sport</nav><article>
<h1>{title}</h1>
<p>{lead}</p>
<p>Officials said the work would take several weeks and that residents should expect delays on nearby roads.</p>
<p>A spokesperson for the regional council said more details would be published on its website later in the week.</p>
</article><footer>Contact us</footer></body></html>"""


def _warc(records: list[tuple[str, str, str, bytes]], gzip: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for url, status, content_type, body in records:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    writer.write_record(writer.create_warc_record("https://news.example/a", "request",
                                                  payload=io.BytesIO(b"GET /a HTTP/1.1\r\n\r\n")))
    return buffer.getvalue()


def _page(title: str, lead: str) -> bytes:
    return PAGE.format(title=title, lead=lead).encode()


RECORDS = [
    ("https://news.example/a", "200 OK", "text/html; charset=utf-8",
     _page("Dam repairs begin", "Engineers began repairing the dam above Tavir on Thursday, the water board said.")),
    ("https://news.example/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40),
    ("https://news.example/old", "301 Moved Permanently", "text/html", b"<html>moved</html>"),
    ("https://news.example/gone", "404 Not Found", "text/html", _page("Not found", "Nothing here at all.")),
    ("https://news.example/b", "200 OK", "text/html",
     _page("Ferry service resumes", "The ferry between Orlo and Castel resumed on Friday after a week of storms.")),
]


def test_warc_reads_successful_html_responses_only() -> None:
    for gzip, name in ((False, "crawl.warc"), (True, "crawl.warc.gz")):
        items = list(read_bytes(name, _warc(RECORDS, gzip)))
        assert all(not isinstance(i, InputError) for i in items), items
        assert [a.url for a in items] == ["https://news.example/a", "https://news.example/b"]
        assert "Engineers began repairing the dam above Tavir" in items[0].text
        assert "Contact us" not in items[0].text
        assert items[0].source_path.startswith(f"{name}#")


def test_warc_truncated_archive_keeps_earlier_records_and_reports_the_rest(tmp_path) -> None:
    data = _warc(RECORDS, gzip=True)
    path = tmp_path / "cut.warc.gz"
    start_of_last_page = len(_warc(RECORDS[:-1], gzip=True)) - len(_warc([], gzip=True))
    path.write_bytes(data[: start_of_last_page + 100])
    items = list(read_paths([str(path)]))
    articles = [i for i in items if not isinstance(i, InputError)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [a.url for a in articles] == ["https://news.example/a"]
    assert len(errors) == 1 and errors[0].path.startswith(str(path))


def test_warc_that_is_not_a_warc_is_an_error_naming_it() -> None:
    [error] = read_bytes("notes.warc", b"just some words, not an archive\n" * 5)
    assert isinstance(error, InputError) and error.path == "notes.warc"
