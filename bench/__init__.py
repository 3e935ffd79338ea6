"""newsbot's benchmark: a generated gnuboard5 board served on 127.0.0.1, and what newsbot does
with it.

``python -m bench.run`` (``make bench``) measures, in one run and on the same pages: the page
server alone, a do-nothing Scrapy spider (Scrapy's ceiling), newsbot end to end, an incremental
re-run, extraction only, and the SQLite store; it prints a table with PASS/MISS per target and
writes it as JSON under ``bench/results/``. See ``bench/README.md``.
"""
