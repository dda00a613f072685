"""The file form of matching, as `pnet match` runs it: CSV in, M.csv out."""

from __future__ import annotations

import sys
from pathlib import Path

from matching.affinity import affinity_pairs
from matching.assign import MatchResult, match_tables
from matching.csv_io import read_consultants, read_initiatives, read_scores, write_matches
from matching.params import MatchParams
from pnet.paths import check_output_file
from warehouse.reference import boundaries


def match_files(
    initiatives_csv: str | Path,
    consultants_csv: str | Path,
    scores_csv: str | Path | None,
    params: MatchParams,
    output_csv: str | Path,
) -> MatchResult:
    """Read the files, match, write `output_csv` ('-': standard output). With a scores file only its pairs are candidates."""
    check_output_file(output_csv)
    initiatives = read_initiatives(initiatives_csv)
    consultants = read_consultants(consultants_csv)
    computed = affinity_pairs(initiatives, consultants, boundaries())
    if scores_csv:
        given = read_scores(scores_csv, initiatives, consultants)
        pairs = given.merge(computed.drop(columns=["score"]), on=["initiative_id", "consultant_id"], how="left")
    else:
        pairs = computed
    result = match_tables(initiatives, consultants, pairs, params)
    write_matches(result.matches, sys.stdout if str(output_csv) == "-" else output_csv)
    return result
