"""Core of the page generator: article parsing, body rendering, truth text.

Article source format (articles/NAME.txt): header lines `key: value` up to a
line `---`, then blocks separated by blank lines:

  ## Heading / ### Subheading          -> h2 / h3 (kept in truth)
  - item (consecutive lines)           -> ul (each item a truth line)
  1. item                              -> ol
  > quote                              -> blockquote (kept)
  ```lang ... ```                      -> pre/code (kept verbatim)
  | a | b | (consecutive lines)        -> table, first row header (kept, cells joined by tab)
  !fig SRC | CAPTION                   -> figure with caption (caption NOT in truth)
  !note TITLE | TEXT                   -> admonition (title line and text kept)
  !readmore TEXT | URL                 -> inline "read more" link (NOT in truth)
  !ad                                  -> ad slot (NOT in truth)
  !sub                                 -> inline subscribe box (NOT in truth)
  !time HH:MM | Heading                -> live-blog entry header (kept)
  anything else                        -> paragraph
Inline: **strong**, *em*, `code`, [text](url), [^n] citation (not in truth).
"""
import html
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE.parent


def load_article(name):
    raw = (HERE / 'articles' / f'{name}.txt').read_text(encoding='utf-8')
    head, body = raw.split('\n---\n', 1)
    meta = {}
    for line in head.splitlines():
        if line.strip():
            k, v = line.split(':', 1)
            meta[k.strip()] = v.strip()
    for k in ('author', 'published', 'site', 'image'):
        if meta.get(k) in (None, '', 'null'):
            meta[k] = None
    meta['name'] = name
    meta['blocks'] = parse_blocks(body)
    return meta


def parse_blocks(body):
    blocks = []
    lines = body.split('\n')
    i = 0
    para = []

    def flush():
        if para:
            blocks.append(('p', ' '.join(x.strip() for x in para)))
            para.clear()

    while i < len(lines):
        line = lines[i]
        s = line.strip()
        if s.startswith('```'):
            flush()
            lang = s[3:].strip()
            i += 1
            code = []
            while not lines[i].strip().startswith('```'):
                code.append(lines[i])
                i += 1
            blocks.append(('pre', lang, '\n'.join(code)))
            i += 1
            continue
        if not s:
            flush()
            i += 1
            continue
        if para:
            para.append(s)
            i += 1
            continue
        if s.startswith('### '):
            blocks.append(('h3', s[4:]))
        elif s.startswith('## '):
            blocks.append(('h2', s[3:]))
        elif s.startswith('- ') or re.match(r'\d+\. ', s):
            kind = 'ul' if s.startswith('- ') else 'ol'
            items = []
            while i < len(lines) and lines[i].strip() and (
                    lines[i].strip().startswith('- ') if kind == 'ul'
                    else re.match(r'\d+\. ', lines[i].strip())):
                items.append(re.sub(r'^(- |\d+\. )', '', lines[i].strip()))
                i += 1
            blocks.append((kind, items))
            continue
        elif s.startswith('> '):
            q = []
            while i < len(lines) and lines[i].strip().startswith('>'):
                q.append(lines[i].strip()[1:].strip())
                i += 1
            blocks.append(('quote', ' '.join(q)))
            continue
        elif s.startswith('|'):
            rows = []
            while i < len(lines) and lines[i].strip().startswith('|'):
                rows.append([c.strip() for c in lines[i].strip().strip('|').split('|')])
                i += 1
            blocks.append(('table', rows))
            continue
        elif s.startswith('!'):
            cmd, _, rest = s[1:].partition(' ')
            parts = [p.strip() for p in rest.split(' | ')] if rest else []
            blocks.append((cmd, *parts))
        else:
            para.append(s)
        i += 1
    flush()
    return blocks


# ---------------------------------------------------------------- inline

def inline_html(s):
    out = []
    for j, seg in enumerate(re.split(r'`([^`]*)`', s)):
        if j % 2:
            out.append('<code>' + html.escape(seg, quote=False) + '</code>')
            continue
        seg = html.escape(seg, quote=False)
        seg = re.sub(r'\[\^(\d+)\]', lambda m: f'<sup id="cite_ref-{m[1]}" class="reference"><a href="#cite_note-{m[1]}">[{m[1]}]</a></sup>', seg)
        seg = re.sub(r'\[([^\]]+)\]\(([^)]+)\)', r'<a href="\2">\1</a>', seg)
        seg = re.sub(r'\*\*(.+?)\*\*', r'<strong>\1</strong>', seg)
        seg = re.sub(r'(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])', r'<em>\1</em>', seg)
        out.append(seg)
    return ''.join(out)


def inline_text(s):
    out = []
    for j, seg in enumerate(re.split(r'`([^`]*)`', s)):
        if j % 2:
            out.append(seg)
            continue
        seg = re.sub(r'\[\^(\d+)\]', '', seg)
        seg = re.sub(r'\[([^\]]+)\]\(([^)]+)\)', r'\1', seg)
        seg = re.sub(r'\*\*(.+?)\*\*', r'\1', seg)
        seg = re.sub(r'(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])', r'\1', seg)
        out.append(seg)
    return ''.join(out)


def esc(s):
    return html.escape(s, quote=True)


# ---------------------------------------------------------------- truth

def truth(a):
    parts = []
    for b in a['blocks']:
        k = b[0]
        if k in ('p', 'h2', 'h3', 'quote'):
            parts.append(inline_text(b[1]))
        elif k in ('ul', 'ol'):
            parts.append('\n'.join(inline_text(x) for x in b[1]))
        elif k == 'pre':
            parts.append(b[2])
        elif k == 'table':
            parts.append('\n'.join('\t'.join(inline_text(c) for c in r) for r in b[1]))
        elif k == 'note':
            parts.append(inline_text(b[1]) + '\n' + inline_text(b[2]))
        elif k == 'time':
            parts.append('\n'.join(inline_text(x) for x in b[1:] if x))
        elif k in ('fig', 'readmore', 'ad', 'sub'):
            pass
        else:
            raise ValueError(k)
    return '\n\n'.join(parts) + '\n'


# ---------------------------------------------------------------- body html

def code_default(lang, code):
    cls = f' class="language-{lang}"' if lang else ''
    return f'<pre><code{cls}>{html.escape(code, quote=False)}</code></pre>'


def render(a, p='<p>{}</p>', h2='<h2>{}</h2>', h3='<h3>{}</h3>', ul=None, ol=None,
           quote='<blockquote><p>{}</p></blockquote>', code=code_default, table=None,
           fig=None, note=None, readmore=None, ad=None, sub=None, time=None, join='\n'):
    out = []
    slug = lambda t: re.sub(r'[^\w]+', '-', inline_text(t).lower()).strip('-')
    for b in a['blocks']:
        k = b[0]
        if k == 'p':
            out.append(p.format(inline_html(b[1])) if isinstance(p, str) else p(inline_html(b[1])))
        elif k in ('h2', 'h3'):
            t = h2 if k == 'h2' else h3
            out.append(t.format(inline_html(b[1]), id=slug(b[1])) if isinstance(t, str) else t(inline_html(b[1]), slug(b[1])))
        elif k in ('ul', 'ol'):
            f = ul if k == 'ul' else ol
            if f:
                out.append(f(b[1]))
            else:
                out.append(f'<{k}>' + ''.join(f'<li>{inline_html(x)}</li>' for x in b[1]) + f'</{k}>')
        elif k == 'quote':
            out.append(quote.format(inline_html(b[1])) if isinstance(quote, str) else quote(inline_html(b[1])))
        elif k == 'pre':
            out.append(code(b[1], b[2]))
        elif k == 'table':
            if table:
                out.append(table(b[1]))
            else:
                rows = b[1]
                th = ''.join(f'<th>{inline_html(c)}</th>' for c in rows[0])
                tb = ''.join('<tr>' + ''.join(f'<td>{inline_html(c)}</td>' for c in r) + '</tr>' for r in rows[1:])
                out.append(f'<table><thead><tr>{th}</tr></thead><tbody>{tb}</tbody></table>')
        elif k == 'fig':
            src, cap = b[1], b[2]
            out.append(fig(src, esc(cap)) if fig else
                       f'<figure><img src="{esc(src)}" alt="" loading="lazy" width="1200" height="675"><figcaption>{esc(cap)}</figcaption></figure>')
        elif k == 'note':
            out.append(note(inline_html(b[1]), inline_html(b[2])) if note else
                       f'<div class="note"><p class="note-title">{inline_html(b[1])}</p><p>{inline_html(b[2])}</p></div>')
        elif k == 'readmore':
            if readmore:
                out.append(readmore(esc(b[1]), esc(b[2])))
        elif k == 'ad':
            if ad:
                out.append(ad())
        elif k == 'sub':
            if sub:
                out.append(sub())
        elif k == 'time':
            out.append(time(b[1], inline_html(b[2]) if len(b) > 2 else ''))
        else:
            raise ValueError(k)
    return join.join(out)
