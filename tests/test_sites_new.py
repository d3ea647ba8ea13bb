"""`scraper sites new` on two synthetic sites it was not written for (tests/unseen_sites.py):
drafts made from two sample articles, served by the real mirror through --resolve, must
load as profiles, pass the site-file checks and extract the *other* articles of the site
(body F1 >= 0.95 against what we wrote), with the date, title and byline right."""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from scoring import token_prf
from test_sites import check_profile
from unseen_sites import CMS_HOST, WP_HOST, build

from pipelines.mirror import MirrorServer
from scraper.extract.pipeline import extract_html
from scraper.sites import load_profile
from scraper.sites.base import SiteProfile

ROOT = Path(__file__).resolve().parent.parent
UNSEEN = ROOT / "fixtures" / "unseen"
#: Pages of each site that are not articles: the drafted pattern must refuse them all.
NOT_ARTICLES = {
    WP_HOST: ["/", "/page/2/", "/category/daerah/", "/category/ekonomi/", "/tag/warga/", "/tentang-kami/",
              "/feed/", "/wp-sitemap.xml", "/author/rina/"],
    CMS_HOST: ["/", "/indeks", "/indeks?page=2", "/kanal/makassar", "/kanal/gaya-hidup", "/tag/pesisir",
               "/berita/makassar", "/sitemap.xml", "/rss.xml"],
}
SOURCES = {
    WP_HOST: ((f"https://{WP_HOST}/feed/",), (f"https://{WP_HOST}/wp-sitemap.xml",)),
    CMS_HOST: ((f"https://{CMS_HOST}/rss.xml",), (f"https://{CMS_HOST}/sitemap.xml",)),
}


def expected(host: str) -> list[dict]:
    return json.loads((UNSEEN / "expected" / f"{host}.json").read_text(encoding="utf-8"))


def saved_page(url: str) -> Path:
    """The mirror file serving ``url`` (``path/`` -> ``path/index.html``)."""
    host, _, path = url.split("://", 1)[1].partition("/")
    file = UNSEEN / "sites" / host / path.rstrip("/")
    return file / "index.html" if file.is_dir() else file


def sites_new(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scraper", "sites", "new", *args], capture_output=True, text=True,
                          timeout=300, cwd=ROOT)


@pytest.fixture(scope="module")
def mirror() -> Iterator[MirrorServer]:
    with MirrorServer(UNSEEN / "sites") as server:
        yield server


def test_the_committed_sites_are_what_the_generator_writes(tmp_path: Path) -> None:
    build(tmp_path)
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    committed = sorted(p.relative_to(UNSEEN) for p in UNSEEN.rglob("*") if p.is_file())
    assert written == committed
    for rel in written:
        assert (tmp_path / rel).read_bytes() == (UNSEEN / rel).read_bytes(), rel


def stub_files(folder: Path) -> tuple[Path, Path]:
    pages = sorted(folder.glob("*.html"))
    assert len(pages) == 1, pages
    return pages[0], pages[0].with_suffix(".json")


def check_stub(profile: SiteProfile, folder: Path, samples: list[dict]) -> None:
    """The stub extracts to its expectation with the draft, and holds no sampled text."""
    page, expectation = stub_files(folder)
    spec = json.loads(expectation.read_text(encoding="utf-8"))
    assert profile.is_article_url(spec["url"]) and spec["url"] not in [s["url"] for s in samples]
    got = extract_html(page.read_bytes(), spec["url"], profile=profile).to_dict()
    got["body"] = got["body"].split("\n\n")
    assert {k: got[k] for k in spec["expect"]} == spec["expect"]
    for text in spec.get("must_not_contain", []):
        assert text not in "\n".join(got["body"])
    stub_text = page.read_text(encoding="utf-8") + expectation.read_text(encoding="utf-8")
    for sample in samples:
        for paragraph in [sample["title"], *sample["body"]]:
            words = paragraph.split()
            assert not any(" ".join(words[i : i + 6]) in stub_text for i in range(len(words) - 5)), paragraph


@pytest.mark.parametrize("host", [WP_HOST, CMS_HOST])
def test_a_draft_from_two_samples_extracts_the_other_articles(
    mirror: MirrorServer, tmp_path: Path, host: str, record_property: pytest.RecordProperty
) -> None:
    articles = expected(host)
    samples, others = articles[:2], articles[2:]
    out, fixtures = tmp_path / "draft_site.py", tmp_path / "stubs"
    done = sites_new(samples[0]["url"], samples[1]["url"], "--resolve", f"*=127.0.0.1:{mirror.port}",
                     "--out", str(out), "--fixtures", str(fixtures))
    assert done.returncode == 0, done.stderr
    assert f"wrote {out}" in done.stdout

    profile = load_profile(out)  # the registry's loader, on the unedited draft
    check_profile(profile, registered=False)
    lint = subprocess.run([str(Path(sys.executable).with_name("ruff")), "check", "--config",
                           str(ROOT / "pyproject.toml"), str(out)], capture_output=True, text=True, timeout=120)
    assert lint.returncode == 0, lint.stdout
    assert (profile.feeds, profile.sitemaps) == SOURCES[host]
    assert all(profile.is_article_url(a["url"]) for a in articles)
    assert not [p for p in NOT_ARTICLES[host] if profile.is_article_url(f"https://{host}{p}")]

    scores = []
    for article in others:
        got = extract_html(saved_page(article["url"]).read_bytes(), article["url"], profile=profile)
        assert got.extractor == f"site:{profile.name}", "the draft's body rule must do the work, not the fallback"
        assert (got.title, got.published, got.authors) == (article["title"], article["published"], article["authors"])
        scores.append(token_prf(got.body, "\n\n".join(article["body"]))[2])
    record_property("body_f1", scores)
    print(f"\n{host}: body F1 on the {len(others)} other articles: {', '.join(f'{s:.3f}' for s in scores)}")
    assert min(scores) >= 0.95, scores
    check_stub(profile, fixtures, samples)


def test_saved_pages_work_offline_in_every_address_form(tmp_path: Path) -> None:
    """PATH=URL, PATH with --url (given to the PATH-only samples in order), and PATH alone
    (the page's canonical link). No network: no --resolve, and the hosts do not exist."""
    a, b, c = expected(WP_HOST)[:3]
    offline = sites_new(f"{saved_page(a['url'])}={a['url']}", str(saved_page(b["url"])), str(saved_page(c["url"])),
                        "--url", b["url"], "--out", str(tmp_path / "offline.py"), "--fixtures", str(tmp_path / "fx"))
    assert offline.returncode == 0, offline.stderr
    assert "offline: no home page or robots.txt read" in offline.stdout
    profile = load_profile(tmp_path / "offline.py")
    assert profile.body == ("div.entry-content",) and profile.drop == (".sharedaddy", ".jp-relatedposts")
    assert profile.sitemaps == () and profile.feeds == (f"https://{WP_HOST}/feed/",)  # the pages' own feed link


def test_a_draft_never_overwrites_and_known_sites_are_refused(tmp_path: Path) -> None:
    a, b = expected(CMS_HOST)[:2]
    out = tmp_path / "kabar.py"
    out.write_text("# the developer's edited profile\n", encoding="utf-8")
    done = sites_new(f"{saved_page(a['url'])}={a['url']}", f"{saved_page(b['url'])}={b['url']}", "--out", str(out))
    assert done.returncode == 1 and "never overwrites" in done.stderr
    assert out.read_text(encoding="utf-8") == "# the developer's edited profile\n"
    assert not (tmp_path / "kabarpesisir-fixtures").exists()  # nothing half-written

    jpnn = ROOT / "fixtures" / "pages" / "jpnn"
    page = sorted(jpnn.glob("*.html"))[0]
    url = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))["url"]
    done = sites_new(f"{page}={url}")
    assert done.returncode == 1 and "already covered by the jpnn profile" in done.stderr
    assert not (ROOT / "scraper" / "sites" / "jpnn_draft.py").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["page.html", "--url", "https://a.example/x/1", "--url", "https://a.example/x/2"], "--url left over"),
        (["page.html=https://a.example/satu-dua-tiga", "--resolve", "bad"], "HOST=ADDR:PORT"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    done = sites_new(*args)
    assert done.returncode == 2 and message in done.stderr, done.stderr


def test_a_missing_address_is_named(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><body><p>Tanpa alamat.</p></body></html>", encoding="utf-8")
    done = sites_new(str(page), "--out", str(tmp_path / "x.py"))
    assert done.returncode == 1
    assert re.search(r"page\.html: no address: give it as .*page\.html=URL or with --url", done.stderr)


# --- hostile pages and careless names (issue 20, item 10) ----------------------------------

#: Page strings a generated module must carry through intact: line breaks (a raw one in a
#: literal was a SyntaxError), quotes, backslashes, a triple quote, a Unicode line separator.
HOSTILE_NAMES = ("Kabar\nPesisir", "Kabar\rPesisir\r\n", 'Ka"bar\\ """Pesisir', "Kabar\u2028Pesisir\tTV")


def test_hostile_site_names_give_a_module_that_compiles_and_keeps_them(tmp_path: Path) -> None:
    samples = []
    for article, site_name in zip(expected(CMS_HOST)[:2], ("Kabar\rPesisir", "Kabar\nPesisir Online"), strict=True):
        text = saved_page(article["url"]).read_text(encoding="utf-8")
        meta = f'<meta property="og:site_name" content="{site_name}">'
        page = tmp_path / f"{len(samples)}.html"
        page.write_text(text.replace("<head>", "<head>" + meta, 1), encoding="utf-8")
        samples.append(f"{page}={article['url']}")
    done = sites_new(*samples, "--out", str(tmp_path / "hostile.py"), "--fixtures", str(tmp_path / "fx"))
    assert done.returncode == 0, done.stderr
    source = (tmp_path / "hostile.py").read_text(encoding="utf-8")
    compile(source, "hostile.py", "exec")
    profile = load_profile(tmp_path / "hostile.py")
    # HTML reads a lone CR in an attribute as a line feed
    assert {"Kabar\nPesisir", "Kabar\nPesisir Online"} <= set(profile.site_names) and not profile.reviewed


def test_every_hostile_string_renders_as_a_literal_that_compiles() -> None:
    from scraper.draft.profile import Draft
    from scraper.draft.render import render_module

    draft = Draft(name="hostile", domains=("hostile.example",), samples=("https://hostile.example/a\nb",))
    draft.article_url, draft.body, draft.site_names = r"/berita/\d+", ("div.isi",), (*HOSTILE_NAMES, "nul\x00byte")
    draft.notes.append("a note with a\r\nline break and a NUL \x00")
    namespace: dict[str, object] = {}
    exec(compile(render_module(draft, date(2025, 1, 2)), "hostile.py", "exec"), namespace)
    profile = namespace["PROFILE"]
    assert isinstance(profile, SiteProfile)
    assert profile.site_names == (*HOSTILE_NAMES, "nul\x00byte") and profile.reviewed is False


def _tree() -> set[Path]:
    """The checkout's files, less what tools write on their own (venv, caches, git objects)."""
    skip = {".venv", "__pycache__", ".git", ".pytest_cache", ".mypy_cache", ".ruff_cache"}
    return {p for p in ROOT.rglob("*") if not skip.intersection(p.parts)}


@pytest.mark.parametrize("name", ["../../x", "a/b", "x.y", "class", "_hidden", "base", "1abc", "kabar-pesisir", "kābar"])
def test_a_bad_name_is_a_usage_error_and_writes_nothing(tmp_path: Path, name: str) -> None:
    a, b = expected(CMS_HOST)[:2]
    before = _tree()
    done = sites_new(f"{saved_page(a['url'])}={a['url']}", f"{saved_page(b['url'])}={b['url']}", "--name", name)
    assert done.returncode == 2, done.stderr
    assert "bad profile name" in done.stderr and "Python identifier" in done.stderr
    after = _tree()
    assert not {p for p in after - before if ".pytest_cache" not in p.parts}


def _tree_copy(tmp_path: Path) -> Path:
    """A copy of the source tree (the packages and an empty fixtures folder): a draft
    written to its scraper/sites is what the registry of that copy sees, and the real
    tree is never touched."""
    tree = tmp_path / "tree"
    for package in ("scraper", "pipelines"):
        shutil.copytree(ROOT / package, tree / package, ignore=shutil.ignore_patterns("__pycache__"))
    (tree / "fixtures" / "pages").mkdir(parents=True)
    return tree


def _in_tree(tree: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scraper", *args], capture_output=True, text=True,
                          timeout=timeout, cwd=tree, env={**os.environ, "PYTHONPATH": str(tree)})


def test_a_draft_is_listed_as_one_but_not_crawled_until_reviewed(tmp_path: Path) -> None:
    tree = _tree_copy(tmp_path)
    listed = json.loads(_in_tree(tree, "sites", "--format", "json").stdout)
    a, b = expected(CMS_HOST)[:2]
    done = _in_tree(tree, "sites", "new", f"{saved_page(a['url'])}={a['url']}", f"{saved_page(b['url'])}={b['url']}")
    assert done.returncode == 0, done.stderr
    module = tree / "scraper" / "sites" / "kabarpesisir.py"
    assert module.exists() and "reviewed=False" in module.read_text(encoding="utf-8")
    after = json.loads(_in_tree(tree, "sites", "--format", "json").stdout)
    assert len(after) == len(listed) + 1
    assert [r["name"] for r in after if not r["reviewed"]] == ["kabarpesisir"]
    table = _in_tree(tree, "sites").stdout
    assert f"{len(listed)} supported sites and 1 unreviewed drafts" in table and "kabarpesisir (draft)" in table

    db = tmp_path / "d.db"
    # every site against a closed port: fails fast, but the run records which sites it took
    scheduled = _in_tree(tree, "crawl", "--db", str(db), "--no-delay", "--resolve", "*=127.0.0.1:9")
    assert "not crawling unreviewed draft profiles: kabarpesisir" in scheduled.stderr
    explicit = _in_tree(tree, "crawl", "--db", str(db), "--no-delay", "--site", "kabarpesisir",
                        "--resolve", "*=127.0.0.1:9")
    with sqlite3.connect(db) as conn:
        runs = [json.loads(s) for (s,) in conn.execute("SELECT sites FROM runs ORDER BY id")]
    assert len(runs) == 2 and len(runs[0]) == len(listed) and "kabarpesisir" not in runs[0], scheduled.stderr
    assert runs[1] == ["kabarpesisir"], explicit.stderr

    module.write_text(module.read_text(encoding="utf-8").replace("    reviewed=False,\n", ""), encoding="utf-8")
    reviewed = json.loads(_in_tree(tree, "sites", "--format", "json").stdout)
    assert all(r["reviewed"] for r in reviewed) and len(reviewed) == len(listed) + 1


def test_a_draft_starts_from_the_sites_learned_template(tmp_path: Path) -> None:
    """`sites new --db`: the container of the template the store learned for the host (from
    earlier crawls) is the first candidate of the body selector, and the summary says so."""
    from selectolax.lexbor import LexborHTMLParser  # noqa: PLC0415

    from scraper.extract.template import learn  # noqa: PLC0415
    from scraper.store import Store  # noqa: PLC0415

    a, b, c, d = expected(WP_HOST)[:4]
    template = learn(WP_HOST, [(x["url"], LexborHTMLParser(saved_page(x["url"]).read_text(encoding="utf-8")))
                               for x in (b, c, d)])
    assert template is not None and template.container is not None
    db = tmp_path / "crawl.db"
    with Store(db) as store:
        store.save_template(template)
    done = sites_new(f"{saved_page(a['url'])}={a['url']}", f"{saved_page(b['url'])}={b['url']}", "--db", str(db),
                     "--out", str(tmp_path / "hinted.py"), "--fixtures", str(tmp_path / "fx"))
    assert done.returncode == 0, done.stderr
    assert f"{template.container} is the container of the site's learned template" in done.stdout
    assert load_profile(tmp_path / "hinted.py").body[0] == template.container
    missing = sites_new(f"{saved_page(a['url'])}={a['url']}", "--db", str(tmp_path / "none.db"),
                        "--out", str(tmp_path / "other.py"))
    assert missing.returncode == 1 and "none.db" in missing.stderr
