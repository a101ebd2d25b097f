"""RSS and Atom files, plain and compressed (gzip, zstd): one article per entry."""

from __future__ import annotations

import datetime as dt
import gzip

import pytest
import zstandard

from tidings.errors import InputError
from tidings.ingest import read_bytes, read_paths

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Harbor Herald</title><link>https://herald.example/</link>
<item><title>Ferry workers strike in Eastport</title><link>https://herald.example/ferry?utm_source=rss</link>
<pubDate>Tue, 07 May 2024 09:30:00 GMT</pubDate>
<description><![CDATA[<p>Ferry workers in Eastport walked off the job on Tuesday.</p><p>The union said talks had failed.</p>
<p>This article originally appeared on Daily Lantern, May 6, 2024.</p>]]></description></item>
<item><title>Empty item</title><link>https://herald.example/empty</link><description><![CDATA[<p> </p>]]></description></item>
<item><title>Plain item</title><description>Council members in Vesna approved the new budget.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Meridian Post</title><id>urn:x</id><updated>2024-03-02T10:00:00Z</updated>
<entry><title>Delegations meet in Kellberg</title><id>urn:1</id><link href="https://post.example/a"/>
<updated>2024-03-02T10:00:00Z</updated><summary>Short summary.</summary>
<content type="html">&lt;p&gt;Delegations from two neighbouring states met in Kellberg on Saturday.&lt;/p&gt;&lt;p&gt;Both sides called the talks “useful”.&lt;/p&gt;</content>
</entry></feed>""".encode()


def test_feeds_rss_entries_become_articles_with_outlet_date_link_and_notice() -> None:
    items = list(read_bytes("news.rss", RSS))
    articles = [i for i in items if not isinstance(i, InputError)]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [a.title for a in articles] == ["Ferry workers strike in Eastport", "Plain item"]
    first = articles[0]
    assert first.outlet == "Harbor Herald" and first.published == dt.date(2024, 5, 7)
    assert first.url.startswith("https://herald.example/ferry")
    assert first.text.split("\n\n")[:2] == ["Ferry workers in Eastport walked off the job on Tuesday.",
                                            "The union said talks had failed."]
    assert "<" not in first.text
    assert first.syndication.original_outlet == "Daily Lantern"
    assert first.source_path == "news.rss#1"
    assert [e.path for e in errors] == ["news.rss#2"] and "no text" in errors[0].reason


def test_feeds_atom_prefers_full_content_over_summary() -> None:
    [article] = read_bytes("post.atom", ATOM)
    assert article.text.startswith("Delegations from two neighbouring states met in Kellberg")
    assert article.outlet == "Meridian Post" and article.published == dt.date(2024, 3, 2)


def test_feeds_non_feed_xml_is_one_error_naming_the_file() -> None:
    [error] = read_bytes("data.xml", b"<?xml version='1.0'?><inventory><item>bolts</item></inventory>")
    assert isinstance(error, InputError) and error.path == "data.xml"


@pytest.mark.parametrize("suffix, compress", [
    (".gz", gzip.compress),
    (".zst", lambda data: zstandard.ZstdCompressor().compress(data)),
])
def test_feeds_compressed_files_read_like_plain_ones(tmp_path, suffix, compress) -> None:
    (tmp_path / f"news.rss{suffix}").write_bytes(compress(RSS))
    (tmp_path / f"note.txt{suffix}").write_bytes(compress(b"Farmers blocked the ring road in Vesna."))
    plain = [a for a in read_bytes("news.rss", RSS) if not isinstance(a, InputError)]
    read = [a for a in read_paths([str(tmp_path)]) if not isinstance(a, InputError)]
    assert sorted(a.text for a in read) == sorted([a.text for a in plain] + ["Farmers blocked the ring road in Vesna."])
    assert {a.id for a in plain} <= {a.id for a in read}


def test_feeds_corrupt_compressed_file_is_an_error_naming_it(tmp_path) -> None:
    (tmp_path / "broken.rss.gz").write_bytes(gzip.compress(RSS)[:40])
    (tmp_path / "broken.txt.zst").write_bytes(b"(\xb5/\xfd not really zstd")
    errors = list(read_paths([str(tmp_path)]))
    assert sorted(e.path.rsplit("/", 1)[1] for e in errors) == ["broken.rss.gz", "broken.txt.zst"]
    assert all(isinstance(e, InputError) and "decompress" in e.reason for e in errors)
