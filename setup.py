"""The egg build for ``scrapyd-deploy`` (it runs ``python setup.py bdist_egg``).

Metadata and packages come from pyproject.toml. The one addition: the egg carries the project's
sites file, ``sites.toml`` beside this file (or the file ``NEWSBOT_SITES_FILE`` names), as
``newsbot/sites.toml``, which Scrapyd jobs read (see ``newsbot/sites.py``).
"""

import os
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithSitesFile(build_py):
    def run(self) -> None:
        super().run()
        sites = Path(os.environ.get("NEWSBOT_SITES_FILE") or "sites.toml")
        if sites.is_file():
            target = Path(self.build_lib, "newsbot", "sites.toml")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(sites, target)


setup(cmdclass={"build_py": BuildPyWithSitesFile})
