"""The probabilistic step of register matching (suppliers/matching.py): candidate pairs blocked on
rare words, scored by Fellegi-Sunter. Pure: frames in, a frame out, in an in-memory DuckDB of its
own (bounded memory, spilling to a temporary folder) so that 60,000 payee names against 5 million
companies fit in minutes and under 2 GB.

Blocking: a payee name is compared with the entries that share one of its two rarest words, among
the words shared by at most `rare_word_limit` entries ("services" or "limited" block nothing).
Comparisons: Jaro-Winkler similarity of the normalised names; the share of words in common; the
number of entries sharing the rarest word in common; the postcode when both have one.
"""

from __future__ import annotations

import tempfile

import polars as pl


def _levels(column: str, levels: list[dict], bound: str) -> str:
    """A SQL CASE giving the Bayes factor m/u of the first level the column reaches."""
    op = ">=" if bound == "at_least" else "<="
    cases = " ".join(
        f"WHEN {column} {op} {level[bound]} THEN CAST({level['m'] / level['u']!r} AS DOUBLE)"
        for level in levels
    )
    return f"CASE {cases} ELSE 1.0 END"


# The blocking keys of a table of names: each word ('t:'), each pair of its first six distinct
# words ('tt:', so that two common words together still block: "city cleaning"), each half of its
# long words ('h:', so that a slip in a rare word still meets: "mulderrings" / "muxderrings"), and
# its first and last six letters ('p:', 's:'). Keys are 64-bit
# hashes; the entries' keys are never stored whole, only those a payee has.
KEYS = """
CREATE TEMP VIEW {name}_words AS
SELECT *, list_distinct(list_filter(string_split(normalised_name, ' '),
                                    lambda w: length(w) > 1))[1:6] AS w
FROM {table};
CREATE TEMP VIEW {name}_keys AS
SELECT {columns}, hash('t:' || tok) AS h, tok FROM (SELECT *, unnest(w) AS tok FROM {name}_words)
UNION ALL
SELECT {columns}, hash('tt:' || pair) AS h, NULL FROM (
  SELECT *, unnest(flatten(list_transform(w, lambda a: list_transform(list_filter(w,
         lambda b: b > a), lambda b: a || ' ' || b))))
  AS pair FROM {name}_words)
UNION ALL
SELECT {columns}, hash('h:' || half), NULL FROM (
  SELECT *, unnest(flatten(list_transform(list_filter(w, lambda x: length(x) >= 6),
         lambda x: ['1' || left(x, length(x) // 2), '2' || right(x, length(x) - length(x) // 2)])))
  AS half FROM {name}_words)
UNION ALL
SELECT {columns}, hash('p:' || left(normalised_name, 6)), NULL FROM {table}
WHERE length(normalised_name) >= 8
UNION ALL
SELECT {columns}, hash('s:' || right(normalised_name, 6)), NULL FROM {table}
WHERE length(normalised_name) >= 8;
"""

SQL = """
CREATE TEMP TABLE qkeys AS SELECT row_number() OVER () AS kid, * FROM q_keys;
CREATE TEMP TABLE kdf AS
SELECT h, count(*) AS n FROM e_keys WHERE h IN (SELECT h FROM qkeys) GROUP BY h;
CREATE TEMP TABLE qsel AS
SELECT * FROM (
  SELECT q.kid, q.qid, q.h, q.tok, k.n,
         sum(k.n) OVER (PARTITION BY q.qid ORDER BY k.n, q.h ROWS UNBOUNDED PRECEDING) AS run
  FROM qkeys AS q JOIN kdf AS k USING (h) WHERE k.n <= {limit}
) WHERE run - n < {budget};
CREATE TEMP TABLE ehits AS SELECT id, h FROM e_keys WHERE h IN (SELECT h FROM qsel);
CREATE TEMP TABLE pairs AS
SELECT qid, id, rare_n, rare_kid FROM (
  SELECT *, row_number() OVER (PARTITION BY qid ORDER BY keys DESC, rare_n, id) AS r FROM (
    SELECT q.qid, e.id, count(*) AS keys,
           min(CASE WHEN q.tok IS NULL THEN 1000000000 ELSE q.n END) AS rare_n,
           arg_min(q.kid, CASE WHEN q.tok IS NULL THEN 1000000000 ELSE q.n END) AS rare_kid
    FROM qsel AS q JOIN ehits AS e USING (h)
    GROUP BY q.qid, e.id
  )
) WHERE r <= {scored};
CREATE TEMP TABLE wordn AS
SELECT DISTINCT q.tok, k.n FROM qkeys AS q JOIN kdf AS k USING (h) WHERE q.tok IS NOT NULL;
"""

# Words alike: a payee's word counts when an entry's word is spelt nearly the same (Jaro-Winkler
# of at least `word_alike`: at 0.88 "widgets" / "widgeys" and "smith" / "smyth" agree, "legal" /
# "jegal" not); worked out only
# for pairs whose whole names are close enough for it to matter.
SCORE = """
WITH split AS (
  SELECT p.qid, p.id, p.rare_n, p.rare_kid, q.payee_id, q.hint, q.postcode AS qpost,
         e.postcode AS epost, q.normalised_name AS qn, n.normalised_name AS en,
         list_distinct(string_split(q.normalised_name, ' ')) AS qw,
         list_distinct(string_split(n.normalised_name, ' ')) AS ew
  FROM pairs AS p
  JOIN queries AS q USING (qid)
  JOIN names AS n ON n.id = p.id
  JOIN entries AS e ON e.id = p.id
), cheap AS (
  SELECT *, jaro_winkler_similarity(qn, en) AS jw, len(list_intersect(qw, ew)) AS exact
  FROM split
), rarity AS (
  -- The rarest word the two names share, however it was blocked (a pair of words may have
  -- found the entry before the word itself was counted).
  SELECT qid, id, min(w.n) AS rn, arg_min(w.tok, w.n) AS rtok
  FROM (SELECT qid, id, unnest(list_intersect(qw, ew)) AS tok FROM cheap) JOIN wordn AS w USING (tok)
  GROUP BY qid, id
), rared AS (
  SELECT c.* REPLACE (least(c.rare_n, coalesce(r.rn, 1000000000)) AS rare_n),
         CASE WHEN r.rn IS NOT NULL AND r.rn < c.rare_n THEN r.rtok END AS rtok
  FROM cheap AS c LEFT JOIN rarity AS r USING (qid, id)
), compared AS (
  SELECT *,
    CASE WHEN jw >= 0.85 AND exact < len(qw) THEN
      len(list_filter(list_transform(qw, lambda w: list_max(list_transform(ew,
          lambda v: jaro_winkler_similarity(w, v)))), lambda s: s >= {word_alike}))
    ELSE exact END AS shared
  FROM rared
), scored AS (
  SELECT *, len(qw) + len(ew) - shared AS words,
    CAST(shared AS DOUBLE) / greatest(len(qw) + len(ew) - shared, 1) AS same
  FROM compared
), weighed AS (
  SELECT *,
    CAST({prior_odds} AS DOUBLE) * ({jw}) * ({same}) * ({rare})
      * (CASE WHEN qpost = '' OR coalesce(epost, '') = '' THEN 1.0
              WHEN qpost = epost THEN CAST({post_same} AS DOUBLE)
              ELSE CAST({post_diff} AS DOUBLE) END) AS odds
  FROM scored
), best AS (
  SELECT payee_id, id, arg_max(hint, odds) AS hint, arg_max(jw, odds) AS jw,
         arg_max(shared, odds) AS shared, arg_max(words, odds) AS words,
         arg_max(rare_kid, odds) AS rare_kid, arg_max(rare_n, odds) AS rare_n,
         arg_max(rtok, odds) AS rtok, max(odds) AS odds
  FROM weighed GROUP BY payee_id, id
), top AS (
  SELECT * FROM (
    SELECT *, row_number() OVER (PARTITION BY payee_id ORDER BY odds DESC, id) AS r FROM best
  ) WHERE r <= {keep} AND odds / (1 + odds) >= {floor}
)
SELECT top.payee_id, top.id, top.hint, top.jw, top.shared, top.words,
       CASE WHEN top.rare_n >= 1000000000 THEN '' ELSE coalesce(top.rtok, k.tok) END AS rare,
       top.rare_n,
       top.odds / (1 + top.odds) AS probability
FROM top LEFT JOIN qkeys AS k ON k.kid = top.rare_kid
"""


def score(
    queries: pl.DataFrame,
    names: pl.DataFrame,
    entries: pl.DataFrame,
    model: dict,
    *,
    memory_limit: str = "600MB",
    floor: float = 0.05,
) -> pl.DataFrame:
    """`queries`: (payee_id, normalised_name, hint, postcode), several forms per payee; `names`:
    (id, normalised_name) of entries, their aliases included; `entries`: (id, postcode, ...).
    Returns the best `candidates_per_payee` entries of each payee: payee_id, id, hint, jw,
    shared, words, rare, rare_n, probability."""
    import duckdb  # noqa: PLC0415 (only when a run scores likeness: not on every start-up)

    queries = queries.unique(["payee_id", "normalised_name"], maintain_order=True).with_row_index(
        "qid"
    )
    spill = tempfile.TemporaryDirectory(prefix="anchorhub-matching-")
    con = duckdb.connect(
        config={
            "memory_limit": memory_limit,
            "threads": 2,
            "preserve_insertion_order": False,
            "temp_directory": spill.name,
        }
    )
    try:
        # Arrow's string views are Polars' own: the register's millions of names are not copied.
        newest = pl.CompatLevel.newest()
        con.register("queries", queries.to_arrow(compat_level=newest))
        con.register("names", names.select("id", "normalised_name").to_arrow(compat_level=newest))
        con.register("entries", entries.select("id", "postcode").to_arrow(compat_level=newest))
        con.execute(KEYS.format(name="e", table="names", columns="id"))
        con.execute(KEYS.format(name="q", table="queries", columns="qid"))
        con.execute(
            SQL.format(
                limit=int(model["rare_word_limit"]),
                budget=int(model["pairs_per_name"]),
                scored=int(model["scored_per_name"]),
            )
        )
        prior = model["prior"]
        post = model["postcode"]
        sql = SCORE.format(
            prior_odds=repr(prior / (1 - prior)),
            jw=_levels("jw", model["jaro_winkler"], "at_least"),
            same=_levels("same", model["same_words"], "at_least"),
            rare=_levels("rare_n", model["rarest_shared_word"], "at_most"),
            post_same=repr(post["same"]["m"] / post["same"]["u"]),
            post_diff=repr(post["different"]["m"] / post["different"]["u"]),
            keep=int(model["candidates_per_payee"]),
            word_alike=repr(float(model["word_alike"])),
            floor=repr(floor),
        )
        return con.sql(sql).pl()
    finally:
        con.close()
        spill.cleanup()
