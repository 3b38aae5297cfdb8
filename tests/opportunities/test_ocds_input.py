"""Reading every OCDS shape, streamed, without a database."""

import gzip
import json

import pytest

from opportunities.json_stream import MAX_DIGITS
from opportunities.ocds_input import MAX_DEPTH, read_page, read_releases
from tests.opportunities.conftest import package, release


def ids(items):
    return [(i.release or {}).get("id") for i in items if i.release]


def test_release_package(write):
    items = list(
        read_releases(write("p.json", package(release(release_id="a"), release(release_id="b"))))
    )
    assert ids(items) == ["a", "b"] and [i.location for i in items] == [
        "releases[0]",
        "releases[1]",
    ]


def test_gzip_and_record_package(write):
    record_package = {
        "records": [
            {"ocid": "ocds-x", "releases": [release(release_id="a"), release(release_id="b")]},
            {
                "ocid": "ocds-y",
                "releases": [{"url": "https://example.org/r.json", "date": "2025-01-01T00:00:00Z"}],
            },
        ]
    }
    items = list(read_releases(write("r.json.gz", record_package)))
    assert ids(items) == ["a", "b"]
    assert (
        items[2].error.startswith("linked release")
        and items[2].location == "records[1].releases[0]"
    )


def test_json_lines_of_releases_and_packages(write):
    lines = "\n".join(
        [
            json.dumps(release(release_id="a")),
            json.dumps(package(release(release_id="b"))),
            "{broken",
            "",
        ]
    )
    items = list(read_releases(write("lines.jsonl", lines)))
    assert ids(items) == ["a", "b"]
    assert items[2].location == "line 3" and "not valid JSON" in items[2].error


def test_truncated_file_keeps_what_came_before(write):
    text = json.dumps(
        package(release(release_id="a"), release(release_id="b"), release(release_id="c"))
    )
    items = list(read_releases(write("t.json", text[: text.rindex('"c"')])))
    assert ids(items) == ["a", "b"]
    assert items[-1].location == "releases[2]" and "truncated" in items[-1].error


def test_not_ocds(write):
    assert (
        "neither 'releases' nor 'records'"
        in next(read_releases(write("x.json", {"hello": 1}))).error
    )
    assert "empty" in next(read_releases(write("e.json", ""))).error
    assert "not JSON" in next(read_releases(write("c.csv", "a,b\n1,2\n"))).error


def test_non_object_release(write):
    item = next(iter(read_releases(write("p.json", package("just a string")))))
    assert item.release is None and "must be a JSON object" in item.error


def test_reading_is_streamed(write, tmp_path):
    """A package of 20,000 releases is read one release at a time (a generator, not a list)."""
    big = package(*[release(release_id=str(n)) for n in range(20_000)])
    reader = read_releases(write("big.json", big))
    first = next(reader)
    assert first.release["id"] == "0"
    assert sum(1 for _ in reader) == 19_999


# Hostile input: nesting, non-releases in JSON Lines, compressed files cut short ---------------


def nested(levels: int) -> str:
    return "[" * levels + "]" * levels


def with_extra(release_id: str, levels: int) -> str:
    """A release whose field x holds arrays `levels` deep (the release itself is one level more)."""
    return json.dumps(release(release_id=release_id))[:-1] + f', "x": {nested(levels)}}}'


def deep_reasons(items):
    return {i.location: i.error for i in items if i.error and "levels deep" in i.error}


def test_the_depth_limit_is_exact_and_says_where():
    """A release may be MAX_DEPTH levels deep (itself one of them), not one more."""
    text = json.dumps(package())[:-2] + ",".join(
        [with_extra("ok", MAX_DEPTH - 1), with_extra("over", MAX_DEPTH)]
    )
    text += "]}"
    items = list(read_releases(_write_text("p.json", text)))
    assert ids(items) == ["ok"]
    reason = deep_reasons(items)["releases[1]"]
    assert f"nested more than {MAX_DEPTH} levels deep (at release.x[0][0]" in reason


_TMP = {}


def _write_text(name, text):
    path = _TMP["dir"] / name
    path.write_bytes(gzip.compress(text.encode()) if name.endswith(".gz") else text.encode())
    return path


@pytest.fixture(autouse=True)
def _tmp(tmp_path):
    _TMP["dir"] = tmp_path


DEEP = 100_000  # about 200 KB of brackets: ijson alone needed more than 23 GB for this


@pytest.mark.parametrize(
    ("name", "build", "deep_place"),
    [
        (
            "package.json",
            lambda good, bad: json.dumps(package())[:-2] + f"{good(0)},{bad(1)},{good(2)}]}}",
            "releases[1]",
        ),
        ("array.json", lambda good, bad: f"[{good(0)},{bad(1)},{good(2)}]", "[1]"),
        (
            "package.json.gz",
            lambda good, bad: f'{{"releases":[{good(0)},{bad(1)},{good(2)}]}}',
            "releases[1]",
        ),
        (
            "records.json",
            lambda good, bad: (
                f'{{"records":[{{"ocid":"ocds-test-1","releases":[{good(0)},{bad(1)}]}},'
                f'{{"ocid":"ocds-test-2","releases":[{good(2)}]}}]}}'
            ),
            "records[0].releases[1]",
        ),
        ("lines.jsonl", lambda good, bad: f"{good(0)}\n{bad(1)}\n{good(2)}\n", "line 2"),
        (
            "package-lines.jsonl",
            lambda good, bad: (
                f'{{"records":[{{"releases":[{good(0)}]}}]}}\n{{"releases":[{bad(1)},{good(2)}]}}\n'
            ),
            "line 2: releases[0]",
        ),
    ],
)
@pytest.mark.parametrize("levels", [MAX_DEPTH, 300, DEEP])
def test_a_release_nested_too_deep_is_refused_and_the_rest_is_read(name, build, deep_place, levels):
    """In every shape the reader accepts: just above the limit, above what orjson can write (254),
    and 100,000 deep (refused without building it: the test would run out of memory otherwise)."""
    good = lambda n: json.dumps(release(release_id=f"r{n}"))  # noqa: E731
    bad = lambda n: with_extra(f"r{n}", levels)  # noqa: E731
    items = list(read_releases(_write_text(name, build(good, bad))))
    assert ids(items) == ["r0", "r2"]
    assert list(deep_reasons(items)) == [deep_place]
    assert len(items) == 3


def test_packages_one_after_another_with_a_long_first_one():
    """Concatenated packages (or JSON Lines whose first line is longer than the part read to tell
    the shape): every package's releases are read, the one too deep refused."""
    first = package(*[release(release_id=f"a{n}", tender={"title": "t" * 1000}) for n in range(80)])
    text = json.dumps(first) + "\n" + json.dumps(package())[:-2] + with_extra("b0", DEEP) + "]}\n"
    text += json.dumps(package(release(release_id="b1")))
    items = list(read_releases(_write_text("many.json", text)))
    assert ids(items) == [f"a{n}" for n in range(80)] + ["b1"]
    assert list(deep_reasons(items)) == ["releases[80]"]


def test_json_lines_of_releases_with_a_long_first_line():
    """Longer than the part read to tell the shape: still read line by line, not as one release."""
    lines = [json.dumps(release(release_id="a", tender={"title": "t" * 100_000}))]
    lines += [with_extra("b", DEEP), json.dumps(release(release_id="c"))]
    items = list(read_releases(_write_text("long.jsonl", "\n".join(lines))))
    assert ids(items) == ["a", "c"] and list(deep_reasons(items)) == ["line 2"]


def test_a_single_release_nested_too_deep_is_refused():
    items = list(read_releases(_write_text("one.json", with_extra("r1", DEEP))))
    assert [i.location for i in items] == ["release"] and "levels deep" in items[0].error


def test_deep_nesting_outside_the_releases_is_not_built():
    """Deep input before the releases (here the package's own field) costs nothing to pass."""
    text = f'{{"extensions": {nested(DEEP)}, "releases": [{json.dumps(release())}]}}'
    assert ids(read_releases(_write_text("p.json", text))) == ["r1"]


def test_brackets_inside_strings_do_not_count_as_nesting():
    title = '[{"' * 200 + '\\"\\\\[' * 100
    items = list(
        read_releases(_write_text("p.json", json.dumps(package(release(tender={"title": title})))))
    )
    assert items[0].release["tender"]["title"] == title


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"records": [1, 2]}', "record has no 'releases' list"),
        ('{"records": [{"releases": "x"}]}', "record has no 'releases' list"),
        ("[1, 2]", "a release must be a JSON object, found list"),
        ("42", "a release must be a JSON object, found int"),
        ('"text"', "a release must be a JSON object, found str"),
        ('{"releases": [7]}', "a release must be a JSON object, found int"),
    ],
)
def test_json_lines_that_are_not_releases_are_refused_at_their_place(line, reason):
    text = "\n".join(
        [json.dumps(release(release_id="a")), line, json.dumps(release(release_id="b"))]
    )
    items = list(read_releases(_write_text("lines.jsonl", text)))
    assert ids(items) == ["a", "b"]
    refused = [i for i in items if i.error]
    assert refused and all(i.location.startswith("line 2") and reason in i.error for i in refused)


def cut_short(text: str) -> bytes:
    """`text` gzip-compressed, with the last quarter of the compressed bytes gone."""
    compressed = gzip.compress(text.encode())
    return compressed[: len(compressed) * 3 // 4]


def test_a_compressed_json_lines_file_cut_short_keeps_what_came_before(tmp_path):
    lines = [
        json.dumps(release(release_id=str(n), tender={"title": f"t{n}" * 40})) for n in range(400)
    ]
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(cut_short("\n".join(lines) + "\n"))
    items = list(read_releases(path))
    read = ids(items)
    assert 100 < len(read) < 400 and read == [str(n) for n in range(len(read))]
    last = items[-1]
    assert last.release is None and last.location == f"line {len(read) + 1}"
    assert last.error.startswith(f"the compressed file ends early after line {len(read)}")


@pytest.mark.parametrize("shape", ["package", "records", "array"])
def test_a_compressed_package_cut_short_keeps_what_came_before(tmp_path, shape):
    releases = [release(release_id=str(n), tender={"title": f"t{n}" * 40}) for n in range(400)]
    document = {
        "package": package(*releases),
        "records": {"records": [{"ocid": "ocds-test-1", "releases": [r]} for r in releases]},
        "array": releases,
    }[shape]
    path = tmp_path / "cut.json.gz"
    path.write_bytes(cut_short(json.dumps(document)))
    items = list(read_releases(path))
    read = ids(items)
    # Everything decompressed before the cut is read (nothing held back in a buffer is lost).
    whole = gzip.decompress(gzip.compress(json.dumps(document).encode()))
    assert 100 < len(read) < 400 and read == [str(n) for n in range(len(read))]
    assert len(whole) > 0
    last = items[-1]
    assert last.release is None and "the compressed file ends early after" in last.error


def test_a_small_compressed_file_cut_short_still_gives_its_first_releases(tmp_path):
    """Shorter than the first piece read to tell the shape: what came before the cut is kept (here
    the cut takes only gzip's 8-byte trailer, so both releases are whole)."""
    path = tmp_path / "small.json.gz"
    path.write_bytes(
        gzip.compress(
            json.dumps(package(release(release_id="a"), release(release_id="b"))).encode()
        )[:-8]
    )
    items = list(read_releases(path))
    assert ids(items) == ["a", "b"] and "ends early after releases[1]" in items[-1].error


def test_damaged_compressed_data_is_reported_at_its_place(tmp_path):
    lines = [
        json.dumps(release(release_id=str(n), tender={"title": f"t{n}" * 40})) for n in range(400)
    ]
    compressed = bytearray(gzip.compress("\n".join(lines).encode()))
    middle = len(compressed) // 2
    compressed[middle : middle + 64] = bytes(64)
    path = tmp_path / "damaged.jsonl.gz"
    path.write_bytes(bytes(compressed))
    items = list(read_releases(path))
    assert 0 < len(ids(items)) < 400
    assert "the compressed data is damaged after line" in items[-1].error


def test_an_api_page_is_read_whole_without_building_its_releases():
    body = json.dumps(
        package(release(), release(release_id="r2")) | {"links": {"next": "https://x/2"}}
    )
    page = read_page(body.encode())
    assert page["releases"] == [None, None] and page["links"]["next"] == "https://x/2"
    deep = f'{{"releases": [{with_extra("r1", DEEP)}], "links": {{}}}}'.encode()
    assert read_page(deep)["releases"] == [None]
    with pytest.raises(ValueError, match="not valid JSON"):
        read_page(body[: len(body) // 2].encode())


# Numbers that do not fit a double ----------------------------------------------------------------

NO_LIMIT = '"tender": {"id": "t", "lotDetails": {"maximumLotsBidPerSupplier": 1e9999}}'


def _with(release_id: str, extra: str) -> str:
    return json.dumps(release(release_id=release_id))[:-1] + f", {extra}}}"


def _text_of(*releases: str, shape: str) -> str:
    if shape == "package":
        return f'{{"releases": [{", ".join(releases)}]}}'
    if shape == "records":
        return f'{{"records": [{{"ocid": "ocds-test-1", "releases": [{", ".join(releases)}]}}]}}'
    if shape == "array":
        return f"[{', '.join(releases)}]"
    if shape == "lines":
        return "\n".join(releases) + "\n"
    return " ".join(f'{{"releases": [{r}]}}' for r in releases)  # packages one after another


@pytest.mark.parametrize("shape", ["package", "records", "array", "lines", "concatenated"])
def test_a_number_too_large_for_a_double_is_read_and_kept_as_its_text(shape):
    plain = [
        json.dumps(release(release_id=n, tender={"id": "t", "value": {"amount": 1.5}}))
        for n in "ab"
    ]
    text = _text_of(plain[0], _with("big", NO_LIMIT), plain[1], shape=shape)
    items = list(read_releases(_write_text(f"n.{'jsonl' if shape == 'lines' else 'json'}", text)))
    assert ids(items) == ["a", "big", "b"] and not [i for i in items if i.error]
    big = items[1].release
    assert big["tender"]["lotDetails"]["maximumLotsBidPerSupplier"] == "1e9999"
    assert items[1].numbers == (("tender.lotDetails.maximumLotsBidPerSupplier", "1e9999"),)
    # The releases around it are read exactly as the fast reader reads them.
    assert items[2].release == json.loads(plain[1]) and items[0].numbers == items[2].numbers == ()


@pytest.mark.parametrize("shape", ["single", "package", "lines"])
def test_numbers_beyond_64_bits_and_below_a_double_are_kept_as_their_text(shape):
    numbers = "18446744073709551616, -9223372036854775809, 1e-9999, 2.5, 7, 18446744073709551615"
    text = _with("r", f'"x": [{numbers}]')
    text = text if shape == "single" else _text_of(text, text.replace('"r"', '"s"'), shape=shape)
    items = list(read_releases(_write_text(f"one.{'jsonl' if shape == 'lines' else 'json'}", text)))
    assert [i.release["x"] for i in items] == [
        ["18446744073709551616", "-9223372036854775809", "1e-9999", 2.5, 7, 2**64 - 1]
    ] * (1 if shape == "single" else 2)
    assert all([path for path, _ in i.numbers] == ["x.0", "x.1", "x.2"] for i in items)


def test_a_single_release_with_a_number_too_large(write):
    [item] = read_releases(_write_text("release.json", _with("r", '"n": -1E+9999')))
    assert item.release["n"] == "-1e9999" and item.numbers == (("n", "-1e9999"),)


@pytest.mark.parametrize("digits", [5000, 100_000])
def test_a_number_no_parser_can_take_is_refused_without_stopping_what_came_before(digits):
    huge = "9" * digits
    text = _text_of(
        json.dumps(release(release_id="a")),
        _with("big", NO_LIMIT),
        _with("huge", f'"n": {huge}'),
        json.dumps(release(release_id="after")),
        shape="package",
    )
    items = list(read_releases(_write_text("huge.json", text)))
    assert ids(items) == ["a", "big"]
    assert items[-1].location == "releases[2]"
    assert f"a number of more than {MAX_DIGITS:,} digits" in items[-1].error
    # In JSON Lines only its own line is lost.
    lines = _text_of(
        json.dumps(release(release_id="a")),
        _with("huge", f'"n": {huge}'),
        _with("big", NO_LIMIT),
        shape="lines",
    )
    items = list(read_releases(_write_text("huge.jsonl", lines)))
    assert ids(items) == ["a", "big"] and items[1].location == "line 2" and items[1].error


def test_an_exponent_no_parser_can_take_is_refused():
    text = _text_of(
        json.dumps(release(release_id="a")),
        _with("e", '"n": 1e99999999999999999999'),
        shape="array",
    )
    items = list(read_releases(_write_text("exp.json", text)))
    assert ids(items) == ["a"] and "exponent of more than" in items[-1].error


def test_a_file_that_is_not_json_after_a_huge_number_still_says_where():
    text = _text_of(json.dumps(release(release_id="a")), _with("big", NO_LIMIT), shape="package")
    items = list(read_releases(_write_text("cut.json", text[:-30])))
    assert ids(items) == ["a"] and items[-1].location == "releases[1]"
    assert "not valid JSON from here on" in items[-1].error


def test_numbers_in_an_api_page_do_not_stop_it():
    body = _text_of(_with("big", NO_LIMIT), shape="package").encode()
    assert read_page(body)["releases"] == [None]
    with pytest.raises(ValueError, match="not valid JSON"):
        read_page(_text_of(_with("huge", f'"n": {"9" * 5000}'), shape="package").encode())


def test_both_readers_give_the_same_releases_on_real_files():
    """The value-by-value reader (used from a number that does not fit on) builds every real
    release exactly as the fast reader does, so a release digests the same whichever read it."""
    import io

    from opportunities import json_stream
    from tests.conftest import require_data

    files = sorted(require_data("ocds", "find-a-tender").glob("*/page-*.json"))
    files += sorted(require_data("ocds", "contracts-finder").glob("*.json"))
    for path in files:
        fast = [i.release for i in read_releases(path)]
        reader = json_stream.Reader(io.BytesIO(path.read_bytes()), numbers=True)
        slow = [value for value, _ in json_stream.values_at(reader, ("releases", None), MAX_DEPTH)]
        assert len(fast) == len(slow) > 0 and fast == slow, path.name
        assert all(type(a) is type(b) for a, b in zip(_leaves(fast), _leaves(slow), strict=True))


def _leaves(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item)
    else:
        yield value


def test_the_real_day_is_read_whole():
    from tests.conftest import require_data

    folder = require_data("ocds", "find-a-tender")
    items = [
        i for path in sorted(folder.glob("2026-08-10/page-*.json")) for i in read_releases(path)
    ]
    assert len(items) == 459 and not [i for i in items if i.error]
    assert len({(i.release["ocid"], i.release["id"]) for i in items}) == 459
    noted = [(i.release["id"], i.numbers) for i in items if i.numbers]
    assert noted == [("075694-2026", (("tender.lotDetails.maximumLotsBidPerSupplier", "1e9999"),))]


def test_a_number_the_fast_reader_would_round_to_zero_is_kept():
    text = _text_of(
        json.dumps(release(release_id="a")), _with("tiny", '"n": 1e-9999'), shape="array"
    )
    items = list(read_releases(_write_text("tiny.json", text)))
    assert ids(items) == ["a", "tiny"] and items[1].release["n"] == "1e-9999"
