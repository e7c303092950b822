"""Section 6: Lighthouse scores of the home page, the longest and shortest text pages and
the glossary page (the best of two runs each).

Lighthouse (pinned in package.json, installed by ``npm ci``) drives Debian's Chromium
(``CHROME_PATH=/usr/bin/chromium``) against the built site served on 127.0.0.1. Its
default settings apply: a mobile device with simulated throttling.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import shutil
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from benchlib.report import Report
from benchlib.weight import longest_text_page

CHROME = "/usr/bin/chromium"
FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
RUNS = 2  # best of two runs per page


COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map"}
METRICS = (
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
)


class _Gzip(SimpleHTTPRequestHandler):
    """Serves text files gzip-compressed when the browser accepts it, as a static host
    such as GitHub Pages does; quiet."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path.is_dir():
            if not url_path.endswith("/"):
                return super().do_GET()  # redirects to the URL with a slash
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in COMPRESSED and path.is_file()):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


def _run(binary: Path, url: str, out: Path) -> dict:
    command = [
        str(binary),
        url,
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        f"--chrome-flags={FLAGS}",
        "--only-categories=" + ",".join(CATEGORIES),
    ]
    env = dict(os.environ, CHROME_PATH=CHROME)
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
    if result.returncode != 0 or not out.is_file():
        raise RuntimeError(f"lighthouse exited {result.returncode}: {result.stderr[-600:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def _best_of(binary: Path, url: str, out: Path, runs: int) -> dict:
    """The run with the best performance score of ``runs`` (the machine is shared: a
    neighbour's load only ever lowers a score)."""
    results = [_run(binary, url, out) for _ in range(runs)]
    return max(results, key=lambda d: d["categories"]["performance"]["score"] or 0)


def _details(data: dict) -> str:
    """The metrics behind the performance score and the audits that lost points."""
    audits = data["audits"]
    metrics = ", ".join(
        f"{m.replace('-', ' ')} {audits[m].get('displayValue', '?')}"
        for m in METRICS
        if m in audits
    )
    lost = []
    for category in CATEGORIES:
        for ref in data["categories"][category].get("auditRefs", []):
            score = audits.get(ref["id"], {}).get("score")
            if ref.get("weight", 0) > 0 and score is not None and score < 0.9:
                items = audits[ref["id"]].get("details", {}).get("items", [])
                where = [
                    i["node"]["selector"] for i in items[:2] if "selector" in i.get("node", {})
                ]
                lost.append(
                    f"{ref['id']} ({category}" + (f": {'; '.join(where)}" if where else "") + ")"
                )
    return f"{metrics}; audits below 90: {', '.join(lost) or 'none'}"


def section_lighthouse(
    repo: Path, site: Path, work: Path, report: Report, enabled: bool = True
) -> None:
    """Serve ``site`` on 127.0.0.1 and print Lighthouse's four scores for each kind of page."""
    report.section("6. Lighthouse")
    binary = repo / "scripts" / "bench" / "node_modules" / ".bin" / "lighthouse"
    why = (
        "skipped (--no-lighthouse or --quick)"
        if not enabled
        else f"{binary.relative_to(repo)} is missing: `make bench` installs it"
        if not binary.exists()
        else f"{CHROME} is missing"
        if not Path(CHROME).exists() and not shutil.which("chromium")
        else ""
    )
    if why:
        report.line(f"Lighthouse not run: {why}.")
        return
    handler = functools.partial(_Gzip, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    port = server.server_address[1]
    text = longest_text_page(site).parent.name
    pages = (
        ("home page", "/"),
        (f"longest text page ({text})", f"/texts/{text}/"),
        ("shortest text page (alipour-gorji-2024)", "/texts/alipour-gorji-2024/"),
        ("glossary page", "/glossary/"),
    )
    version = "?"
    try:
        for label, path in pages:
            url = f"http://127.0.0.1:{port}{path}"
            try:
                data = _best_of(binary, url, work / f"lighthouse-{len(path)}.json", RUNS)
            except (RuntimeError, subprocess.TimeoutExpired, ValueError) as error:
                report.line(f"- {label}: Lighthouse could not run: {error}")
                continue
            version = data.get("lighthouseVersion", version)
            scores = ", ".join(
                f"{c} {round(100 * (data['categories'][c]['score'] or 0))}" for c in CATEGORIES
            )
            weight = data["audits"].get("total-byte-weight", {}).get("numericValue", 0)
            requests = data["audits"].get("network-requests", {}).get("details", {})
            report.line(
                f"- {label}: {scores}; transferred {weight / 1024:.0f} KiB "
                f"in {len(requests.get('items', []))} requests"
            )
            report.line("  - " + _details(data))
    finally:
        server.shutdown()
        server.server_close()
    report.line(
        f"\nLighthouse {version}, best of {RUNS} runs per page, default settings (mobile, "
        "simulated throttling), "
        f"Chromium at {CHROME} with {FLAGS}; the site served by Python's http.server "
        "on 127.0.0.1, with gzip for text files as a static host would send them."
    )
