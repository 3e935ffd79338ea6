"""``scrapy fanout``: schedule one ``gnuboard`` job per site across Scrapyd nodes.

    scrapy fanout --nodes http://w1:6800,http://w2:6800 --sites all [--wait]

Sites come from the sites file (``NEWSBOT_SITES_FILE``; the same file the deployed egg
carries). A site with a job pending or running on any node is not scheduled again; the others
go to the node with the most free slots (``--slots`` per node, or ``URL=N``). Each site's line
on standard output reads ``<site> <scheduled|running|deferred> <node> <job id>``; problems go to
standard error. ``--wait`` then waits until the jobs scheduled now have finished.

Exit status: 0 every site is scheduled or already running; 75 some sites found no free slot
(the next fanout takes them); 69 a node did not answer (its sites went to the others), no
node answered at all, or ``--wait`` gave up; 2 bad arguments. See :mod:`newsbot.cluster`.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from newsbot.arguments import ArgumentError
from newsbot.cluster import (
    NodeUnavailable,
    ScrapydNode,
    job_id_for,
    job_site_key,
    parse_node,
    pick_node,
)
from newsbot.sites import select_sites

#: EX_UNAVAILABLE: a node did not answer.
NODE_UNAVAILABLE = 69
#: EX_TEMPFAIL: sites left for the next fanout.
SITES_DEFERRED = 75


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False
    default_settings = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "--nodes URL[,URL…] [--sites all|NAME,…] [--wait]"

    def short_desc(self) -> str:
        return "Schedule one crawl per site across Scrapyd nodes (never a site twice)"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument(
            "--nodes", required=True, help="Scrapyd URLs, comma-separated; URL=N gives N slots"
        )
        parser.add_argument("--sites", default="all", help="'all' or site names, comma-separated")
        parser.add_argument("--sites-file", help="the sites file (default: NEWSBOT_SITES_FILE)")
        parser.add_argument("--project", default="newsbot", help="the deployed Scrapyd project")
        parser.add_argument(
            "--slots", type=int, default=4, help="jobs at once per node (its max_proc; default 4)"
        )
        parser.add_argument(
            "--job-setting",
            action="append",
            default=[],
            metavar="NAME=VALUE",
            help="a Scrapy setting for the jobs (repeatable)",
        )
        parser.add_argument("--wait", action="store_true", help="wait until the jobs finish")
        parser.add_argument(
            "--wait-timeout", type=float, default=6 * 3600, help="give up waiting after S seconds"
        )
        parser.add_argument("--poll", type=float, default=5.0, help="seconds between checks")
        parser.add_argument(
            "--timeout", type=float, default=10.0, help="seconds a node has to answer"
        )

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        try:
            nodes = [parse_node(n, opts.slots) for n in opts.nodes.split(",") if n.strip()]
            sites_file = opts.sites_file or self.settings.get("NEWSBOT_SITES_FILE")
            names = [n.strip() for n in opts.sites.split(",") if n.strip()]
            sites = [c.name for name in names for c in select_sites(name, sites_file)]
        except (ValueError, ArgumentError) as exc:
            raise UsageError(str(exc), print_help=False) from None
        if not nodes or opts.slots < 1:
            raise UsageError("--nodes needs at least one URL; --slots at least 1", print_help=False)
        job_settings = {}
        for item in opts.job_setting:
            name, sep, value = item.partition("=")
            if not sep or not name:
                raise UsageError(f"--job-setting {item!r}: expected NAME=VALUE", print_help=False)
            job_settings[name] = value
        sites = list(dict.fromkeys(sites))

        clients: dict[str, ScrapydNode] = {}
        free: dict[str, int] = {}
        active: dict[str, tuple[str, str]] = {}  # site key → (node, job id)
        unavailable = False
        for url, slots in nodes:
            client = ScrapydNode(url, timeout=opts.timeout)
            try:
                state = client.state(opts.project, slots)
            except NodeUnavailable as exc:
                print(f"newsbot: node did not answer: {exc}", file=sys.stderr)
                unavailable = True
                continue
            clients[state.url] = client
            free[state.url] = state.free
            for site, job in state.active.items():
                active.setdefault(site, (client.shown, job))
        if not clients:
            print("newsbot: error: no Scrapyd node answered; nothing scheduled", file=sys.stderr)
            self.exitcode = NODE_UNAVAILABLE
            return

        now = datetime.now(UTC)
        scheduled: dict[str, tuple[str, str]] = {}  # site → (node, job id)
        deferred = []
        for site in sites:
            if job_site_key(site) in active:
                node, job = active[job_site_key(site)]
                print(f"{site}\trunning\t{node}\t{job}")
                continue
            while True:
                url = pick_node(free)
                if url is None:
                    deferred.append(site)
                    print(f"{site}\tdeferred\t-\t-")
                    break
                client = clients[url]
                try:
                    job = client.schedule(
                        opts.project,
                        "gnuboard",
                        job_id_for(site, now),
                        {"site": site},
                        job_settings,
                    )
                except NodeUnavailable as exc:
                    print(f"newsbot: node did not answer: {exc}", file=sys.stderr)
                    unavailable = True
                    del free[url]
                    continue
                free[url] -= 1
                scheduled[site] = (url, job)
                print(f"{site}\tscheduled\t{client.shown}\t{job}")
                break
        sys.stdout.flush()
        running = len(sites) - len(scheduled) - len(deferred)
        print(
            f"newsbot: fanout: {len(scheduled)} scheduled, {running} already running, "
            f"{len(deferred)} deferred (no free slot) on {len(clients)} nodes",
            file=sys.stderr,
        )
        if opts.wait and scheduled and not self._wait(clients, scheduled, opts):
            unavailable = True
        if unavailable:
            self.exitcode = NODE_UNAVAILABLE
        elif deferred:
            self.exitcode = SITES_DEFERRED

    def _wait(
        self,
        clients: dict[str, ScrapydNode],
        scheduled: dict[str, tuple[str, str]],
        opts: argparse.Namespace,
    ) -> bool:
        """Until every scheduled job has finished; False when a node stopped answering."""
        waiting = dict(scheduled)
        deadline = time.monotonic() + opts.wait_timeout
        while waiting:
            for url in sorted({url for url, _ in waiting.values()}):
                try:
                    finished = clients[url].finished_jobs(opts.project)
                except NodeUnavailable as exc:
                    print(f"newsbot: node did not answer while waiting: {exc}", file=sys.stderr)
                    return False
                for site, (node, job) in list(waiting.items()):
                    if node == url and job in finished:
                        print(f"{site}\tfinished\t{clients[url].shown}\t{job}")
                        del waiting[site]
            if waiting and time.monotonic() > deadline:
                print(
                    f"newsbot: still running after {opts.wait_timeout:.0f} s: "
                    f"{', '.join(sorted(waiting))}",
                    file=sys.stderr,
                )
                return False
            if waiting:
                time.sleep(opts.poll)
        return True
