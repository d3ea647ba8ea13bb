"""The crawl's bookkeeping: runs and their parts, the fetch log, URLs that keep failing,
archive days walked, ``doctor --live`` probes, per-run site rates and learned site templates.

What the crawl writes about its own work, as opposed to what it found (articles, pages):
the crawl, the distributed tasks, ``scraper stats`` and the drift canary read it back.
A URL's failure count has no unique key to upsert on, so it is serialised per URL.
"""


from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from scraper.extract.template import TEMPLATE_VERSION, Template
from scraper.store.connection import StoreConnection
from scraper.store.values import (
    RUN_COUNTS,
    chunks,
    from_utc,
    to_json,
    utc_iso,
)

__all__ = ["Bookkeeping"]

_RATE_COLUMNS = ("title_fill", "published_fill", "authors_fill", "words_mean", "fallback_share", "empty_share")


class Bookkeeping(StoreConnection):
    """The crawl's bookkeeping (part of :class:`scraper.store.core.Store`)."""

    # --- fetch log and runs ---------------------------------------------------------------

    def record_fetch(
        self, url: str, *, run_id: int | None = None, status: int | None = None,
        error_kind: str | None = None, error: str | None = None, elapsed_ms: float | None = None,
        attempt: int = 1,
    ) -> None:
        """Log one fetch attempt (successful or not)."""
        with self.transaction("record fetch"):
            self._x(
                "INSERT INTO fetches (url, run_id, fetched_at, status, error_kind, error, elapsed_ms,"
                " attempt) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (url, run_id, utc_iso(), status, error_kind, error,
                 None if elapsed_ms is None else round(elapsed_ms), attempt),
            )

    def record_failure(
        self, url: str, *, site: str | None, kind: str | None, error: str | None,
        retry_after: Callable[[int], datetime | None],
    ) -> int:
        """Count one more failed run for ``url``; ``retry_after(failures)`` says when to try
        again (None: give up). Returns the number of failures so far."""
        now = utc_iso()

        def count() -> int:
            self.backend.serialize(f"failure {url}")  # concurrent failures of one URL count one by one
            row = self._x("SELECT failures FROM url_failures WHERE url = ?", (url,)).fetchone()
            failures = (row[0] if row else 0) + 1
            when = retry_after(failures)
            self._x(
                "INSERT INTO url_failures (url, site, failures, error_kind, error, first_failed, last_failed,"
                " retry_after) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET"
                " failures = excluded.failures, error_kind = excluded.error_kind, error = excluded.error,"
                " last_failed = excluded.last_failed, retry_after = excluded.retry_after",
                (url, site, failures, kind, error, now, now, utc_iso(when) if when else None),
            )
            return failures

        return self._write("record failure", count)

    def clear_failures(self, urls: Iterable[str]) -> None:
        """Forget the failures of URLs that have now been fetched."""
        wanted = list(urls)
        with self.transaction("clear failures"):
            for chunk in chunks(wanted):
                self._x(f"DELETE FROM url_failures WHERE url IN ({', '.join('?' for _ in chunk)})", chunk)

    def failures(self, urls: Iterable[str]) -> dict[str, datetime | None]:
        """For URLs that failed before: when they may be tried again (None: given up)."""
        found: dict[str, datetime | None] = {}
        for chunk in chunks(list(dict.fromkeys(urls))):
            marks = ", ".join("?" for _ in chunk)
            for url, retry in self._rows(f"SELECT url, retry_after FROM url_failures WHERE url IN ({marks})", chunk):
                found[url] = from_utc(retry)
        return found

    def first_seen_in_run(self, run_id: int, urls: Iterable[str]) -> set[str]:
        """The URLs among ``urls`` whose article was first stored since run ``run_id``
        began: a task delivered again finds what its dead first attempt stored (new)."""
        found: set[str] = set()
        for chunk in chunks(list(dict.fromkeys(urls))):
            marks = ", ".join("?" for _ in chunk)
            rows = self._rows(f"SELECT url FROM articles WHERE url IN ({marks})"
                              " AND first_seen >= (SELECT started_at FROM runs WHERE id = ?)", (*chunk, run_id))
            found.update(row[0] for row in rows)
        return found

    def completed_days(self, site: str, archive: str) -> set[date]:
        """The days of ``site``'s ``archive`` a backfill finished (walked and fetched)."""
        rows = self._rows("SELECT day FROM archive_days WHERE site = ? AND archive = ?", (site, archive))
        return {date.fromisoformat(r[0]) for r in rows}

    def complete_day(self, site: str, archive: str, day: date, *, pages: int, links: int, capped: bool) -> None:
        """Record that a backfill finished ``day`` of ``archive`` (its watermark)."""
        with self.transaction("record archive day"):
            self._x(
                "INSERT INTO archive_days (site, archive, day, pages, links, capped, completed_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (site, archive, day) DO UPDATE SET"
                " pages = excluded.pages, links = excluded.links, capped = excluded.capped,"
                " completed_at = excluded.completed_at",
                (site, archive, day.isoformat(), pages, links, int(capped), utc_iso()),
            )

    def record_probe(self, site: str, capability: str, url: str, *, ok: bool, links: int, elapsed_ms: float,
                     detail: str) -> None:
        """One capability's answer to ``doctor --live`` (replacing the last; ``last_ok_at``
        keeps when it last worked)."""
        now = utc_iso()
        with self.transaction("record probe"):
            self._x(
                "INSERT INTO probes (site, capability, url, checked_at, ok, links, elapsed_ms, detail, last_ok_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (site, capability) DO UPDATE SET"
                " url = excluded.url, checked_at = excluded.checked_at, ok = excluded.ok, links = excluded.links,"
                " elapsed_ms = excluded.elapsed_ms, detail = excluded.detail,"
                " last_ok_at = COALESCE(excluded.last_ok_at, probes.last_ok_at)",
                (site, capability, url, now, int(ok), links, elapsed_ms, detail, now if ok else None),
            )

    def probes(self) -> dict[tuple[str, str], dict[str, Any]]:
        """The last ``doctor --live`` answer of every (site, capability)."""
        rows = self._query("SELECT site, capability, url, checked_at, ok, links, elapsed_ms, detail, last_ok_at"
                           " FROM probes", [])
        return {(r["site"], r["capability"]): r for r in rows}

    def start_run(self, sites: list[str], *, owner: bool = False) -> int:
        """A new run, ``running``. ``owner``: the run lives in this process (a local crawl),
        so its pid and host go into ``counts`` until it finishes; a run whose process is
        gone can then be told from one still going (:meth:`settle_dead_runs`). A
        distributed run has no owner: its workers come and go."""
        counts = {"pid": os.getpid(), "host": socket.gethostname()} if owner else {}
        with self.transaction("start run"):
            cursor = self._x(
                "INSERT INTO runs (started_at, sites, counts, status) VALUES (?, ?, ?, 'running') RETURNING id",
                (utc_iso(), to_json(sites), json.dumps(counts)),
            )
            return int(cursor.fetchone()[0])

    def running_crawl(self) -> dict[str, Any] | None:
        """The latest ``running`` local crawl whose process is alive (id, started_at, pid,
        host), if any: the one holding the store's crawl lock."""
        for run in reversed(self._owned_runs()):
            if not _gone(run):
                return run
        return None

    def _owned_runs(self) -> list[dict[str, Any]]:
        """Runs still ``running`` that a local crawl process owns, oldest first."""
        rows = self._query("SELECT id, started_at, counts FROM runs WHERE status = 'running' ORDER BY id")
        owned = []
        for row in rows:
            owner = json.loads(row.pop("counts") or "{}")
            if "pid" in owner and "host" in owner:
                owned.append({**row, "pid": owner["pid"], "host": owner["host"]})
        return owned

    def dead_runs(self, *, locked: bool = False) -> list[dict[str, Any]]:
        """Runs still ``running`` whose crawl process is gone (killed, the machine
        rebooted), with what the store shows they did (:meth:`_done_by`). ``locked``: the
        caller holds the store's crawl lock, which proves every such run dead, whatever
        its pid now names (after a reboot a pid is soon reused); else only a run of this
        host whose pid no longer exists is."""
        return [{**run, **self._done_by(run)} for run in self._owned_runs() if locked or _gone(run)]

    def settle_dead_runs(self, *, locked: bool = False) -> list[int]:
        """Record each of :meth:`dead_runs` as ``interrupted`` with its counts; their ids."""
        dead = self.dead_runs(locked=locked)
        for run in dead:
            counts = {k: run[k] for k in ("new", "fetched", "pid", "host")}
            self.finish_run(run["id"], {**counts, "settled": "process gone"}, "interrupted")
        return [run["id"] for run in dead]

    def _done_by(self, run: dict[str, Any]) -> dict[str, int]:
        """What a run that never finished did, read from the store: the URLs it fetched
        (its ``fetches`` rows) and the articles first seen between its start and the next
        run's (one crawl per store at a time makes them its own)."""
        following = self._rows("SELECT min(started_at) FROM runs WHERE id > ?", (run["id"],))[0][0]
        window = (run["started_at"], following or utc_iso(datetime.now(UTC) + timedelta(seconds=1)))
        fetched = self._rows("SELECT count(DISTINCT url) FROM fetches WHERE run_id = ?", (run["id"],))[0][0]
        new = self._rows("SELECT count(*) FROM articles WHERE first_seen >= ? AND first_seen < ?", window)[0][0]
        return {"fetched": int(fetched), "new": int(new)}

    def record_site_run(self, run_id: int, site: str, rates: dict[str, float | int]) -> None:
        """A run's fill rates for one site (the layout-drift canary's history)."""
        columns = ("articles", *_RATE_COLUMNS)
        marks, updates = ", ".join("?" for _ in columns), ", ".join(f"{c} = excluded.{c}" for c in columns)
        with self.transaction("record site rates"):
            self._x(
                f"INSERT INTO run_sites (run_id, site, {', '.join(columns)}) VALUES (?, ?, {marks})"
                f" ON CONFLICT (run_id, site) DO UPDATE SET {updates}",
                (run_id, site, *(rates[c] for c in columns)),
            )

    def record_run_part(self, run_id: int, task: str, site: str, report: dict[str, Any]) -> bool:
        """One distributed task's part of its run's report (a site's report as JSON), kept
        once per task: a task delivered again after an outage or a dead worker does not
        count twice. True when this call recorded it."""
        with self.transaction("record run part"):
            cursor = self._x(
                "INSERT INTO run_parts (run_id, task, site, report, recorded_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (run_id, task) DO NOTHING RETURNING task",
                (run_id, task, site, json.dumps(report, sort_keys=True), utc_iso()),
            )
            return cursor.fetchone() is not None

    def run_parts(self, run_id: int) -> list[dict[str, Any]]:
        """Every part recorded for ``run_id`` (:meth:`record_run_part`), oldest first."""
        rows = self._rows("SELECT report FROM run_parts WHERE run_id = ? ORDER BY recorded_at, task", (run_id,))
        return [json.loads(row[0]) for row in rows]

    def site_runs(self, site: str | None = None, limit: int = 10) -> dict[str, list[dict[str, Any]]]:
        """Each site's latest ``limit`` runs' rates, newest first (with run_id)."""
        where, params = ("WHERE site = ?", [site]) if site else ("", [])
        rows = self._query(
            f"SELECT run_id, site, articles, {', '.join(_RATE_COLUMNS)} FROM run_sites {where}"
            " ORDER BY site, run_id DESC", params,
        )
        out: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            runs = out.setdefault(row["site"], [])
            if len(runs) < limit:
                runs.append(row)
        return out

    def save_template(self, template: Template) -> None:
        """Keep ``template`` as its host's learned template (replacing an older one; the
        use counters start again with it)."""
        with self.transaction("save template"):
            self._x(
                "INSERT INTO site_templates (host, template, pages, version, learned_at) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (host) DO UPDATE SET template = excluded.template, pages = excluded.pages,"
                " version = excluded.version, learned_at = excluded.learned_at, used = 0, fallbacks = 0, misses = 0",
                (template.host, template.to_json(), to_json(list(template.pages)), template.version, utc_iso()),
            )

    def template(self, host: str) -> Template | None:
        """The host's learned template, None when there is none or it was learned by an
        older version of the learning (it is learned again)."""
        rows = self._rows("SELECT template FROM site_templates WHERE host = ?", (host,))
        if not rows:
            return None
        found = Template.from_json(str(rows[0][0]))
        return found if found.version == TEMPLATE_VERSION else None

    def count_template(self, host: str, outcomes: dict[str, int]) -> None:
        """Add what the host's template did ("used", "fallback", "miss": counts) to its row."""
        with self.transaction("count template"):
            self._x(
                "UPDATE site_templates SET used = used + ?, fallbacks = fallbacks + ?, misses = misses + ?"
                " WHERE host = ?",
                (outcomes.get("used", 0), outcomes.get("fallback", 0), outcomes.get("miss", 0), host),
            )

    def template_counts(self, host: str) -> dict[str, int] | None:
        rows = self._query("SELECT used, fallbacks, misses FROM site_templates WHERE host = ?", [host])
        return {k: int(v) for k, v in rows[0].items()} if rows else None

    def run_status(self, run_id: int) -> str | None:
        """A run's status ("running", "ok", "partial", "failed", "interrupted"), None if unknown."""
        rows = self._rows("SELECT status FROM runs WHERE id = ?", (run_id,))
        return str(rows[0][0]) if rows else None

    def finish_run(self, run_id: int, counts: dict[str, Any], status: str) -> None:
        columns = {k: int(counts.get(k, 0)) for k in RUN_COUNTS}
        assignments = ", ".join(f"{k} = ?" for k in columns)
        with self.transaction("finish run"):
            self._x(
                f"UPDATE runs SET finished_at = ?, counts = ?, status = ?, {assignments} WHERE id = ?",
                (utc_iso(), json.dumps(counts, sort_keys=True), status, *columns.values(), run_id),
            )


def _gone(run: dict[str, Any]) -> bool:
    """Whether a run's crawl process no longer exists (only knowable on its own host; a
    run of another host is never called gone). A reused pid reads as alive: the run then
    stays ``running`` until that process ends, a delay, never a wrong verdict on a live run."""
    if run["host"] != socket.gethostname():
        return False
    try:
        os.kill(int(run["pid"]), 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, another user's
        return False
    return False
