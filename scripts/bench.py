"""The performance benchmark (``make bench``): build cost, scaling, page weight.

Prints, in one run, seven sections — the full pipeline against a plain ``mkdocs build``,
scaling to ×10 and ×100 texts, the glossary pass with 1,000 entries, an incremental
rebuild, page weight, Lighthouse scores, search latency — and six targets with PASS/FAIL,
then writes them with the machine into BENCHMARKS.md. Every figure is a median over the repetitions
it names, on two clocks (CPU and wall); ratios are taken within the same run.

    .venv/bin/python scripts/bench.py            # the whole benchmark, ~12 minutes
    .venv/bin/python scripts/bench.py --quick    # tiny sizes, 1 repetition, no Lighthouse
    .venv/bin/python scripts/bench.py --only 2,4,8   # some sections (1 runs if 3, 5–7 do)

Everything runs on copies in a temporary folder; the project itself is not touched
(except BENCHMARKS.md). Helpers live in ``scripts/benchlib/``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import report as rep
from benchlib.buildcost import reader_run, section_buildcost
from benchlib.carry import carried_sections, carried_targets
from benchlib.corpus import make_project
from benchlib.lighthouse import section_lighthouse
from benchlib.pages import section_pages
from benchlib.pipeline import section_full
from benchlib.rebuild import section_incremental
from benchlib.scaling import section_scaling
from benchlib.search import section_search
from benchlib.terms import section_glossary
from benchlib.weight import section_weight

ROOT = Path(__file__).resolve().parents[1]


def parser() -> argparse.ArgumentParser:
    """The command line."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--root", type=Path, default=ROOT, help="the project (default: this one)")
    p.add_argument(
        "--quick",
        action="store_true",
        help="smoke run: ×1 and ×2 corpora, 1 repetition, no Lighthouse, "
        "BENCHMARKS.md left alone unless --output is given",
    )
    p.add_argument("--reps", type=int, help="repetitions of the ×1 measurements (default 3)")
    p.add_argument("--no-lighthouse", action="store_true", help="skip section 6")
    p.add_argument(
        "--only",
        type=_sections,
        help="run only these sections, e.g. 2,4,8 (5 includes 5b; section 1 runs too when "
        "3, 5, 6 or 7 is asked, as they measure its project and site)",
    )
    p.add_argument(
        "--output",
        type=Path,
        help="where to write the report (default: BENCHMARKS.md in the project, not with --quick)",
    )
    return p


ALL = frozenset(range(1, 9))
NEEDS_SECTION_1 = frozenset({3, 5, 6, 7})  # they measure section 1's project and site


def _sections(text: str) -> frozenset[int]:
    """``2,4,8`` -> {2, 4, 8}; argparse says so when a number is no section."""
    try:
        found = frozenset(int(part) for part in text.split(",") if part.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a list of section numbers: {text!r}") from exc
    if not found or not found <= ALL:
        raise argparse.ArgumentTypeError(f"sections are 1 to 8: {text!r}")
    return found


def base_project(root: Path, work: Path) -> dict:
    """Section 1's ×1 project and built site, made without timing anything (for section
    2 when section 1 does not run): a copy with the CSL cache, built once by `reader site`."""
    project = make_project(root, work / "x1", factor=1, csl_cache=True)
    reader_run(project, "site")
    return {"project": project, "site": project / "site"}


def run(args: argparse.Namespace, work: Path, report: rep.Report) -> None:
    """Every section asked (all by default), in order."""
    root = args.root.resolve()
    only = args.only or ALL
    reps = args.reps or (1 if args.quick else 3)
    factors = (1, 2) if args.quick else (1, 10, 100)
    if only & (NEEDS_SECTION_1 | {1}):
        base = section_full(root, work, reps, report)
    elif 2 in only:
        base = base_project(root, work)
    if 2 in only:
        section_scaling(root, work, base, factors, reps, report)
    if 3 in only:
        section_glossary(base["project"], 1 if args.quick else max(reps, 5), report)
    if 4 in only:
        section_incremental(root, work, report, unchanged=not args.quick)
    if 5 in only:
        section_weight(base["site"], report)
        section_pages(base["site"], report)
    if 6 in only:
        section_lighthouse(
            root, base["site"], work, report, enabled=not (args.quick or args.no_lighthouse)
        )
    if 7 in only:
        section_search(base["site"], work, report, (1,) if args.quick else (1, 100))
    if 8 in only:
        section_buildcost(root, work, 1 if args.quick else max(reps, 5), report)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and write the report; 0 whether or not the targets pass."""
    args = parser().parse_args(argv)
    started, load_before = time.perf_counter(), rep.load()
    machine = rep.machine()
    print(
        "# Benchmark" + (" (quick)" if args.quick else ""),
        *machine,
        f"- load average at the start: {load_before}",
        sep="\n",
        flush=True,
    )
    report = rep.Report()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        run(args, Path(tmp), report)
    took = time.perf_counter() - started
    header = [
        "Written by `make bench` (`scripts/bench.py`"
        + (" --quick" if args.quick else "")
        + (f" --only {','.join(map(str, sorted(args.only)))}" if args.only else "")
        + "); do not edit by hand, run it again."
        + (
            " Only the sections named ran; a target no section measured says SKIP, and "
            "the other sections are kept from the report before, each under a note."
            if args.only
            else ""
        ),
        "Each figure is CPU seconds of the processes that did the work (the benchmark, its "
        "`mkdocs build` children, or the fresh build processes of section 2), with wall "
        "seconds in brackets; ratios and verdicts use CPU time, which moves far less than "
        "wall time when other work shares the machine.",
        "",
        "## Machine",
        "",
        *machine,
        f"- load average (1, 5, 15 min) at the start: {load_before}; at the end: {rep.load()}",
        f"- the whole benchmark took {took / 60:.1f} minutes",
    ]
    output = args.output or (None if args.quick else args.root / "BENCHMARKS.md")
    before = output.read_text(encoding="utf-8") if output and output.is_file() else ""
    if args.only:
        for name, (verdict, detail) in carried_targets(before, rep.TARGETS).items():
            if name not in report.targets:
                note = "; carried from the report before"
                report.targets[name] = (verdict, detail if detail.endswith(note) else detail + note)
    print("\n## Targets\n", *report.target_lines(), sep="\n")
    print(f"\nload average at the end: {rep.load()}; took {took / 60:.1f} minutes")
    if output is not None:
        kept = carried_sections(before, args.only) if args.only else []
        output.write_text(rep.markdown(report, header, kept), encoding="utf-8")
        print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
