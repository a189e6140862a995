#!/usr/bin/env python3
"""Agreement of `byline peek --json` with feedparser's own test corpus (see feedcorpus.sh).

Each corpus file carries `Expect: <python expression>` over feedparser's result. This harness
serves the files over HTTP on 127.0.0.1:8097 (the address the expectations were written for),
runs byline on each, maps byline's JSON into a feedparser-like dict and evaluates the
expressions that concern titles, links and contents: those whose every key is one byline's
output has, and at least one of them a title, link or content.

Titles and contents compare as the text a person reads (tags dropped, entities decoded,
whitespace folded; on byline's side its link numbers, image markers and rules dropped): byline
keeps content as HTML for its renderer and prints text, while feedparser returns sanitised HTML. Links compare as URLs (scheme and host case, an empty path).

    feedcorpus.py BYLINE CORPUS_ROOT [--feedparser DIR] [--misses]
"""

import ast
import html
import http.server
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit, urlunsplit

PORT = 8097
TIMEOUT = 10
SKIP_RE = re.compile(rb"SkipUnless:\s*(.*?)\n")
DESC_RE = re.compile(rb"Description:\s*(.*?)\s*Expect:\s*(.*)\s*-->")
HEADER_RE = re.compile(rb"^Header:\s+([^:]+):(.+)$", re.MULTILINE)

# Keys byline's output has (see to_feedparser); an expression using any other is not counted.
# A link's type, length, rel or title is not its address: checks of those are not counted.
KNOWN = {"feed", "entries", "title", "link", "links", "href", "summary", "description", "content",
         "value", "title_detail", "summary_detail", "author", "author_detail", "name", "enclosures",
         "get", "len", "tags", "term", "id", "guid"}
CORE = {"title", "link", "links", "href", "summary", "description", "content", "value"}


def corpus_files(root):
    """The files feedparser's runtests.py reads, in the same way."""
    tests = os.path.join(root, "tests")
    files = set()
    for top in sorted(os.listdir(tests)):
        path = os.path.join(tests, top)
        if not os.path.isdir(path):
            continue
        for sub in sorted(os.listdir(path)):
            inner = os.path.join(path, sub)
            if os.path.isdir(inner):
                files.update(os.path.join(inner, f) for f in os.listdir(inner) if f.endswith(".xml"))
        if top in ("encoding", "illformed", "entities"):
            files.update(os.path.join(path, f) for f in os.listdir(path) if f.endswith(".xml"))
    return sorted(files)


def description(data):
    """(expression, skip_unless) from a corpus file, or None."""
    text, found = data, DESC_RE.search(data)
    for codec in ("utf-16", "utf-32"):
        if found:
            break
        try:
            text = data.decode(codec).encode("utf-8")
        except UnicodeDecodeError:
            continue
        found = DESC_RE.search(text)
    if not found:
        return None
    skip = SKIP_RE.search(text)
    return found.group(2).strip().decode("utf-8", "replace"), (skip.group(1).strip().decode() if skip else "1")


def counted(expression):
    """The expression without bozo clauses, if it concerns titles, links or contents."""
    expr = re.sub(r"\bnot bozo\s+and\s+", "", expression)
    expr = re.sub(r"\bbozo\s+and\s+", "", expr).strip()
    try:
        tree = ast.parse(expr, mode="eval")
    except SyntaxError:
        return None
    keys = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
            keys.add(node.slice.value)
        elif isinstance(node, ast.Attribute):
            keys.add(node.attr)
        elif isinstance(node, ast.Name) and node.id not in ("True", "False", "None"):
            keys.add(node.id)
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            if isinstance(node.args[0].value, str):
                keys.add(node.args[0].value)
    if "bozo" in keys or not keys & CORE or not keys <= KNOWN:
        return None
    if any(isinstance(node, ast.Dict) for node in ast.walk(tree)):
        return None  # whole link dicts: their rel and type too
    return expr


def as_text(value):
    text = re.sub(r"<[^>]*>", " ", str(value))
    return " ".join(html.unescape(text).split())


def as_url(value):
    try:
        parts = urlsplit(str(value).strip())
        return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, parts.fragment))
    except ValueError:
        return str(value)


# What byline's text rendering adds that is not the document's text: link numbers, image
# markers, horizontal rules.
RENDER_MARKS = re.compile(r"\[image\]|\[\d+\]|─{3,}")


class Text(str):
    """A title or content: equal to what reads the same."""
    def __eq__(self, other):
        if not isinstance(other, str):
            return False
        # feedparser's value is HTML or text depending on the element's type; byline's is text.
        mine = RENDER_MARKS.sub("", self)
        return " ".join(mine.split()) == as_text(other) or as_text(mine) == as_text(other)

    def __ne__(self, other):
        return not self == other

    __hash__ = str.__hash__


class Url(str):
    def __eq__(self, other):
        return isinstance(other, str) and as_url(self) == as_url(other)

    def __ne__(self, other):
        return not self == other

    __hash__ = str.__hash__


class Dict(dict):
    """feedparser's FeedParserDict: keys as attributes too."""
    def __getattr__(self, key):
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key)


def to_feedparser(out):
    feed = Dict()
    if out.get("title") is not None:
        feed["title"] = Text(out["title"])
        feed["title_detail"] = Dict(value=feed["title"])
    if out.get("link") is not None:
        feed["link"] = Url(out["link"])
        feed["links"] = [Dict(href=feed["link"], rel="alternate")]
    entries = []
    for item in out.get("items", []):
        e = Dict()
        if item.get("title") is not None:
            e["title"] = Text(item["title"])
            e["title_detail"] = Dict(value=e["title"])
        if item.get("link"):
            e["link"] = Url(item["link"])
        e["links"] = ([Dict(href=e["link"], rel="alternate")] if "link" in e else []) + [
            Dict(href=Url(x["url"]), rel="enclosure", type=x.get("type"), length=x.get("length"))
            for x in item.get("enclosures", [])]
        if item.get("id"):
            e["id"] = e["guid"] = item["id"]
        if item.get("text") is not None:
            text = Text(item["text"])
            e["summary"] = e["description"] = text
            e["summary_detail"] = Dict(value=text)
            e["content"] = [Dict(value=text)]
        if item.get("author"):
            e["author"] = Text(item["author"])
            e["author_detail"] = Dict(name=e["author"])
        e["tags"] = [Dict(term=t) for t in item.get("tags", [])]
        e["enclosures"] = [Dict(href=Url(x["url"]), type=x.get("type"), length=x.get("length"))
                           for x in item.get("enclosures", [])]
        entries.append(e)
    return Dict(feed=feed, entries=entries)


def agrees(expr, env):
    try:
        return bool(eval(expr, {"__builtins__": {"len": len}}, env))
    except Exception:
        return False


class Handler(http.server.SimpleHTTPRequestHandler):
    """Serves each file with the headers its `Header:` lines name, as feedparser's tests do."""
    def send_head(self):
        path = self.translate_path(self.path)
        try:
            with open(path, "rb") as f:
                blob = f.read()
        except OSError:
            self.send_error(404)
            return None
        headers = {k.decode().strip(): v.decode().strip() for k, v in HEADER_RE.findall(blob)}
        self.send_response(int(headers.pop("Status", 200)))
        self.send_header("Content-type", headers.pop("Content-type", self.guess_type(path)))
        self.send_header("Content-Length", str(len(blob)))
        for k, v in headers.items():
            if k.lower() != "content-length":
                self.send_header(k, v)
        self.end_headers()
        return io.BytesIO(blob)

    def log_message(self, *args):
        pass


def run_byline(byline, url, home):
    env = dict(os.environ, XDG_CONFIG_HOME=home, XDG_DATA_HOME=home, XDG_STATE_HOME=home, NO_COLOR="1")
    started = time.monotonic()
    try:
        done = subprocess.run([byline, "peek", url, "--json"], capture_output=True, timeout=TIMEOUT, env=env)
    except subprocess.TimeoutExpired:
        return "timeout", None, TIMEOUT
    elapsed = time.monotonic() - started
    if done.returncode < 0 or b"panicked" in done.stderr:
        return "crash", done.stderr.decode("utf-8", "replace"), elapsed
    if done.returncode != 0:
        return "error", done.stderr.decode("utf-8", "replace").strip(), elapsed
    try:
        return "ok", json.loads(done.stdout), elapsed
    except ValueError:
        return "crash", "unreadable JSON", elapsed


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    byline, root = args[0], os.path.abspath(args[1])
    fp_dir = sys.argv[sys.argv.index("--feedparser") + 1] if "--feedparser" in sys.argv else None
    show_misses = "--misses" in sys.argv
    files = corpus_files(root)
    cases = []
    for path in files:
        with open(path, "rb") as f:
            found = description(f.read())
        if found:
            cases.append((path, found[0], found[1]))

    os.chdir(root)
    try:
        server = http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Handler)
    except OSError as e:
        sys.exit(f"feedcorpus: cannot serve the corpus on 127.0.0.1:{PORT} (the address its expectations name): {e}")
    threading.Thread(target=server.serve_forever, daemon=True).start()

    home = tempfile.mkdtemp(prefix="feedcorpus-home-")
    url_of = lambda path: f"http://127.0.0.1:{PORT}/" + os.path.relpath(path, root)
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda c: run_byline(byline, url_of(c[0]), home), cases))

    fp = None
    if fp_dir:
        sys.path.insert(0, fp_dir)
        import feedparser
        fp = feedparser

    crashes, timeouts, asserted, agreed, fp_agreed = 0, 0, 0, 0, 0
    misses = {}
    slowest = 0.0
    for (path, expression, skip), (status, out, elapsed) in zip(cases, results):
        slowest = max(slowest, elapsed)
        crashes += status == "crash"
        timeouts += status == "timeout"
        if status == "crash":
            print(f"CRASH {path}: {out}", file=sys.stderr)
        expr = counted(expression)
        if expr is None:
            continue
        asserted += 1
        env = to_feedparser(out) if status == "ok" else Dict(feed=Dict(), entries=[])
        if agrees(expr, env):
            agreed += 1
        else:
            group = os.path.relpath(os.path.dirname(path), os.path.join(root, "tests"))
            misses.setdefault(group, []).append((path, expr, out if status != "ok" else None))
        if fp:
            try:
                fp_agreed += agrees(expr, fp.parse(url_of(path)))
            except Exception:  # feedparser too has documents it falls over on
                pass

    print(f"feeds: {len(cases)}  crashes: {crashes}  time-outs: {timeouts} (limit {TIMEOUT} s, slowest {slowest:.2f} s)")
    print(f"asserted checks (titles, links, contents): {asserted}  agreed: {agreed}")
    if fp:
        print(f"feedparser {fp.__version__} on the same checks: {fp_agreed}")
    print("misses by folder: " + ", ".join(f"{g} {len(m)}" for g, m in sorted(misses.items(), key=lambda x: -len(x[1]))))
    if show_misses:
        for group, items in sorted(misses.items()):
            for path, expr, err in items:
                print(f"  {os.path.relpath(path, root)}: {expr}" + (f"  [{err}]" if err else ""))
    server.shutdown()


if __name__ == "__main__":
    main()
