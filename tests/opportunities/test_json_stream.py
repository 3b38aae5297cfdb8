"""JSON read within bounds (opportunities/json_stream.py): pure, no database."""

import json

from opportunities.json_stream import Nesting


def test_nesting_is_measured_exactly_whatever_the_pieces():
    text = json.dumps({"a": [{"b": '[[{"\\'}, [[['x"]']]]], "c": "}}}"}).encode()
    for size in (1, 2, 3, 5, 64):
        nesting = Nesting()
        for start in range(0, len(text), size):
            nesting.feed(text[start : start + size])
        assert (nesting.deepest, nesting.depth, nesting.in_string) == (5, 0, False)
