"""Script payloads read as data: each reader on the payload shape its framework ships,
and on what it must refuse (broken data, other scripts, hostile nesting)."""

from __future__ import annotations

import json

import pytest
from selectolax.lexbor import LexborHTMLParser

from scraper.extract.jsliteral import parse_js_value
from scraper.extract.payloads import find, next_data, next_f, nuxt, nuxt_data, parse_payload_json, strings, unflatten


def _page(*scripts: str) -> LexborHTMLParser:
    return LexborHTMLParser("<html><body><div id='app'></div>" + "".join(scripts) + "</body></html>")


def test_next_data_is_the_json_of_its_script() -> None:
    tree = _page('<script id="__NEXT_DATA__" type="application/json">{"props":{"pageProps":{"post":{"title":"T"}}}}'
                 "</script>")
    assert next(find(next_data(tree), "props.pageProps.post.title")) == "T"


def test_broken_or_missing_payloads_read_as_none() -> None:
    assert next_data(_page('<script id="__NEXT_DATA__">{"props": </script>')) is None
    assert next_data(_page()) is None and nuxt_data(_page()) is None and next_f(_page()) is None
    assert nuxt(_page("<script>window.__NUXT__=alert(document.cookie)</script>")) is None


def test_flight_rows_keep_multibyte_text_rows_whole() -> None:
    """A text row's length counts UTF-8 bytes: an em dash or an accented letter inside it
    must not cut the HTML short or shift the next row."""
    html = "<p>Sekolah — kapal, café.</p>"
    flight = f'5:T{len(html.encode()):x},{html}0:["$","div",null,{{"content":"$5","title":"Judul"}}]\n'
    pushes = [flight[:12], flight[12:]]  # the server streams rows across pushes
    scripts = [f"<script>self.__next_f.push({json.dumps([1, part])})</script>" for part in pushes]
    rows = next_f(_page("<script>(self.__next_f=self.__next_f||[]).push([0])</script>", *scripts))
    assert rows is not None and rows["5"] == html
    assert next(find(rows["0"], "*.content", rows)) == html  # "$5" resolves to the text row


def test_flight_ignores_other_pushes() -> None:
    assert next_f(_page("<script>self.__next_f.push([2,null])</script>")) is None


def test_devalue_arrays_hydrate_with_nuxt_wrappers() -> None:
    flat = [{"data": 1, "state": 4}, ["ShallowReactive", 2], {"artikel": 3}, {"judul": 5, "tag": 6, "lagi": 5},
            ["Reactive", 7], "Judul Berita", ["Set", 5], {}]
    data = unflatten(flat)
    assert data == {"data": {"artikel": {"judul": "Judul Berita", "tag": ["Judul Berita"], "lagi": "Judul Berita"}},
                    "state": {}}


def test_devalue_cycles_and_bad_indices_do_not_loop() -> None:
    assert unflatten([{"self": 0, "gone": -1, "far": 99}]) == {"self": None, "gone": None, "far": None}


def test_nuxt_data_script_is_devalue() -> None:
    tree = _page('<script type="application/json" id="__NUXT_DATA__" data-ssr="true">'
                 '[{"data":1},{"post":2},{"body":3},"Isi berita"]</script>')
    assert next(find(nuxt_data(tree), "data.*.body")) == "Isi berita"


def test_window_nuxt_function_form() -> None:
    tree = _page('<script>window.__NUXT__=(function(a,b){return {data:[{post:{title:a,body:"\\u003Cp\\u003EIsi'
                 '\\u003C\\u002Fp\\u003E",tags:[b]}}],state:{}}}("Judul","kota"));</script>')
    data = nuxt(tree)
    assert next(find(data, "data.0.post")) == {"title": "Judul", "body": "<p>Isi</p>", "tags": ["kota"]}


def test_payload_json_plain_or_devalue() -> None:
    assert parse_payload_json('{"data": {"a": 1}}') == {"data": {"a": 1}}
    assert parse_payload_json('[{"data":1},{"a":2},1]') == {"data": {"a": 1}}
    assert parse_payload_json("<html>not json</html>") is None


def test_find_wildcards_and_depth() -> None:
    data = {"a": [{"b": {"c": "x"}}, {"b": {"c": "y"}}], "d": {"e": {"f": {"c": "z"}}}}
    assert list(find(data, "a.*.b.c")) == ["x", "y"]
    assert list(find(data, "**.c")) == ["x", "y", "z"]
    assert list(find(data, "a.1.b.c")) == ["y"]
    assert list(find(data, "nope.c")) == []


def test_strings_name_their_holder() -> None:
    data = {"post": {"title": "T", "body": "B"}, "tags": ["x"]}
    assert sorted((value, holder is data["post"]) for value, holder in strings(data)) == [
        ("B", True), ("T", True), ("x", False)]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("{a:1,'b':\"dua\",c:[true,false,null,void 0]}", {"a": 1, "b": "dua", "c": [True, False, None, None]}),
        ("(function(a){return {x:a,y:[a]}}(\"s\"));window.__NUXT__.config={}", {"x": "s", "y": ["s"]}),
        ("{d:new Date(1700000000000),n:-1.5e2}", {"d": 1700000000000, "n": -150.0}),
    ],
)
def test_js_literals(text: str, value: object) -> None:
    assert parse_js_value(text) == value


@pytest.mark.parametrize("text", ["alert(1)", "(function(a){var x=a;return x}(1))", "{a:", "[" * 5000, "'open"])
def test_js_that_is_not_a_literal_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_js_value(text)


def test_a_string_referenced_50000_times_is_yielded_once() -> None:
    from devtools.sitegen import shared_string_page  # noqa: PLC0415

    data = nuxt_data(LexborHTMLParser(shared_string_page()))
    found = list(strings(data))
    assert len(found) == 1 and len(found[0][0]) > 100_000


def test_a_shared_object_is_searched_once_per_path() -> None:
    """A devalue DAG where every level references the one below twice: 2**40 paths to the
    bottom, one object each level; ``**`` finds the bottom's value once, at once."""
    values: list[object] = []
    for level in range(40):
        values.append({"left": level + 1, "right": level + 1})
    values.append({"body": 41})
    values.append("the story")
    assert list(find(unflatten(values), "**.body")) == ["the story"]


def test_the_shared_string_page_extracts_in_bounded_time() -> None:
    import time  # noqa: PLC0415

    from devtools.sitegen import shared_string_page  # noqa: PLC0415
    from scraper.extract.pipeline import extract_html  # noqa: PLC0415

    started = time.monotonic()
    article = extract_html(shared_string_page().encode(), "https://example.com/berita/x")
    assert time.monotonic() - started < 10 and article.word_count > 2000  # was: over 150 s
