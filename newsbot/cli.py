"""The ``newsbot`` console script: Scrapy's command line with newsbot's settings, from anywhere.

``scrapy`` finds a project through ``scrapy.cfg`` in the working directory or above it, so
``scrapy crawl gnuboard`` only works inside the project folder. ``newsbot`` names the settings
module itself (unless ``SCRAPY_SETTINGS_MODULE`` is already set), so cron can run

    NEWSBOT_HOME=/srv/newsbot newsbot crawl gnuboard -a url=…

from any directory; ``NEWSBOT_HOME`` is the data folder (default: ``./data``).
"""

from __future__ import annotations

import os
import sys

from scrapy.cmdline import execute

SETTINGS_MODULE = "newsbot.settings"


def main(argv: list[str] | None = None) -> None:
    """Run a Scrapy command (``crawl``, ``export``, ``status``, ``demo``, …) as ``newsbot``."""
    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", SETTINGS_MODULE)
    execute(["newsbot", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
