#!/usr/bin/env python3
"""Turn benches/pages/ into the article-extraction-benchmark layout.

    python3 benches/pages/make_corpus.py OUTDIR

writes OUTDIR/ground-truth.json ({NAME: {"articleBody": truth, "url": url}}) and
OUTDIR/html/NAME.html.gz (the page bytes unchanged, so the Latin-1 page stays Latin-1).
Copy the benchmark's evaluate.py into OUTDIR, put predictions in OUTDIR/output/*.json
and run it there.
"""
import argparse
import gzip
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def pages(root=HERE):
    for d in sorted(root.iterdir()):
        if d.is_dir() and (d / 'page.html').is_file() and (d / 'truth.txt').is_file():
            yield d


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    ap.add_argument('outdir', type=Path)
    args = ap.parse_args(argv)
    out = args.outdir
    (out / 'html').mkdir(parents=True, exist_ok=True)
    gt = {}
    for d in pages():
        meta = json.loads((d / 'meta.json').read_text(encoding='utf-8'))
        gt[d.name] = {'articleBody': (d / 'truth.txt').read_text(encoding='utf-8').strip(), 'url': meta['url']}
        # mtime=0 keeps the .gz files reproducible
        with open(out / 'html' / f'{d.name}.html.gz', 'wb') as f, gzip.GzipFile(fileobj=f, mode='wb', mtime=0, filename='') as g:
            g.write((d / 'page.html').read_bytes())
    (out / 'ground-truth.json').write_text(json.dumps(gt, ensure_ascii=False, indent=2, sort_keys=True) + '\n', encoding='utf-8')
    print(f'wrote {len(gt)} pages to {out}', file=sys.stderr)


if __name__ == '__main__':
    main()
