"""The public entry points: :func:`extract` for one text, :class:`Pipeline` for batches."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from . import nlp as nlp_module
from .errors import InputError
from .ingest import make_article
from .model import Article, Document
from .settings import Settings

ErrorCallback = Callable[[InputError], None]


class Pipeline:
    """A loaded tidings pipeline; load it once and feed it many articles.

    >>> pipeline = Pipeline()
    >>> [doc] = pipeline.pipe(["Egyptian police arrested protesters in Cairo on Monday."])
    >>> doc.article.id == make_article("Egyptian police arrested protesters in Cairo on Monday.").id
    True
    """

    def __init__(self, settings: Settings | None = None, *, nlp: Language | None = None) -> None:
        self.settings = settings or Settings()
        self.nlp = nlp or nlp_module.load(self.settings)

    def process(self, article: Article) -> Document:
        """Run every stage on one article."""
        return _document(self.nlp(self.make_doc(article)))

    def pipe(
        self,
        items: Iterable[str | Article],
        *,
        on_error: ErrorCallback | None = None,
    ) -> Iterator[Document]:
        """Process articles (or plain texts) in batches; yields one :class:`Document` each.

        An article that fails is reported to ``on_error`` (or raised when there is none) and
        skipped; the others go on.
        """
        batch: list[Article] = []
        for item in items:
            batch.append(item if isinstance(item, Article) else make_article(item))
            if len(batch) >= self.settings.batch_size:
                yield from self._run_batch(batch, on_error)
                batch = []
        if batch:
            yield from self._run_batch(batch, on_error)

    def _run_batch(self, batch: list[Article], on_error: ErrorCallback | None) -> Iterator[Document]:
        docs: list[Doc] = []
        for article in batch:
            try:
                docs.append(self.make_doc(article))
            except InputError as error:
                self._report(error, on_error)
        done = 0  # each Doc becomes a Document as soon as it is processed: its caches die young
        try:
            for doc in self.nlp.pipe(docs, batch_size=self.settings.batch_size):
                document = _document(doc)
                done += 1
                yield document
        except Exception:  # one bad article must not sink the batch: the rest go one by one
            for doc in docs[done:]:
                article = doc._.article
                try:
                    document = self.process(article)
                except Exception as error:  # noqa: BLE001 - reported with the article named
                    self._report(
                        InputError(article.source_path or article.id, f"processing failed: {error!r}"),
                        on_error,
                    )
                else:
                    yield document

    def make_doc(self, article: Article) -> Doc:
        """A tokenised ``Doc`` of the article, carrying it as ``doc._.article``, not yet processed."""
        if len(article.text) > self.settings.max_chars:
            raise InputError(
                article.source_path or article.id,
                f"article has {len(article.text):,} characters, over the limit of "
                f"{self.settings.max_chars:,}",
                "split it, or raise Settings.max_chars",
            )
        doc = nlp_module.tokenize(self.nlp, article.text)
        doc._.article = article
        return doc

    @staticmethod
    def _report(error: InputError, on_error: ErrorCallback | None) -> None:
        if on_error is None:
            raise error
        on_error(error)


def _document(doc: Doc) -> Document:
    """The processed Doc as a :class:`Document`, its per-Doc caches released."""
    document = Document.from_doc(doc)
    nlp_module.release(doc)
    return document


@functools.cache
def default_pipeline() -> Pipeline:
    """The pipeline :func:`extract` uses: loaded with the default :class:`Settings` on first
    use and kept for the life of the process, since loading spaCy takes seconds.
    ``default_pipeline.cache_clear()`` drops it (the next call loads it anew)."""
    return Pipeline()


def extract(
    text: str,
    *,
    published: dt.date | str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    title: str | None = None,
) -> Document:
    """Extract source-attributed events from one article text.

    >>> doc = extract("Israeli jets struck targets in Gaza on Monday.", published="2024-03-06")
    >>> doc.article.published.isoformat()
    '2024-03-06'
    >>> doc.to_dict()["tidings"]
    '1'
    """
    article = make_article(text, published=published, url=url, outlet=outlet, title=title)
    return default_pipeline().process(article)
