"""A distributed run's report lives in the store, one part per task (``run_parts``): the
parts merge into the site's report with its real lists, and a task that records its part
again (redelivered after an outage or a dead worker) does not count twice. On SQLite and
PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from pipelines.crawl import stored_report
from pipelines.site_work import SiteReport
from scraper.article import Article
from scraper.store import Store


def _part(site: str, **values: object) -> SiteReport:
    report = SiteReport(site)
    for name, value in values.items():
        setattr(report, name, value)
    return report


def test_a_site_report_goes_to_json_and_back_whole() -> None:
    report = _part("detik", discovered=12, outcomes=Counter(new=3, failed=1), reasons=Counter(not_html=1),
                   failed_sources=["https://news.detik.com/rss (http 404)"], days_capped=["a 2025-01-02"],
                   unit="days", route="archive", wordpress=True, adhoc=True, error=None)
    again = SiteReport.from_json(report.to_json())
    assert again == report and isinstance(again.outcomes, Counter)


def test_parts_merge_per_site_and_a_task_counts_once(store: Store) -> None:
    run = store.start_run(["detik", "jpnn"])
    discover = _part("detik", discovered=40, queued=40, sources=3, failed_sources=["https://x/rss (http 404)"])
    batch = _part("detik", outcomes=Counter(new=19, failed=1), reasons=Counter(not_html=1), extracted=19)
    other = _part("jpnn", unit="days", route="archive", days=1, days_capped=["https://j/indeks 2025-01-02"])
    assert store.record_run_part(run, "t-discover", "detik", discover.to_json())
    assert store.record_run_part(run, "t-batch", "detik", batch.to_json())
    assert store.record_run_part(run, "t-day", "jpnn", other.to_json())
    # The batch delivered again after its worker died: it did its work again, found its
    # URLs stored, and reports them known. Its first part stands.
    redone = _part("detik", known=20)
    assert not store.record_run_part(run, "t-batch", "detik", redone.to_json())

    report = stored_report(store, run)
    assert report.status == "running" and [s.site for s in report.sites] == ["detik", "jpnn"]
    detik, jpnn = report.sites
    assert (detik.discovered, detik.queued, detik.known, detik.sources) == (40, 40, 0, 3)
    assert detik.outcomes == Counter(new=19, failed=1) and detik.reasons == Counter(not_html=1)
    assert detik.failed_sources == ["https://x/rss (http 404)"] and detik.extracted == 19
    assert (jpnn.unit, jpnn.route, jpnn.days_capped) == ("days", "archive", ["https://j/indeks 2025-01-02"])


def test_merge_adds_numbers_joins_lists_and_keeps_the_first_error() -> None:
    first = _part("s", discovered=2, failed_sources=["a"], error=None, route="")
    first.merge(_part("s", discovered=3, failed_sources=["b"], error="boom", route="archive", wordpress=True))
    first.merge(_part("s", error="later", route="search"))
    assert (first.discovered, first.failed_sources, first.error, first.route, first.wordpress) == (
        5, ["a", "b"], "boom", "archive", True)


def test_a_redelivered_task_tells_what_its_run_stored_first(store: Store) -> None:
    """What the store says a batch delivered again counts as new: the articles first
    stored since its run began (by its dead first attempt), not the ones stored before."""
    def save(n: int) -> str:
        url = f"https://news.detik.com/berita/d-{n}/kabar"
        store.save_article(Article(url=url, site="detik", title=f"Kabar {n}", published="2025-03-13T02:15:00+07:00",
                                   paragraphs=[f"Kabar nomor {n} dari kampung.", "Warga berkumpul."]))
        return url

    before = save(1)
    time.sleep(1.1)  # the store's times are to the second
    run = store.start_run(["detik"])
    during = save(2)
    assert store.first_seen_in_run(run, [before, during, "https://news.detik.com/berita/d-3/belum"]) == {during}


def test_stats_shows_a_running_distributed_runs_parts(tmp_path: Path) -> None:
    """``scraper stats`` on a run still going reads its parts: the counts so far, not zeros."""
    db = tmp_path / "running.db"
    with Store(db) as store:
        run = store.start_run(["detik"])
        store.record_run_part(run, "t-discover", "detik", _part("detik", discovered=30).to_json())
        store.record_run_part(run, "t-batch", "detik",
                              _part("detik", outcomes=Counter(new=7, failed=2)).to_json())
    done = subprocess.run([sys.executable, "-m", "scraper", "stats", "--db", str(db), "--json"],
                          capture_output=True, text=True, timeout=120, check=True)
    (row,) = json.loads(done.stdout)["runs"]
    assert (row["status"], row["discovered"], row["new"], row["failed"]) == ("running", 30, 7, 2)
