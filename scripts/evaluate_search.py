"""Score the site's search against queries compiled by reading the texts.

    .venv/bin/python scripts/evaluate_search.py [--site site/] [--verbose]   (make evaluate)
    .venv/bin/python scripts/evaluate_search.py --material   (Material's own worker, for comparison)

``scripts/evaluation/search-queries.yml`` lists queries a researcher would type, each with
the passages that should come first. Every query runs through the built site's own search
worker (``site/assets/search/worker.js`` with the site's lunr stemmers and
``search/paragraphs.js``) under Node (``scripts/evaluation/search_node.js``), the same code
the browser runs. Printed: success@1 (the first result is one of the query's passages)
and success@3 (one of the first three is), overall, by kind and for each half of the list
(``tune``: the half the ranking was adjusted on; ``test``: the other, the honest figure),
then every query that missed @1 with what came first. ``--material`` runs the same list
through Material's own lunr worker on the same documents instead (the search before this
worker). Exit 1 when the whole list misses a
target (success@3 ≥ 0.9, success@1 ≥ 0.75) or the site is not built.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import material

from reader.inputs.yamlio import load_yaml
from reader.search.files import read_site_index

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "scripts" / "evaluation" / "search-queries.yml"
RUNNER = ROOT / "scripts" / "evaluation" / "search_node.js"
MATERIAL_RUNNER = ROOT / "scripts" / "evaluation" / "material_node.js"
MATERIAL_ASSETS = Path(material.__file__).parent / "templates" / "assets"
TARGETS = {1: 0.75, 3: 0.9}


@dataclass(frozen=True)
class Case:
    """One query and the locations that should come first."""

    query: str
    kind: str
    half: str
    first: frozenset[str]


def load_cases(path: Path = GOLD) -> list[Case]:
    """The gold list."""
    data = load_yaml(path)
    return [
        Case(str(q["query"]), str(q["kind"]), str(q["half"]), frozenset(q["first"]))
        for q in data["queries"]
    ]


def run_queries(site: Path, queries: list[str], limit: int = 10, material: bool = False) -> dict:
    """The worker's results for each query (``locations`` best first) and its load time
    (``material``: Material's own worker on the same documents)."""
    node = shutil.which("node")
    if node is None:
        raise SystemExit("evaluate_search: Node.js is not installed (it runs the worker)")
    with tempfile.TemporaryDirectory(prefix="evaluate-search-") as tmp:
        command = [node, str(RUNNER), str(site), str(limit)]
        if material:
            whole = Path(tmp) / "search_index.json"
            whole.write_text(json.dumps(read_site_index(site)), encoding="utf-8")
            command = [node, str(MATERIAL_RUNNER), str(MATERIAL_ASSETS), str(whole), str(limit)]
        done = subprocess.run(
            command,
            input=json.dumps(queries),
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
    if done.returncode != 0:
        raise SystemExit(f"evaluate_search: the worker failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)


def success(case: Case, locations: list[str], k: int) -> bool:
    """Whether one of the first ``k`` results is one of the case's passages."""
    return any(location in case.first for location in locations[:k])


def scores(cases: list[Case], results: dict) -> dict[str, dict[int, float]]:
    """success@1 and @3 for all cases, by kind and by half."""
    buckets: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        for key in ("all", f"kind {case.kind}", f"half {case.half}"):
            buckets[key].append(case)
    return {
        key: {
            k: sum(success(c, results[c.query]["locations"], k) for c in group) / len(group)
            for k in (1, 3)
        }
        | {0: len(group)}
        for key, group in buckets.items()
    }


def report(cases: list[Case], out: dict, verbose: bool) -> bool:
    """Print the scores and the misses; whether every target is met."""
    results = out["results"]
    table = scores(cases, results)
    print(f"# Search evaluation: {len(cases)} queries ({GOLD.relative_to(ROOT)})")
    print(f"index built in the worker in {out['loadMs']:.0f} ms (Node, including the stemmers)\n")
    print("| queries | n | success@1 | success@3 |")
    print("| --- | ---: | ---: | ---: |")
    for key in sorted(table, key=lambda k: (k != "all", not k.startswith("half"), k)):
        row = table[key]
        print(f"| {key} | {row[0]} | {row[1]:.2f} | {row[3]:.2f} |")
    misses = [c for c in cases if verbose or not success(c, results[c.query]["locations"], 1)]
    if misses:
        print("\nmissed @1 (first three results):" if not verbose else "\nall queries:")
    for case in misses:
        got = results[case.query]
        mark = (
            "ok "
            if success(case, got["locations"], 1)
            else ("@3 " if success(case, got["locations"], 3) else "-- ")
        )
        fixes = f" (did you mean {' '.join(got['fixes'])})" if got["fixes"] else ""
        print(f"  {mark}[{case.half}] {case.query!r}{fixes} → {', '.join(got['locations'][:3])}")
        print(f"       want {', '.join(sorted(case.first))}")
    met = all(table["all"][k] >= target for k, target in TARGETS.items())
    verdict = "PASS" if met else "FAIL"
    print(
        f"\n{verdict}: success@1 {table['all'][1]:.2f} (target ≥ {TARGETS[1]}), "
        f"success@3 {table['all'][3]:.2f} (target ≥ {TARGETS[3]}); "
        f"test half alone: @1 {table['half test'][1]:.2f}, @3 {table['half test'][3]:.2f}"
    )
    return met


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation; 0 when the targets are met."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site")
    parser.add_argument("--verbose", action="store_true", help="list every query")
    parser.add_argument(
        "--material", action="store_true", help="Material's own lunr worker, for comparison"
    )
    args = parser.parse_args(argv)
    if not (args.site / "search" / "paragraphs.js").is_file():
        print(f"evaluate_search: {args.site} has no search/paragraphs.js: run `reader site`")
        return 1
    cases = load_cases()
    out = run_queries(args.site, [c.query for c in cases], material=args.material)
    return 0 if report(cases, out, args.verbose) else 1


if __name__ == "__main__":
    sys.exit(main())
