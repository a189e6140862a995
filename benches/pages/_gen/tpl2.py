"""Templates, part 2."""
import html as _h
import json
from core import render, esc, inline_html
from chrome import (head, css, links, headline_list, share, cookie, analytics, comments_ol, ld_article, HEADLINES, COMMENTS)
from tpl1 import nice_date, hl_code


def substack(a):
    subbox = lambda: ('<div class="subscription-widget-wrap-editor" data-attrs="{&quot;url&quot;:&quot;https://thequeryplan.example.com/subscribe&quot;,&quot;text&quot;:&quot;Subscribe&quot;}" data-component-name="SubscribeWidgetToDOM"><div class="subscription-widget show-subscribe"><div class="preamble"><p class="cta-caption">Thanks for reading The Query Plan! Subscribe for free to receive new posts and support my work.</p></div>'
                      '<form class="subscription-widget-subscribe"><input type="email" class="email-input" name="email" placeholder="Type your email…" tabindex="-1"><input type="submit" class="button primary" value="Subscribe"><div class="fake-input-wrapper"><div class="fake-input"></div><div class="fake-button"></div></div></form></div></div>')
    body = render(a, sub=subbox, h2='<h2 class="header-anchor-post">{}<div class="pencraft pc-display-flex pc-alignItems-center pc-position-absolute header-anchor-parent"><div class="header-anchor-widget offset-top"><button class="pencraft pc-reset header-anchor">#</button></div></div></h2>')
    st = css(a['name'], ['post-header', 'subscription-widget', 'available-content', 'post-footer', 'comment', 'pencraft', 'navbar'])
    cm = ''.join(f'<div class="comment"><div class="comment-content"><div class="comment-meta"><a class="commenter-name" href="/@u{k}">{esc(w)}</a><a class="comment-date" href="#">Jan {10 + k}</a></div><div class="comment-body"><p>{esc(t)}</p></div><div class="comment-actions"><button class="like-button">Like ({k + 2})</button><button>Reply</button><button>Share</button></div></div></div>'
                 for k, (w, t) in enumerate(COMMENTS['en'][:5]))
    return f'''<!DOCTYPE html>
<html lang="en"><head>
{head(a, title=a['title'] + ' - by ' + a['author'], ld=ld_article(a, 'NewsArticle', isAccessibleForFree=True), styles=st)}
</head><body class="pc-root"><div id="entry"><div id="main" class="main typography use-theme-bg">
<div class="main-menu" role="navigation"><div class="topbar-content"><a class="navbar-title-link" href="/">The Query Plan</a><div class="navbar-buttons"><a class="button primary subscribe-btn" href="/subscribe?utm_source=menu">Subscribe</a><a class="button" href="/sign-in">Sign in</a></div></div></div>
<div class="single-post-container"><div class="container"><div class="single-post"><div class="post typography" role="article">
<div class="post-header"><h1 class="post-title published title-X77sOw">{esc(a['title'])}</h1><h3 class="subtitle">Dead tuples, long transactions, and the cron job that makes it worse</h3>
<div class="post-meta"><div class="profile-hover-card-target"><a class="pencraft frontend-pencraft-Text-module__decoration-hover-underline" href="https://substack.example.com/@dwhitcombe">{esc(a['author'])}</a></div><div class="pencraft pc-reset color-pub-secondary-text-hGQ02T">Jan 09, 2024</div></div>
<div class="post-ufi"><div class="like-button-container post-ufi-button"><button class="post-ufi-button">142</button></div><a class="post-ufi-comment-button post-ufi-button" href="#comments">23</a><a class="post-ufi-button" href="#share">Share</a></div></div>
<div class="available-content"><div dir="auto" class="body markup">
<div class="captioned-image-container"><figure><a class="image-link image2 is-viewable-img" target="_blank" href="{a['image']}"><div class="image2-inset"><picture><img src="{a['image']}" width="1456" height="819" alt="" loading="lazy" class="sizing-normal"></picture></div></a><figcaption class="image-caption">Dead tuples piling up in a table that nobody vacuumed.</figcaption></figure></div>
{body}
{subbox()}
</div></div>
<div class="post-footer use-separators"><div class="post-ufi"><button class="post-ufi-button">142 Likes</button><a class="post-ufi-button" href="#comments">23 Comments</a><a class="post-ufi-button">Restack</a><a class="post-ufi-button" href="#share">Share</a></div></div>
<div class="visibility-check"></div>
<div id="discussion" class="comments-page"><h4 class="comments-heading">Discussion about this post</h4><div class="comment-input"><textarea placeholder="Write a comment..."></textarea></div>{cm}</div>
<div class="subscribe-footer"><h3>Ready for more?</h3><form class="subscription-widget-subscribe"><input type="email" placeholder="Type your email…"><input type="submit" value="Subscribe"></form></div>
</div></div></div></div>
<div class="footer-wrap"><div class="footer"><div class="copyright">© 2024 Daniel Whitcombe</div><div class="footer-links"><a href="/privacy">Privacy</a> ∙ <a href="/tos">Terms</a> ∙ <a href="/ccpa">Collection notice</a></div><div class="footer-slogan-container"><a class="footer-substack-cta" href="https://substack.example.com/signup">Start Writing</a><a href="https://substack.example.com/app">Get the app</a></div><div class="footer-slogan">Substack is the home for great culture</div></div></div>
</div></div>
<script>window._preloads = JSON.parse("{{\\"isEU\\":false,\\"language\\":\\"en\\",\\"pub\\":{{\\"id\\":1188123,\\"name\\":\\"The Query Plan\\"}}}}")</script>
</body></html>'''


def hugo(a):
    def code(l, c):
        lines = ''.join(f'<span class="line"><span class="cl">{hl_code(l, ln)}\n</span></span>' for ln in c.split('\n'))
        return f'<div class="highlight"><pre tabindex="0" class="chroma"><code class="language-{l or "text"}" data-lang="{l or "text"}">{lines}</code></pre></div>'
    hs = [b for b in a['blocks'] if b[0] == 'h2']
    toc = ''.join(f'<li><a href="#{b[1].lower().replace(" ", "-")}" aria-label="{esc(b[1])}">{esc(b[1])}</a></li>' for b in hs)
    body = render(a, code=code, h2='<h2 id="{id}">{}<a hidden class="anchor" aria-hidden="true" href="#{id}">#</a></h2>')
    st = css(a['name'], ['header', 'nav', 'post-title', 'post-content', 'toc', 'paginav', 'footer', 'share-buttons'])
    return f'''<!DOCTYPE html>
<html lang="en" dir="auto"><head>
{head(a, title=a['title'] + ' | lindgren.dev', styles=st, ld=ld_article(a, 'BlogPosting', wordCount=930), extra='<meta name="generator" content="Hugo 0.124.1"><meta name="robots" content="index, follow"><link rel="alternate" type="application/rss+xml" href="https://lindgren.example.dev/index.xml">')}
<noscript><style>#theme-toggle,.top-link{{display:none}}</style></noscript>
</head>
<body id="top"><script>if(localStorage.getItem("pref-theme")==="dark"){{document.body.classList.add('dark')}}</script>
<header class="header"><nav class="nav"><div class="logo"><a href="https://lindgren.example.dev/" accesskey="h" title="lindgren.dev (Alt + H)">lindgren.dev</a><div class="logo-switches"><button id="theme-toggle" accesskey="t" title="(Alt + T)">◐</button></div></div>
<ul id="menu"><li><a href="/posts/" title="Posts"><span>Posts</span></a></li><li><a href="/tags/" title="Tags"><span>Tags</span></a></li><li><a href="/talks/" title="Talks"><span>Talks</span></a></li><li><a href="/about/" title="About"><span>About</span></a></li><li><a href="/search/" title="Search (Alt + /)" accesskey="/"><span>Search</span></a></li></ul></nav></header>
<main class="main"><article class="post-single">
<header class="post-header"><div class="breadcrumbs"><a href="/">Home</a>&nbsp;»&nbsp;<a href="/posts/">Posts</a></div>
<h1 class="post-title entry-hint-parent">{esc(a['title'])}</h1>
<div class="post-meta"><span title="2024-04-22 19:30:00 +0200 +0200">April 22, 2024</span>&nbsp;·&nbsp;5 min&nbsp;·&nbsp;930 words&nbsp;·&nbsp;{esc(a['author'])}&nbsp;|&nbsp;<a href="https://git.example.dev/ferris/blog/edit/main/content/posts/tuesday-deadlock.md" rel="noopener noreferrer" target="_blank">Suggest Changes</a></div></header>
<div class="toc"><details><summary accesskey="c" title="(Alt + C)"><span class="details">Table of Contents</span></summary><div class="inner"><ul>{toc}</ul></div></details></div>
<div class="post-content">{body}</div>
<footer class="post-footer"><ul class="post-tags"><li><a href="/tags/rust/">Rust</a></li><li><a href="/tags/async/">Async</a></li><li><a href="/tags/debugging/">Debugging</a></li><li><a href="/tags/tokio/">Tokio</a></li></ul>
<nav class="paginav"><a class="prev" href="/posts/sqlite-wal/"><span class="title">« Prev</span><br><span>What SQLite's WAL mode actually guarantees</span></a><a class="next" href="/posts/cargo-features/"><span class="title">Next »</span><br><span>Cargo features are not flags</span></a></nav>
<div class="share-buttons"><a target="_blank" rel="noopener noreferrer" aria-label="share on x" href="https://x.example/intent/tweet/?text=The%20deadlock">x</a><a target="_blank" rel="noopener noreferrer" aria-label="share on linkedin" href="https://linkedin.example/shareArticle">in</a><a aria-label="share on hackernews" href="https://news.example.com/submitlink">Y</a><a aria-label="share on reddit" href="https://reddit.example.com/submit">r</a></div>
</footer>
<div class="comments"><script src="https://giscus.example.app/client.js" data-repo="ferris/blog" data-repo-id="R_kgDOH" data-category="Comments" data-mapping="pathname" data-reactions-enabled="1" data-theme="preferred_color_scheme" crossorigin="anonymous" async></script></div>
</article></main>
<footer class="footer"><span>&copy; 2024 <a href="/">lindgren.dev</a></span> · <span>Powered by <a href="https://gohugo.example.io/" rel="noopener noreferrer" target="_blank">Hugo</a> &amp; <a href="https://git.example.com/adityatelange/hugo-PaperMod/" rel="noopener" target="_blank">PaperMod</a></span></footer>
<a href="#top" aria-label="go to top" title="Go to Top (Alt + G)" class="top-link" id="top-link" accesskey="g">↑</a>
<script>let menu=document.getElementById('menu');if(menu){{menu.scrollLeft=localStorage.getItem("menu-scroll-position");menu.onscroll=function(){{localStorage.setItem("menu-scroll-position",menu.scrollLeft)}}}}
document.querySelectorAll('pre > code').forEach((codeblock)=>{{const container=codeblock.parentNode.parentNode;const copybutton=document.createElement('button');copybutton.classList.add('copy-code');copybutton.innerHTML='copy';container.appendChild(copybutton)}});</script>
</body></html>'''


def jekyll(a):
    code = lambda l, c: f'<div class="language-{l or "plaintext"} highlighter-rouge"><div class="highlight"><pre class="highlight"><code>{hl_code(l, c)}</code></pre></div></div>'
    body = render(a, code=code, h2='<h2 id="{id}">{}</h2>')
    st = css(a['name'], ['site-header', 'site-nav', 'post-header', 'post-content', 'site-footer', 'wrapper', 'footer-col'])
    return f'''<!DOCTYPE html>
<html lang="fr"><head>
{head(a, title=a['title'] + ' | ' + a['site'], ld=ld_article(a, 'BlogPosting'), extra='<meta name="generator" content="Jekyll v4.3.3"><link rel="stylesheet" href="/assets/main.css"><link type="application/atom+xml" rel="alternate" href="https://camille.example.fr/feed.xml" title="Carnet de bord">')}
</head><body>
<header class="site-header" role="banner"><div class="wrapper"><a class="site-title" rel="author" href="/">Carnet de bord d&#39;une développeuse</a>
<nav class="site-nav"><input type="checkbox" id="nav-trigger" class="nav-trigger"><label for="nav-trigger"><span class="menu-icon"></span></label><div class="trigger"><a class="page-link" href="/a-propos/">À propos</a><a class="page-link" href="/archives/">Archives</a><a class="page-link" href="/conferences/">Conférences</a><a class="page-link" href="/projets/">Projets</a></div></nav></div></header>
<main class="page-content" aria-label="Content"><div class="wrapper">
<article class="post h-entry" itemscope itemtype="http://schema.org/BlogPosting">
<header class="post-header"><h1 class="post-title p-name" itemprop="name headline">{esc(a['title'])}</h1>
<p class="post-meta"><time class="dt-published" datetime="{a['published']}" itemprop="datePublished">{nice_date(a['published'], 'fr')}</time> • <span itemprop="author" itemscope itemtype="http://schema.org/Person"><span class="p-author h-card" itemprop="name">{esc(a['author'])}</span></span> • Temps de lecture : 6 min</p></header>
<div class="post-content e-content" itemprop="articleBody">
{body}
</div>
<p class="post-tags">Étiquettes : <a href="/tags/#linux">linux</a>, <a href="/tags/#git">git</a>, <a href="/tags/#noyau">noyau</a></p>
<div class="post-share">Partager : <a href="https://mastodon.example/share?text=git%20bisect">Mastodon</a> · <a href="mailto:?subject=git%20bisect">Courriel</a></div>
<nav class="post-nav"><a class="prev" href="/2024/02/10/luks-tpm.html">&larr; Déverrouiller LUKS avec le TPM</a> <a class="next" href="/2024/03/20/nixos.html">Un mois avec NixOS &rarr;</a></nav>
<div id="disqus_thread"></div>
<script>var disqus_config = function () {{ this.page.url = '{a['url']}'; this.page.identifier = '{a['url']}'; }};
(function() {{ var d = document, s = d.createElement('script'); s.src = 'https://carnet.disqus.example.com/embed.js'; s.setAttribute('data-timestamp', +new Date()); (d.head || d.body).appendChild(s); }})();</script>
<noscript>Veuillez activer JavaScript pour voir les <a href="https://disqus.example.com/?ref_noscript" rel="nofollow">commentaires.</a></noscript>
<a class="u-url" href="{a['url']}" hidden></a>
</article></div></main>
<footer class="site-footer h-card"><data class="u-url" href="/"></data><div class="wrapper"><h2 class="footer-heading">Carnet de bord d&#39;une développeuse</h2><div class="footer-col-wrapper"><div class="footer-col footer-col-1"><ul class="contact-list"><li class="p-name">Camille Rousseau</li><li><a class="u-email" href="mailto:camille@example.fr">camille@example.fr</a></li></ul></div>
<div class="footer-col footer-col-2"><ul class="social-media-list"><li><a href="https://git.example.fr/camille"><span class="username">camille</span></a></li><li><a href="https://mastodon.example/@camille"><span class="username">@camille</span></a></li></ul></div>
<div class="footer-col footer-col-3"><p>Notes de travail sur Linux, les compilateurs et le matériel qui refuse de coopérer. Contenu sous licence CC BY-SA 4.0.</p></div></div></div></footer>
<style>{st}</style>
</body></html>'''


def news(a, L):
    """Big news site: mega-menu, ticker, ads between paragraphs, read-more links, most-read rail.
    L: dict of localised labels and variant switches."""
    lang = L['lang']
    ad = lambda: f'<div class="ad-slot ad-slot--inline" data-ad-unit="/2213/{L["unit"]}/article/inline" data-ad-size="300x250,728x90" aria-hidden="true"><span class="ad-slot__label">{L["ad"]}</span><div id="div-gpt-ad-{abs(hash(a["name"])) % 9999}-{L["unit"]}"></div></div>'
    rm = lambda t, u: f'<p class="read-more"><strong>{L["readmore"]}</strong> <a href="{u}">{t}</a></p>' if L.get('rm_in_p') else f'<aside class="related-inline"><span class="related-inline__kicker">{L["readmore"]}</span> <a href="{u}">{t}</a></aside>'
    fig = lambda s, c: f'<figure class="article-figure"><div class="article-figure__media"><img src="{s}" alt="" width="1200" height="675" loading="lazy"></div><figcaption class="article-figure__caption">{c}</figcaption></figure>'
    body = render(a, p='<p class="article-body__paragraph">{}</p>', h2='<h2 class="article-body__subhead">{}</h2>', ad=ad, readmore=rm, fig=fig)
    sections = L['sections']
    mega = ''.join(f'<li class="mega-menu__section"><a class="mega-menu__top" href="/{s.lower()}/">{esc(s)}</a><div class="mega-menu__panel"><ul>' +
                   ''.join(f'<li><a href="/{s.lower()}/{sub.lower().replace(" ", "-")}/">{esc(sub)}</a></li>' for sub in subs) +
                   f'</ul><div class="mega-menu__promo">{headline_list(lang, 2, k, "ul", "mega-menu__stories")}</div></div></li>'
                   for k, (s, subs) in enumerate(sections))
    ticker = ''.join(f'<li class="ticker__item"><a href="/live/{k}/">{esc(h)}</a></li>' for k, h in enumerate(L['ticker']))
    st = css(a['name'], ['mega-menu', 'ticker', 'article-body', 'ad-slot', 'rail', 'most-read', 'site-footer', 'byline'], 140)
    ld = ld_article(a, 'NewsArticle', L['logo'], dateModified=a['published'], articleSection=L['section'])
    foot = ''.join(f'<div class="site-footer__col"><h4>{esc(s)}</h4>{links(subs, "/" + s.lower() + "/")}</div>' for s, subs in sections)
    return f'''<!DOCTYPE html>
<html lang="{lang}" class="no-js"><head>
{head(a, title=a['title'] + ' - ' + a['site'], ld=ld, styles=st, extra=analytics('G-' + L['unit'].upper()) + chr(10) + '<script async src="https://securepubads.example.net/tag/js/gpt.js"></script>')}
</head><body class="page-article section-{L['unit']}">
{cookie(lang, 'consent-banner')}
<div class="top-bar"><span class="top-bar__date">{L['today']}</span><a class="top-bar__subscribe" href="/subscribe/">{L['subscribe']}</a><a class="top-bar__login" href="/login/">{L['login']}</a></div>
<header class="masthead"><a class="masthead__logo" href="/">{esc(a['site'])}</a><button class="masthead__menu-toggle" aria-expanded="false">{L['menu']}</button>
<nav class="mega-menu" aria-label="Sections"><ul class="mega-menu__list">{mega}</ul></nav>
<form class="masthead__search" action="/search/"><input type="search" name="q" placeholder="{L['search']}"></form></header>
<div class="ticker" role="marquee"><span class="ticker__label">{L['breaking']}</span><ul class="ticker__list">{ticker}</ul></div>
<div class="ad-slot ad-slot--leaderboard" data-ad-size="970x250"><span class="ad-slot__label">{L['ad']}</span></div>
<div class="page-grid">
<main id="main-content" class="page-grid__main">
<nav class="breadcrumbs" aria-label="Breadcrumb"><ol><li><a href="/">{L['home']}</a></li><li><a href="/{L['unit']}/">{L['section']}</a></li></ol></nav>
<article class="article" data-article-id="{abs(hash(a['url'])) % 10**7}">
<header class="article-header"><span class="article-header__kicker">{L['section']}</span><h1 class="article-header__headline">{esc(a['title'])}</h1>
<div class="byline"><span class="byline__prefix">{L['by']}</span> <a class="byline__author" rel="author" href="/authors/{a['author'].lower().replace(' ', '-')}/">{esc(a['author'])}</a><time class="byline__date" datetime="{a['published']}">{L['published']} {nice_date(a['published'], lang)}</time><span class="byline__readtime">{L['readtime']}</span></div>
{share(lang, 'share-bar')}</header>
<div class="article-body" itemprop="articleBody">
{body}
</div>
<footer class="article-footer"><div class="article-footer__topics"><span>{L['topics']}</span>{links(L['tags'], '/topics/', 'topic-list')}</div>{share(lang, 'share-bar share-bar--bottom')}
<div class="newsletter-signup"><h3>{L['nl_title']}</h3><p>{L['nl_text']}</p><form><input type="email" placeholder="E-mail"><button>{L['nl_button']}</button></form></div>
<p class="article-footer__corrections">{L['corrections']}</p></footer>
</article>
<section class="more-from"><h2>{L['more']}</h2>{headline_list(lang, 6, 3, 'ul', 'card-grid')}</section>
<section class="sponsored" data-widget="outbrain"><h2>{L['sponsored']}</h2><ul><li><a href="https://ads.example.net/c/1">{L['spon1']}</a></li><li><a href="https://ads.example.net/c/2">{L['spon2']}</a></li></ul></section>
</main>
<aside class="rail page-grid__rail"><div class="ad-slot ad-slot--rail" data-ad-size="300x600"><span class="ad-slot__label">{L['ad']}</span></div>
<section class="most-read"><h2 class="most-read__title">{L['mostread']}</h2>{headline_list(lang, 5, 1, 'ol', 'most-read__list')}</section>
<section class="rail-newsletter"><h3>{L['nl_title']}</h3><p>{L['nl_text']}</p></section></aside>
</div>
<footer class="site-footer"><div class="site-footer__cols">{foot}</div><p class="site-footer__legal">{L['legal']}</p></footer>
<script>window.__ARTICLE__={json.dumps({"id": abs(hash(a['url'])) % 10**7, "section": L['unit'], "paywall": False})};</script>
</body></html>'''
