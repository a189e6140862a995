"""Reusable chrome pieces (all text here is original filler written for this corpus)."""
import json
import random
from core import esc

HEADLINES = {
 'en': [
  "Why your SSD slows down when it is almost full", "A field guide to io_uring for people who still use epoll",
  "Inside the race to build a faster linker", "The quiet return of the mechanical keyboard switch tester",
  "What a 40-year-old terminal protocol teaches API designers", "Five things we learned benchmarking ARM laptops",
  "Postgres 17 beta: the features worth testing now", "How a single regex took down a CDN for 27 minutes",
  "Open-source maintainers are tired. Funding is only half the fix", "Hands-on with a RISC-V tablet that almost works",
  "The case for boring databases", "Rust in the kernel: a progress report from the driver trenches",
  "We tried every Wayland compositor so you don't have to", "Memory tagging is finally shipping. Does it matter?",
  "A short history of the cursor blink", "Why your CI is slow, and three fixes that are not more cores",
  "Review: a 14-inch laptop that gets the keyboard right", "The hidden cost of JSON everywhere",
  "What happens when a package registry goes read-only", "Compilers are getting better at vectorising. Here's proof",
 ],
 'fr': [
  "Pourquoi les centres de données consomment toujours plus d'eau", "Le logiciel libre entre au lycée, doucement",
  "Cinq questions sur la nouvelle directive européenne sur la cybersécurité", "Test : un portable ARM qui tient deux jours",
  "La fibre arrive enfin dans les villages de montagne", "Les développeurs face à l'IA générative : enquête",
  "Comment les pirates ciblent les hôpitaux", "Les semi-conducteurs, nouvel enjeu de souveraineté",
 ],
 'de': [
  "Chipfabrik in Sachsen: Zeitplan wackelt", "Test: Mechanische Tastaturen unter 100 Euro",
  "Sicherheitslücke in verbreiteter VPN-Software", "Rechenzentren sollen Abwärme abgeben",
  "Open Source in der Verwaltung: Schleswig-Holstein zieht Bilanz", "Wie schnell ist PCIe 5.0 wirklich?",
  "Datenbanken im Vergleich: Was taugt SQLite auf dem Server?", "Kommentar: Die Cloud ist kein Ort",
 ],
 'ja': [
  "国内データセンターの電力需要が過去最高に", "新型ノートPCを徹底レビュー：バッテリー持ちは本当か",
  "オープンソース開発者の燃え尽き問題を考える", "半導体人材の育成、大学と企業が連携",
  "RISC-Vボードで始める組み込み開発入門", "生成AIとソフトウェア開発の現在地",
  "老舗ターミナルソフトが10年ぶりに大型更新", "データベース移行で失敗しないための5つのポイント",
 ],
}

COMMENTS = {
 'en': [
  ("kernel_hacker_42", "Great write-up. One nit: the latency numbers in the second chart look like they were taken with frequency scaling enabled. I'd be curious to see the same run pinned to the performance governor."),
  ("Marta K.", "We hit exactly this in production last year and spent two weeks blaming the network. Wish this article had existed then. Bookmarking for the next on-call rotation."),
  ("dgrant", "I'm not sure I agree with the conclusion. The old behaviour was predictable, and predictable beats fast for a lot of workloads. Still, thanks for the detailed measurements."),
  ("Ozzie", "Does anyone know whether this also applies to the LTS branch, or only to mainline? The changelog is not clear on that and our distro vendor hasn't said anything."),
  ("P. Lindqvist", "This is the kind of post I come here for. No hype, just numbers and a clear explanation of what the numbers mean."),
  ("throwaway_9000", "Counterpoint: most people will never notice any of this because their bottleneck is a 400 MB JavaScript bundle."),
  ("Aiko", "Thanks! Typo in the third section: 'it's' should be 'its'. Otherwise very clear."),
  ("rbuck", "Ran your reproduction script on a Ryzen 7 box and got roughly the same shape, but the tail was about 20% shorter. SMT off, 6.6 kernel."),
 ],
 'fr': [
  ("Jean-Michel", "Article très clair, merci. Dommage que la documentation officielle ne soit pas aussi pédagogique."),
  ("Sophie L.", "J'ai eu exactement le même problème la semaine dernière, et c'était bien une régression du pilote."),
  ("nico_dev", "Petite remarque : depuis la version 2.44, on peut aussi passer directement un script à git bisect run."),
 ],
 'de': [
  ("Tux-Fan", "Danke für den ausführlichen Artikel. Bei mir läuft die neue Version seit dem ersten Release-Kandidaten ohne Probleme."),
  ("M. Berger", "Schade, dass die Treiber für ältere Hardware wieder rausfliegen. Mein Drucker wird es nicht überleben."),
  ("datenschleuder", "Die Preisangabe im Fazit ist veraltet, das Gerät kostet inzwischen deutlich weniger."),
 ],
 'ja': [
  ("たなか", "とても分かりやすい記事でした。自分のプロジェクトでも試してみます。"),
  ("rustacean_jp", "非同期ランタイムを使う場合の注意点も知りたいです。続編を期待しています。"),
  ("ゆう", "コード例がそのまま動いて助かりました。ありがとうございます。"),
 ],
}

COOKIE = {
 'en': "We use cookies and similar technologies to recognise your repeat visits and preferences, to measure the effectiveness of campaigns, and to analyse traffic. By clicking \u201cAccept all\u201d you consent to the use of cookies. You can change your preferences at any time in Privacy Settings.",
 'fr': "Nous utilisons des cookies pour mesurer l'audience, personnaliser les contenus et vous proposer des publicités adaptées. En cliquant sur \u00ab Accepter \u00bb, vous consentez à ces usages. Vous pouvez modifier vos choix à tout moment.",
 'de': "Wir verwenden Cookies und ähnliche Technologien, um Inhalte zu personalisieren, die Reichweite zu messen und Werbung auszuspielen. Mit einem Klick auf \u201eAkzeptieren\u201c stimmen Sie der Verarbeitung zu. Ihre Einwilligung können Sie jederzeit widerrufen.",
 'ja': "当サイトでは、利便性の向上とアクセス解析のためにCookieを使用しています。サイトを引き続きご利用いただくことで、Cookieの使用に同意したものとみなします。詳しくはプライバシーポリシーをご覧ください。",
}

PROPS = ['margin:0 auto', 'padding:0 1rem', 'display:flex', 'gap:.75rem', 'color:#1a1a1a', 'font-size:1.0625rem',
         'line-height:1.6', 'border-bottom:1px solid #e5e5e5', 'max-width:72rem', 'font-weight:600',
         'text-decoration:none', 'background:#fafafa', 'position:relative', 'z-index:20', 'list-style:none',
         'align-items:center', 'justify-content:space-between', 'font-family:Georgia,serif', 'overflow:hidden',
         'border-radius:4px', 'transition:opacity .2s ease-in-out', 'grid-template-columns:repeat(3,1fr)']


def css(seed, names, n=80):
    r = random.Random(seed)
    rules = []
    for _ in range(n):
        sel = '.' + r.choice(names) + r.choice(['', ' a', ' li', ':hover', ' > div', ' h3', ' p', '__inner', '--active'])
        rules.append(sel + '{' + ';'.join(r.sample(PROPS, r.randint(2, 5))) + '}')
    rules.append('@media (max-width:768px){.' + names[0] + '{display:block;padding:0 .5rem}}')
    return '\n'.join(rules)


def head(a, *, title=None, charset='utf-8', og=True, ld=None, styles='', extra='', lang_meta=True, desc=None):
    t = title or f"{a['title']} | {a['site']}"
    first = next((b[1] for b in a['blocks'] if b[0] == 'p'), '')
    d = desc if desc is not None else (first[:150].rsplit(' ', 1)[0] + '\u2026' if len(first) > 150 else first)
    from core import inline_text
    d = inline_text(d)
    h = [f'<meta charset="{charset}">', '<meta name="viewport" content="width=device-width, initial-scale=1">',
         f'<title>{esc(t)}</title>', f'<meta name="description" content="{esc(d)}">',
         f'<link rel="canonical" href="{esc(a["url"])}">']
    if og:
        h += [f'<meta property="og:type" content="article">', f'<meta property="og:title" content="{esc(a["title"])}">',
              f'<meta property="og:description" content="{esc(d)}">', f'<meta property="og:url" content="{esc(a["url"])}">']
        if a['site']:
            h.append(f'<meta property="og:site_name" content="{esc(a["site"])}">')
        if a['image']:
            h += [f'<meta property="og:image" content="{esc(a["image"])}">', '<meta property="og:image:width" content="1200">',
                  '<meta property="og:image:height" content="630">', '<meta name="twitter:card" content="summary_large_image">']
        if a['published']:
            h.append(f'<meta property="article:published_time" content="{a["published"]}">')
        if a['author']:
            h.append(f'<meta name="author" content="{esc(a["author"])}">')
    if ld:
        h.append('<script type="application/ld+json">' + json.dumps(ld, ensure_ascii=False, indent=1) + '</script>')
    if styles:
        h.append('<style>\n' + styles + '\n</style>')
    h.append(extra)
    return '\n'.join(h)


def ld_article(a, typ='BlogPosting', publisher_logo=None, **kw):
    d = {"@context": "https://schema.org", "@type": typ, "headline": a['title'],
         "mainEntityOfPage": {"@type": "WebPage", "@id": a['url']}}
    if a['author']:
        d["author"] = {"@type": "Person", "name": a['author']}
    if a['published']:
        d["datePublished"] = a['published']
    if a['image']:
        d["image"] = [a['image']]
    if a['site']:
        d["publisher"] = {"@type": "Organization", "name": a['site']}
        if publisher_logo:
            d["publisher"]["logo"] = {"@type": "ImageObject", "url": publisher_logo}
    d.update(kw)
    return d


def links(items, base='/', cls=None, li_cls=None):
    c = f' class="{cls}"' if cls else ''
    lc = f' class="{li_cls}"' if li_cls else ''
    return f'<ul{c}>' + ''.join(f'<li{lc}><a href="{base}{i.lower().replace(" ", "-")}/">{esc(i)}</a></li>' for i in items) + '</ul>'


def headline_list(lang, n, start=0, tag='ul', cls=None, base='/news/'):
    hs = HEADLINES[lang]
    items = [hs[(start + k) % len(hs)] for k in range(n)]
    c = f' class="{cls}"' if cls else ''
    return f'<{tag}{c}>' + ''.join(f'<li><a href="{base}{abs(hash(h)) % 99991}/">{esc(h)}</a></li>' for h in items) + f'</{tag}>'


def share(lang='en', cls='share'):
    lab = {'en': ('Share', 'Copy link'), 'fr': ('Partager', 'Copier le lien'), 'de': ('Teilen', 'Link kopieren'), 'ja': ('シェア', 'リンクをコピー')}[lang]
    return (f'<div class="{cls}"><span class="{cls}__label">{lab[0]}</span>'
            '<a class="share-x" href="https://x.example/intent/post">X</a><a class="share-fb" href="https://facebook.example/sharer">Facebook</a>'
            '<a class="share-li" href="https://linkedin.example/share">LinkedIn</a><a class="share-mail" href="mailto:?subject=">E-mail</a>'
            f'<button class="share-copy" type="button">{lab[1]}</button></div>')


def cookie(lang='en', cls='cookie-banner'):
    lab = {'en': ('Accept all', 'Reject all', 'Manage preferences'), 'fr': ('Accepter', 'Refuser', 'Paramétrer'),
           'de': ('Akzeptieren', 'Ablehnen', 'Einstellungen'), 'ja': ('同意する', '拒否する', '設定')}[lang]
    return (f'<div id="{cls}" class="{cls}" role="dialog" aria-live="polite"><p>{esc(COOKIE[lang])}</p>'
            f'<div class="{cls}__buttons"><button class="btn-accept">{lab[0]}</button><button class="btn-reject">{lab[1]}</button>'
            f'<a href="/privacy/">{lab[2]}</a></div></div>')


def analytics(site_id='UA-000000-1'):
    return ('<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}gtag("js",new Date());'
            f'gtag("config","{site_id}",{{"anonymize_ip":true}});</script>\n'
            '<script async src="https://tags.example.net/gtag/js?id=' + site_id + '"></script>')


def comments_ol(lang, n, start=0, cls='comment-list', dates=None):
    pool = COMMENTS[lang]
    out = [f'<ol class="{cls}">']
    for k in range(n):
        who, txt = pool[(start + k) % len(pool)]
        out.append(f'<li class="comment" id="comment-{1000 + k}"><article class="comment-body"><footer class="comment-meta">'
                   f'<div class="comment-author vcard"><img class="avatar" src="https://gravatar.example/avatar/{k}?s=48" alt="" width="48" height="48"><b class="fn">{esc(who)}</b> <span class="says">says:</span></div>'
                   f'<div class="comment-metadata"><a href="#comment-{1000 + k}"><time datetime="2024-03-1{k % 9}T1{k % 10}:2{k % 6}:00+00:00">March 1{k % 9}, 2024 at {k % 12 + 1}:2{k % 6} pm</time></a></div></footer>'
                   f'<div class="comment-content"><p>{esc(txt)}</p></div><div class="reply"><a class="comment-reply-link" href="#respond">Reply</a></div></article></li>')
    out.append('</ol>')
    return '\n'.join(out)
