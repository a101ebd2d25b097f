"""tidings: source-attributed event data from news.

>>> import tidings
>>> doc = tidings.extract("Egyptian police arrested dozens of protesters in Cairo.", published="2020-01-02")
>>> doc.article.published.isoformat()
'2020-01-02'
"""

from .model import Document
from .pipeline import Pipeline, extract
from .settings import Settings

__all__ = ["Document", "Pipeline", "Settings", "extract"]
__version__ = "0.1.0"
