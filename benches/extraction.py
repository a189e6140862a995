#!/usr/bin/env python3
"""Article extraction quality and speed, as a user gets it: `byline read-page PAGE --json`.

Runs the release binary over
  - the article-extraction-benchmark (181 real news pages, ../shared/corpora/...), scored by
    the benchmark's own evaluate.py in a temporary copy of it;
  - benches/pages (our own 31 pages, openly licensed), turned into the same layout by
    benches/pages/make_corpus.py and scored by the same evaluate.py;
and prints F1, precision, recall, pages at F1 >= 0.9, empty pages and the time per page: the
whole process (start, read the file, extract, print), then extraction alone, in process
(benches/extraction_time.rs).

    python3 benches/extraction.py [--no-build] [--corpus DIR] [--keep DIR]
"""

import argparse
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "article-extraction-benchmark"
TIMEOUT_S = 30


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--no-build", action="store_true", help="use target/release/byline as it is")
    parser.add_argument("--corpus", type=Path, default=Path(os.environ.get("BYLINE_AEB", DEFAULT_CORPUS)))
    parser.add_argument("--keep", type=Path, help="write the scored copies here instead of a temporary folder")
    args = parser.parse_args()

    if not (args.corpus / "evaluate.py").is_file():
        sys.exit(
            f"no article-extraction-benchmark at {args.corpus}: it comes with ../shared; "
            "pass --corpus DIR or set BYLINE_AEB"
        )
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "--locked", "--quiet"], cwd=ROOT, check=True)
    binary = ROOT / "target" / "release" / "byline"

    work = args.keep or Path(tempfile.mkdtemp(prefix="byline-extraction-"))
    try:
        aeb = work / "article-extraction-benchmark"
        shutil.rmtree(aeb, ignore_errors=True)
        shutil.copytree(args.corpus, aeb)
        os.chmod(aeb, 0o755)
        run_set("article-extraction-benchmark (181 pages)", binary, aeb, aeb / "evaluate.py")

        own = work / "pages"
        shutil.rmtree(own, ignore_errors=True)
        subprocess.run(
            [sys.executable, str(ROOT / "benches" / "pages" / "make_corpus.py"), str(own)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        run_set("benches/pages (our own set)", binary, own, aeb / "evaluate.py")

        print("\n== extraction time in process (no process start, no file read)")
        subprocess.run(
            ["cargo", "bench", "--locked", "--quiet", "--bench", "extraction_time", "--", str(aeb), str(own)],
            cwd=ROOT,
            check=True,
        )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def run_set(title, binary, folder, evaluate):
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf8"))
    config = folder / "no-config.toml"
    config.write_text("")
    output, times, failures = {}, [], []
    page_file = folder / "page.html"
    for page_id in truth:
        page_file.write_bytes(gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes()))
        start = time.perf_counter()
        try:
            done = subprocess.run(
                [str(binary), "--config", str(config), "read-page", str(page_file), "--json"],
                capture_output=True,
                timeout=TIMEOUT_S,
            )
        except subprocess.TimeoutExpired:
            done = None
        times.append(time.perf_counter() - start)
        text = ""
        if done is None:
            failures.append(f"{page_id}: timed out after {TIMEOUT_S} s")
        elif done.returncode != 0:
            failures.append(f"{page_id}: {done.stderr.decode('utf8', 'replace').strip()}")
        else:
            text = json.loads(done.stdout)["text"]
        output[page_id] = {"articleBody": text}
    (folder / "output").mkdir(exist_ok=True)
    (folder / "output" / "byline.json").write_text(json.dumps(output), encoding="utf8")

    print(f"\n== {title}")
    scored = subprocess.run(
        [sys.executable, str(evaluate), "--n-bootstrap", "200"], cwd=folder, capture_output=True, text=True, check=True
    )
    print(scored.stdout.rstrip())
    sys.path.insert(0, str(evaluate.parent))
    from evaluate import string_shingle_matching  # the benchmark's own metric, page by page

    good = 0
    for page_id, page in truth.items():
        tp, fp, fn = string_shingle_matching(true=page["articleBody"], pred=output[page_id]["articleBody"])
        good += tp > 0 and 2 * tp / (2 * tp + fp + fn) >= 0.9
    empty = sum(1 for page in output.values() if not page["articleBody"].strip())
    ms = sorted(t * 1000 for t in times)
    print(f"pages {len(truth)}, F1 >= 0.9: {good}, empty: {empty}, errors: {len(failures)}")
    print(
        f"time per page (process): p50 {percentile(ms, 50):.1f} ms, p99 {percentile(ms, 99):.1f} ms, "
        f"max {ms[-1]:.1f} ms, mean {statistics.mean(ms):.1f} ms"
    )
    for failure in failures:
        print(f"  {failure}")


def percentile(sorted_values, p):
    index = min(len(sorted_values) - 1, round(p / 100 * (len(sorted_values) - 1)))
    return sorted_values[index]


if __name__ == "__main__":
    main()
