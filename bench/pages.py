"""Time the idea list, the idea page with the longest comment thread and a bare page.

Run with `make bench`, which first migrates and loads the demo ideas. The
Decide Madrid threads are imported if they are missing. Every page is
requested in the same run, signed in as the demo employee, through Django's
test client (the whole middleware stack, no network), so the figures are
comparable with each other but not with a server's throughput. The bare
page is a plain `wagtailcore.Page` rendered with templates/wagtailcore/page.html,
created for the run and rolled back afterwards.

Settings come from the environment as for `make run`; DATABASE_URL picks
PostgreSQL.
"""

import os
import platform
import statistics
import sys
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(BASE_DIR), str(BASE_DIR / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "idebanken.settings.dev")
# Timing without DEBUG, as in production: no query log, no debug pages.
os.environ["DEBUG"] = "false"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from wagtail.models import Page  # noqa: E402

from ideapages.models import HomePage, IdeaPage  # noqa: E402
from participation.comments import comments_for  # noqa: E402
from participation.importing import IDEA_PREFIX  # noqa: E402

DATA_DIR = Path(os.environ.get("DATA_DIR", BASE_DIR.parent / "shared" / "data"))
MADRID_DIR = DATA_DIR / "decide-madrid-2019"
WARM_UP = 5
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "40"))
BENCH_USER = "medarbetare"


class Rollback(Exception):
    """Raised to undo the pages the run created."""


def longest_thread_idea() -> IdeaPage:
    ideas = IdeaPage.objects.filter(external_id__startswith=IDEA_PREFIX)
    if not ideas.exists():
        call_command("import_comments", MADRID_DIR, stderr=open(os.devnull, "w"))  # noqa: SIM115
    return max(ideas, key=lambda idea: comments_for(idea).count())


def bare_page() -> Page:
    home = HomePage.objects.get()
    page = Page(title="Bare Wagtail page", slug="bench-bare-page")
    home.add_child(instance=page)
    return page


def request_time(client, url) -> float:
    started = time.perf_counter()
    response = client.get(url)
    elapsed = time.perf_counter() - started
    if response.status_code != 200:
        raise SystemExit(f"{url} returned status {response.status_code}")
    return elapsed


def query_count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries)


def measure(client, pages: dict[str, str]) -> dict[str, tuple[float, float, int]]:
    """Return the median and the fastest time in seconds, and the query count.

    Pages are requested in turn, round after round, so that a slow moment
    of the machine falls on all of them alike.
    """
    for _round in range(WARM_UP):
        for url in pages.values():
            request_time(client, url)
    times = {name: [] for name in pages}
    for _round in range(ROUNDS):
        for name, url in pages.items():
            times[name].append(request_time(client, url))
    return {
        name: (
            statistics.median(times[name]),
            min(times[name]),
            query_count(client, url),
        )
        for name, url in pages.items()
    }


def main() -> None:
    idea = longest_thread_idea()
    comment_count = comments_for(idea).count()
    client = Client(HTTP_HOST="localhost")
    client.force_login(get_user_model().objects.get(username=BENCH_USER))
    idea_count = IdeaPage.objects.live().count()

    try:
        with transaction.atomic():
            bare = bare_page()
            pages = {
                "bare Wagtail page": bare.url,
                f"idea list ({idea_count} ideas, page 1)": idea.get_parent().url,
                f"idea page, {comment_count} comments "
                f"({settings.COMMENTS_PER_PAGE} a page)": idea.url,
            }
            results = measure(client, pages)
            with override_settings(COMMENTS_PER_PAGE=10_000):
                unpaged = measure(
                    client, {f"idea page, all {comment_count} on one page": idea.url}
                )
            raise Rollback
    except Rollback:
        pass

    report(results | unpaged, results["bare Wagtail page"])


def processor_name() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def report(results, bare) -> None:
    """Print each page's median and fastest time, also as multiples of the bare page.

    Other work on the machine can only add time. The fastest request is
    therefore the steadier figure on a busy machine, and the median the
    typical one.
    """
    print(
        f"{connection.vendor} {connection.Database.__name__} | Python "
        f"{platform.python_version()} | {os.cpu_count()} cores | "
        f"{processor_name()} | {ROUNDS} requests a page"
    )
    print(
        f"{'page':<46} {'median ms':>9} {'× bare':>6} {'min ms':>7} {'× bare':>6}"
        f" {'queries':>7}"
    )
    for name, (median, fastest, queries) in results.items():
        print(
            f"{name:<46} {median * 1000:9.1f} {median / bare[0]:6.2f}"
            f" {fastest * 1000:7.1f} {fastest / bare[1]:6.2f} {queries:7d}"
        )


if __name__ == "__main__":
    main()
