"""Templates, part 5."""
import html as _h
import json
import random
import base64
from core import render, esc, inline_html, inline_text
from chrome import (head, css, links, headline_list, share, cookie, analytics, comments_ol, ld_article, HEADLINES, COMMENTS)
from tpl1 import nice_date, hl_code
from tpl4 import page

SITE_NAV = ['News', 'Reviews', 'Guides', 'Deals', 'Podcasts', 'Newsletters']


def simple_header(site, nav=SITE_NAV, cls='site-header'):
    return f'<header class="{cls}"><a class="logo" href="/">{esc(site)}</a><nav class="primary-nav">{links(nav)}</nav><button class="search-toggle" aria-label="Search">Search</button></header>'


def simple_footer(site, lang='en'):
    lab = {'en': ('About us', 'Contact', 'Privacy policy', 'Terms of use', 'Advertise', 'All rights reserved.'),
           'de': ('Über uns', 'Kontakt', 'Datenschutz', 'Impressum', 'Mediadaten', 'Alle Rechte vorbehalten.'),
           'fr': ('Qui sommes-nous', 'Contact', 'Confidentialité', 'Mentions légales', 'Publicité', 'Tous droits réservés.'),
           'ja': ('会社概要', 'お問い合わせ', 'プライバシーポリシー', '利用規約', '広告掲載', 'All rights reserved.')}[lang]
    return f'<footer class="site-footer"><ul class="footer-links">' + ''.join(f'<li><a href="/{k}/">{x}</a></li>' for k, x in enumerate(lab[:5])) + f'</ul><p class="copyright">© 2024 {esc(site)}. {lab[5]}</p></footer>'


def changelog(a):
    body = render(a, h2='<h2 id="{id}"><a class="anchor" href="#{id}">#</a>{}</h2>')
    versions = ''.join(f'<li class="{"active" if v == "3.4.0" else ""}"><a href="/docs/changelog/{v}/">{v}</a></li>' for v in ['3.4.0', '3.3.2', '3.3.1', '3.3.0', '3.2.0', '3.1.1', '3.1.0', '3.0.0', '2.9.4', '2.9.3'])
    inner = f'''<div class="announcement">quillsql 3.4 is out! <a href="/docs/changelog/3.4.0/">Read the release notes</a></div>
{simple_header('quillsql', ['Docs', 'Playground', 'Changelog', 'GitHub', 'Sponsor'])}
<div class="docs-layout"><aside class="docs-sidebar"><h3>Release notes</h3><ul class="version-list">{versions}</ul><h3>Older</h3><a href="/docs/changelog/archive/">2.x and earlier</a></aside>
<main class="docs-main"><article class="changelog-entry"><h1>{esc(a['title'])}</h1><p class="release-meta">Released <time datetime="2024-03-05">5 March 2024</time> · <a href="https://git.example.org/quillsql/quillsql/releases/tag/v3.4.0">Tag v3.4.0</a> · <a href="https://pypi.example.org/project/quillsql/3.4.0/">PyPI</a></p>
<div class="changelog-body">{body}</div>
<footer class="page-footer"><a href="https://git.example.org/quillsql/quillsql/edit/main/docs/changelog/3.4.0.md">Edit this page</a><div class="pager"><a class="prev" href="/docs/changelog/3.3.2/">← 3.3.2</a></div></footer></article></main>
<nav class="docs-toc"><h4>On this page</h4><ul>''' + ''.join(f'<li><a href="#{b[1].lower()}">{b[1]}</a></li>' for b in a['blocks'] if b[0] == 'h2') + f'''</ul></nav></div>
<footer class="site-footer"><p>quillsql is released under the MIT licence. Documentation licensed CC BY 4.0.</p><p>© 2019–2024 quillsql contributors</p></footer>'''
    return page(a, 'en', 'docs changelog', inner, title='3.4.0 release notes — quillsql', ld=None)


def review(a):
    tbl = lambda rows: '<div class="table-wrap"><table class="specs-table"><tbody>' + ''.join(f'<tr><th scope="row">{inline_html(r[0])}</th><td>{inline_html(r[1])}</td></tr>' for r in rows) + '</tbody></table></div>'
    body = render(a, table=tbl, h3='<h3 class="verdict-subhead">{}</h3>')
    inner = f'''{cookie('en')}
{simple_header(a['site'])}
<main class="review-page"><nav class="breadcrumb"><a href="/">Home</a> › <a href="/reviews/">Reviews</a> › <a href="/reviews/laptops/">Laptops</a></nav>
<article class="review">
<header class="review-header"><h1 class="review-title">{esc(a['title'])}</h1>
<div class="review-byline">By <a href="/staff/jordan-pike/" rel="author">{esc(a['author'])}</a> · <time datetime="{a['published']}">Published {nice_date(a['published'])}</time></div>
<p class="affiliate-note">When you purchase through links on our site, we may earn an affiliate commission. Here's how it works.</p>
<div class="rating-box"><div class="rating-box__score" aria-label="Rated 4.5 out of 5"><span class="star full"></span><span class="star full"></span><span class="star full"></span><span class="star full"></span><span class="star half"></span></div><span class="badge editors-choice">Editor's Choice</span>
<p class="rating-box__price">Price when reviewed: $1,649</p><a class="buy-button" href="https://shop.example.com/halcyon-air-14?tag=bench-20" rel="sponsored nofollow">Check price at Example Store</a></div>
<figure class="hero"><img src="{a['image']}" alt="Halcyon Air 14 on a desk" width="1600" height="900"><figcaption>The Halcyon Air 14 in its silver finish. (Image credit: Bench Notes)</figcaption></figure></header>
<div class="review-body">{body}</div>
<aside class="how-we-test"><h4>How we test</h4><p>Every laptop we review goes through the same battery of benchmarks and a week of everyday use. Read more about our testing methodology.</p></aside>
<aside class="author-box"><img src="/staff/jordan.jpg" alt="" width="80"><div><p class="author-box__name">{esc(a['author'])}</p><p class="author-box__bio">Jordan has reviewed laptops and peripherals for eleven years and still types on a keyboard from 1989 at home.</p></div></aside>
<div class="price-widget"><h4>Today's best Halcyon Air 14 deals</h4><ul><li>Example Store <span>$1,599</span> <a href="#">View</a></li><li>Shop Two <span>$1,649</span> <a href="#">View</a></li><li>Retailer Three <span>$1,699</span> <a href="#">View</a></li></ul></div>
</article>
<section class="related-reviews"><h2>You might also like</h2>{headline_list('en', 4, 4)}</section></main>
<aside class="sidebar"><section class="widget"><h3>Best laptops 2024</h3><ol><li>Halcyon Air 14</li><li>Orbit Pro 16</li><li>Tessel Book X</li></ol></section><section class="widget newsletter"><h3>Get the best reviews in your inbox</h3><form><input type="email" placeholder="Your email"><button>Sign me up</button></form></section></aside>
{simple_footer(a['site'])}'''
    return page(a, 'en', 'single-review', inner, ld=ld_article(a, 'Review', itemReviewed={"@type": "Product", "name": "Halcyon Air 14"}, reviewRating={"@type": "Rating", "ratingValue": 4.5, "bestRating": 5}))


def datatable(a):
    tbl = lambda rows: '<div class="table-responsive"><table class="data-table sortable"><thead><tr>' + ''.join(f'<th scope="col" data-sort="{k}">{inline_html(c)}</th>' for k, c in enumerate(rows[0])) + '</tr></thead><tbody>' + ''.join('<tr>' + ''.join(f'<td class="{"num" if c[:1].isdigit() else ""}">{inline_html(c)}</td>' for c in r) + '</tr>' for r in rows[1:]) + '</tbody></table></div>'
    body = render(a, table=tbl)
    inner = f'''{simple_header(a['site'], ['Latest', 'Databases', 'Pipelines', 'Benchmarks', 'Jobs', 'Subscribe'])}
<div class="layout has-sidebar"><main class="content"><article class="post">
<header class="post__header"><p class="post__category"><a href="/category/benchmarks/">Benchmarks</a></p><h1 class="post__title">{esc(a['title'])}</h1><p class="post__meta">by <a href="/authors/sabine/">{esc(a['author'])}</a> on <time datetime="{a['published']}">{nice_date(a['published'])}</time> · 8 min read</p></header>
<div class="post__body">{body}</div>
<div class="post__tags">Tags: <a href="/tag/olap/">OLAP</a> <a href="/tag/embedded/">embedded databases</a> <a href="/tag/benchmarks/">benchmarks</a></div>
{share('en', 'post__share')}</article>
<section class="newsletter-box"><h2>Data Plumbing Weekly</h2><p>One email every Wednesday with the best writing on data engineering. No spam, unsubscribe at any time.</p><form><input type="email" placeholder="you@example.com"><button>Subscribe</button></form></section>
<section class="related"><h2>Related posts</h2>{headline_list('en', 4, 6)}</section></main>
<aside class="sidebar"><section class="widget"><h3>Popular</h3>{headline_list('en', 5, 10, 'ol')}</section><section class="widget"><h3>Sponsors</h3><p>This newsletter is supported by readers and by our sponsors. <a href="/sponsor/">Become a sponsor</a>.</p></section></aside></div>
{simple_footer(a['site'])}'''
    return page(a, 'en', 'single', inner, ld=ld_article(a, 'TechArticle'))


def liveblog(a):
    entries, cur = [], None
    for b in a['blocks']:
        if b[0] == 'time':
            cur = {'time': b[1], 'title': b[2], 'blocks': []}
            entries.append(cur)
        else:
            cur['blocks'].append(b)
    out = []
    for k, e in enumerate(entries):
        sub = dict(a, blocks=e['blocks'])
        out.append(f'''<article id="block-{900 + k}" class="block{' block--pinned' if k == 0 else ''}" data-block-id="{900 + k}"><header class="block-header"><a class="block-time" href="#block-{900 + k}"><time datetime="2024-06-04T{e['time']}:00+01:00">{e['time']}</time><span class="block-time__tz"> BST</span></a><h2 class="block-title">{inline_html(e['title'])}</h2></header><div class="block-elements">{render(sub, quote='<blockquote class="quoted"><p>{}</p></blockquote>')}</div><footer class="block-footer"><button class="block-share">Share</button><span class="block-updated">Updated at {e['time']} BST</span></footer></article>''')
        if k == 2:
            out.append('<div class="ad-slot ad-slot--liveblog" data-ad-size="300x250"><span class="ad-slot__label">Advertisement</span></div>')
    keyev = ''.join(f'<li><a href="#block-{900 + k}"><time>{e["time"]}</time> {inline_html(e["title"])}</a></li>' for k, e in enumerate(entries[:4]))
    inner = f'''{cookie('en', 'consent-banner')}
<header class="masthead"><a class="masthead__logo" href="/">The Daily Ledger</a><nav class="masthead__nav">{links(['World', 'Business', 'Tech', 'Science', 'Culture', 'Opinion'])}</nav></header>
<main class="liveblog"><header class="liveblog-header"><span class="live-badge">LIVE</span><span class="liveblog-header__kicker">Tech</span><h1>{esc(a['title'])}</h1>
<div class="byline">By <a href="/authors/ravi-menon/">{esc(a['author'])}</a> <time datetime="{a['published']}">Tue 4 Jun 2024 16.05 BST</time></div>
<div class="key-events"><h2>Key events</h2><ul>{keyev}</ul><button class="show-all">Show key events only</button></div>
<div class="liveblog-toolbar"><span class="updated">Updated 3 minutes ago</span><button class="toast" hidden>5 new updates</button><label><input type="checkbox" checked> Live feed</label></div></header>
<div class="liveblog-body" aria-live="polite">{''.join(out)}</div>
<nav class="liveblog-pagination"><a href="?page=1">Newest</a><a href="?page=2">Previous</a><a href="?page=3">Oldest</a></nav>
<section class="onward"><h2>Most viewed</h2>{headline_list('en', 6, 2, 'ol')}</section></main>
{simple_footer('The Daily Ledger')}'''
    return page(a, 'en', 'liveblog tone-live', inner, title=a['title'] + ' | The Daily Ledger',
                ld={"@context": "https://schema.org", "@type": "LiveBlogPosting", "headline": a['title'], "coverageStartTime": a['published'], "datePublished": a['published'], "author": {"@type": "Person", "name": a['author']}, "image": a['image']})
