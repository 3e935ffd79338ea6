"""Which robots.txt line forbids a URL."""

from __future__ import annotations

import pytest

from newsbot.robots import disallowing_rule

ROBOTS = """
User-agent: *
Disallow: /bbs/board.php?bo_table=free
Allow: /bbs/board.php?bo_table=free&wr_id=1
Disallow: /adm/

User-agent: newsbot
Disallow: /private*.php$
"""


@pytest.mark.parametrize(
    ("agent", "url", "rule"),
    [
        (
            "Mozilla/5.0",
            "http://x/bbs/board.php?bo_table=free&page=2",
            "Disallow: /bbs/board.php?bo_table=free (User-agent: *)",
        ),
        ("Mozilla/5.0", "http://x/bbs/board.php?bo_table=free&wr_id=1", None),
        ("Mozilla/5.0", "http://x/bbs/board.php?bo_table=news", None),
        (
            "newsbot/0.1 (+https://e.org)",
            "http://x/private-area.php",
            "Disallow: /private*.php$ (User-agent: newsbot)",
        ),
        ("newsbot/0.1 (+https://e.org)", "http://x/adm/", None),  # its own group replaces *
    ],
)
def test_disallowing_rule(agent: str, url: str, rule: str | None) -> None:
    assert disallowing_rule(ROBOTS, agent, url) == rule
