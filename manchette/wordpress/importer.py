"""The WordPress import: two passes over the export, each a stream.

The first pass reads authors, categories, tags and attachments (the pictures are imported,
once each: first_pass.py); the second turns posts into articles, with their pictures, comments
and old addresses (batches.py). New posts are written a hundred at a time; a batch that fails
is written again post by post, each in its own transaction: one that fails leaves nothing
behind and is a line in the report; the others go on. Running it again updates what changed in
WordPress, adds what is new, and leaves alone articles edited in Manchette since.
"""

from manchette.articles import imports as articles
from manchette.audio import services as audio

from .batches import SecondPass
from .first_pass import FirstPass
from .options import Options, read_section_map
from .report import Report
from .wxr import WXRError

__all__ = ["Importer", "Options", "read_section_map"]


class Importer(FirstPass, SecondPass):
    def run(self) -> Report:
        # No audio job per article, one rendition job for them all (see those apps' services).
        with audio.no_audio_on_publish(), articles.one_rendition_job():
            try:
                self._first_pass()
                self._second_pass()
            except WXRError as error:
                self.report.fatal = str(error)
        return self.report
