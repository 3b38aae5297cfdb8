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

import polars as pl


def _levels(column: str, levels: list[dict], bound: str) -> str:
    """A SQL CASE giving the Bayes factor m/u of the first level the column reaches."""
    op = ">=" if bound == "at_least" else "<="
    cases = " ".join(
        f"WHEN {column} {op} {level[bound]} THEN CAST({level['m'] / level['u']!r} AS DOUBLE)"
        for level in levels
    )
    return f"CASE {cases} ELSE 1.0 END"


SQL = """
CREATE TEMP TABLE etok AS
SELECT id, unnest(list_distinct(string_split(normalised_name, ' '))) AS tok FROM names;
CREATE TEMP TABLE df AS SELECT tok, count(DISTINCT id) AS n FROM etok GROUP BY tok;
CREATE TEMP TABLE qwords AS
SELECT q.payee_id, q.normalised_name, q.hint, q.postcode, t.tok, coalesce(df.n, 0) AS n
FROM (SELECT *, unnest(list_distinct(string_split(normalised_name, ' '))) AS tok FROM queries) AS t
JOIN queries AS q USING (payee_id, normalised_name)
LEFT JOIN df USING (tok);
CREATE TEMP TABLE qblock AS
SELECT payee_id, normalised_name, hint, postcode, tok, n FROM (
  SELECT *, row_number() OVER (PARTITION BY payee_id, normalised_name ORDER BY n, tok) AS r
  FROM qwords WHERE n BETWEEN 1 AND {limit} AND length(tok) > 1
) WHERE r <= 2;
CREATE TEMP TABLE pairs AS
SELECT b.payee_id, b.normalised_name AS q, any_value(b.hint) AS hint,
       any_value(b.postcode) AS qpost, e.id, arg_min(b.tok, b.n) AS rare, min(b.n) AS rare_n
FROM qblock AS b JOIN etok AS e USING (tok)
GROUP BY b.payee_id, b.normalised_name, e.id;
"""

SCORE = """
WITH compared AS (
  SELECT p.payee_id, p.id, p.hint, p.rare, p.rare_n, p.qpost, e.postcode AS epost,
         jaro_winkler_similarity(p.q, n.normalised_name) AS jw,
         len(list_intersect(list_distinct(string_split(p.q, ' ')),
                            list_distinct(string_split(n.normalised_name, ' ')))) AS shared,
         len(list_distinct(list_concat(string_split(p.q, ' '),
                                       string_split(n.normalised_name, ' ')))) AS words
  FROM pairs AS p
  JOIN names AS n ON n.id = p.id
  JOIN entries AS e ON e.id = p.id
), scored AS (
  SELECT *, CAST(shared AS DOUBLE) / words AS same,
    CAST({prior_odds} AS DOUBLE) * ({jw}) * ({same}) * ({rare})
      * (CASE WHEN qpost = '' OR coalesce(epost, '') = '' THEN 1.0
              WHEN qpost = epost THEN CAST({post_same} AS DOUBLE) ELSE CAST({post_diff} AS DOUBLE) END) AS odds
  FROM compared
), best AS (
  SELECT payee_id, id, arg_max(hint, odds) AS hint, max(jw) AS jw, arg_max(shared, odds) AS shared,
         arg_max(words, odds) AS words, arg_max(rare, odds) AS rare,
         arg_max(rare_n, odds) AS rare_n, max(odds) AS odds
  FROM scored GROUP BY payee_id, id
)
SELECT payee_id, id, hint, jw, shared, words, rare, rare_n, odds / (1 + odds) AS probability
FROM (
  SELECT *, row_number() OVER (PARTITION BY payee_id ORDER BY odds DESC, id) AS r FROM best
) WHERE r <= {keep} AND odds / (1 + odds) >= {floor}
"""


def score(
    queries: pl.DataFrame,
    names: pl.DataFrame,
    entries: pl.DataFrame,
    model: dict,
    *,
    memory_limit: str = "1200MB",
    floor: float = 0.05,
) -> pl.DataFrame:
    """`queries`: (payee_id, normalised_name, hint, postcode), several forms per payee; `names`:
    (id, normalised_name, alias) of entries; `entries`: (id, postcode, ...). Returns the best
    `candidates_per_payee` entries of each payee: payee_id, id, hint, jw, shared, words, rare,
    rare_n, probability."""
    import duckdb

    con = duckdb.connect(
        config={"memory_limit": memory_limit, "threads": 2, "preserve_insertion_order": False}
    )
    try:
        con.register("queries", queries.unique(["payee_id", "normalised_name"]).to_arrow())
        con.register("names", names.select("id", "normalised_name").to_arrow())
        con.register("entries", entries.select("id", "postcode").to_arrow())
        con.execute(SQL.format(limit=int(model["rare_word_limit"])))
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
            floor=repr(floor),
        )
        return con.sql(sql).pl()
    finally:
        con.close()
