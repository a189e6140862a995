"""Templates, part 1: WordPress, Ghost, Medium, Substack, Hugo, Jekyll, big news site, Sphinx, MkDocs, MediaWiki."""
import html as _h
import re
from core import render, esc, inline_html
from chrome import (head, css, links, headline_list, share, cookie, analytics, comments_ol, ld_article, HEADLINES)


def nice_date(iso, lang='en'):
    y, m, d = int(iso[:4]), int(iso[5:7]), int(iso[8:10])
    if lang == 'fr':
        mo = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'][m - 1]
        return f'{d} {mo} {y}'
    if lang == 'de':
        mo = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'][m - 1]
        return f'{d}. {mo} {y}'
    if lang == 'ja':
        return f'{y}年{m}月{d}日'
    mo = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][m - 1]
    return f'{mo} {d}, {y}'


def hl_code(lang, code):
    """Pygments-like highlighting: wrap keywords/strings in spans."""
    s = _h.escape(code, quote=False)
    s = re.sub(r'(&quot;|")([^"\n]*?)(")', r'<span class="s2">\1\2\3</span>', s)
    s = re.sub(r'\b(fn|let|mut|use|if|else|return|from|import|with|as|def|for|in|SELECT|FROM|WHERE|ORDER|BY|LIMIT|ALTER|TABLE|SET|CREATE|INDEX|ON|loop|move)\b', r'<span class="k">\1</span>', s)
    return s


# ------------------------------------------------------------------ WordPress (classic theme + Jetpack)
def wordpress(a):
    body = render(a, fig=lambda s, c: f'<figure class="wp-block-image size-large"><img decoding="async" width="1024" height="576" src="{s}" alt="" class="wp-image-5120" srcset="{s} 1024w, {s}?w=300 300w" sizes="(max-width: 1024px) 100vw, 1024px"><figcaption class="wp-element-caption">{c}</figcaption></figure>',
                  code=lambda l, c: f'<pre class="wp-block-code"><code>{_h.escape(c, quote=False)}</code></pre>',
                  h2='<h2 class="wp-block-heading" id="{id}">{}</h2>', quote='<blockquote class="wp-block-quote"><p>{}</p></blockquote>',
                  ul=lambda items: '<ul class="wp-block-list">' + ''.join(f'<li>{inline_html(i)}</li>' for i in items) + '</ul>')
    related = ''.join(f'<div class="jp-relatedposts-post jp-relatedposts-post{k}" data-post-id="{4700 + k}" data-post-format="false"><h4 class="jp-relatedposts-post-title"><a class="jp-relatedposts-post-a" href="/2023/1{k}/0{k + 2}/post-{k}/" title="{esc(h)}">{esc(h)}</a></h4><p class="jp-relatedposts-post-date">November {k + 3}, 2023</p><p class="jp-relatedposts-post-context">In &quot;Kernel&quot;</p></div>'
                      for k, h in enumerate(HEADLINES['en'][:3]))
    st = css(a['name'], ['site-header', 'main-navigation', 'entry-content', 'widget', 'site-footer', 'comment-respond', 'sd-sharing', 'jp-relatedposts'])
    return f'''<!doctype html>
<html lang="en-GB">
<head>
{head(a, styles=st, extra='<link rel="stylesheet" id="twentysixteen-style-css" href="https://schednotes.example.org/wp-content/themes/scheduling/style.css?ver=20231107" media="all">' + chr(10) + '<link rel="https://api.w.org/" href="https://schednotes.example.org/wp-json/">' + chr(10) + '<meta name="generator" content="WordPress 6.4.3">')}
</head>
<body class="post-template-default single single-post postid-4821 single-format-standard wp-embed-responsive group-blog has-sidebar">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header id="masthead" class="site-header">
<div class="site-branding"><p class="site-title"><a href="https://schednotes.example.org/" rel="home">Scheduling Notes</a></p>
<p class="site-description">A kernel developer&#039;s notebook on CPU scheduling, latency and other small obsessions</p></div>
<nav id="site-navigation" class="main-navigation" aria-label="Primary menu"><button class="menu-toggle" aria-controls="primary-menu" aria-expanded="false">Menu</button>
<div class="menu-main-container"><ul id="primary-menu" class="menu"><li class="menu-item menu-item-home"><a href="/">Home</a></li><li class="menu-item"><a href="/about/">About</a></li><li class="menu-item current-post-ancestor"><a href="/category/kernel/">Kernel</a></li><li class="menu-item"><a href="/category/benchmarks/">Benchmarks</a></li><li class="menu-item"><a href="/talks/">Talks</a></li><li class="menu-item"><a href="/contact/">Contact</a></li></ul></div></nav>
</header>
<div id="content" class="site-content">
<div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-4821" class="post-4821 post type-post status-publish format-standard has-post-thumbnail hentry category-kernel tag-cfs tag-eevdf tag-latency tag-scheduler">
<header class="entry-header"><h1 class="entry-title">{esc(a['title'])}</h1>
<div class="entry-meta"><span class="posted-on">Posted on <a href="{a['url']}" rel="bookmark"><time class="entry-date published" datetime="{a['published']}">{nice_date(a['published'])}</time><time class="updated" datetime="2024-03-15T08:00:00+00:00">March 15, 2024</time></a></span><span class="byline"> by <span class="author vcard"><a class="url fn n" href="/author/hannah/">{esc(a['author'])}</a></span></span> <span class="comments-link"><a href="#comments">6 Comments</a></span></div></header>
<div class="post-thumbnail"><img width="1200" height="600" src="https://schednotes.example.org/wp-content/uploads/2024/03/eevdf-header.jpg" class="attachment-post-thumbnail size-post-thumbnail wp-post-image" alt="" decoding="async"></div>
<div class="entry-content">
{body}
<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social sd-social-icon-text sd-sharing"><h3 class="sd-title">Share this:</h3><div class="sd-content"><ul><li class="share-twitter"><a rel="nofollow noopener noreferrer" class="share-twitter sd-button share-icon" href="?share=twitter" target="_blank" title="Click to share on Twitter"><span>Twitter</span></a></li><li class="share-facebook"><a class="share-facebook sd-button share-icon" href="?share=facebook" title="Click to share on Facebook"><span>Facebook</span></a></li><li class="share-linkedin"><a class="share-linkedin sd-button share-icon" href="?share=linkedin"><span>LinkedIn</span></a></li><li class="share-email"><a class="share-email sd-button share-icon" href="mailto:?subject=%5BShared%20Post%5D"><span>Email</span></a></li><li class="share-end"></li></ul></div></div></div>
<div class="sharedaddy sd-block sd-like jetpack-likes-widget-wrapper jetpack-likes-widget-unloaded" id="like-post-wrapper-4821"><h3 class="sd-title">Like this:</h3><div class="likes-widget-placeholder post-likes-widget-placeholder" style="height: 55px;"><span class="button"><span>Like</span></span> <span class="loading">Loading...</span></div><span class="sd-text-color"></span><a class="sd-link-color"></a></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Related</em></h3><div class="jp-relatedposts-items jp-relatedposts-items-minimal">{related}</div></div>
</div><!-- .entry-content -->
<footer class="entry-footer"><span class="cat-links"><span class="screen-reader-text">Categories </span>Posted in <a href="/category/kernel/" rel="category tag">Kernel</a></span><span class="tags-links">Tagged <a href="/tag/cfs/" rel="tag">CFS</a>, <a href="/tag/eevdf/" rel="tag">EEVDF</a>, <a href="/tag/latency/" rel="tag">latency</a>, <a href="/tag/scheduler/" rel="tag">scheduler</a></span></footer>
</article>
<div class="author-info"><div class="author-avatar"><img alt="" src="https://gravatar.example/avatar/h?s=42" class="avatar" height="42" width="42"></div><div class="author-description"><h2 class="author-title"><span class="author-heading">Author:</span> {esc(a['author'])}</h2><p class="author-bio">Hannah works on operating system performance and writes about scheduling, power management and the occasional bicycle. <a class="author-link" href="/author/hannah/" rel="author">View all posts by {esc(a['author'])}</a></p></div></div>
<nav class="navigation post-navigation" aria-label="Posts"><h2 class="screen-reader-text">Post navigation</h2><div class="nav-links"><div class="nav-previous"><a href="/2024/02/20/io-priorities/" rel="prev"><span class="meta-nav">Previous</span> <span class="post-title">I/O priorities are lies we tell ourselves</span></a></div><div class="nav-next"><a href="/2024/04/02/timer-slack/" rel="next"><span class="meta-nav">Next</span> <span class="post-title">Timer slack, explained with a kettle</span></a></div></div></nav>
<div id="comments" class="comments-area">
<h2 class="comments-title">6 thoughts on &ldquo;{esc(a['title'])}&rdquo;</h2>
{comments_ol('en', 6)}
<div id="respond" class="comment-respond"><h3 id="reply-title" class="comment-reply-title">Leave a Reply <small><a rel="nofollow" id="cancel-comment-reply-link" href="#respond" style="display:none;">Cancel reply</a></small></h3>
<form action="https://schednotes.example.org/wp-comments-post.php" method="post" id="commentform" class="comment-form" novalidate><p class="comment-notes"><span id="email-notes">Your email address will not be published.</span> <span class="required-field-message">Required fields are marked <span class="required">*</span></span></p>
<p class="comment-form-comment"><label for="comment">Comment <span class="required">*</span></label><textarea id="comment" name="comment" cols="45" rows="8" maxlength="65525" required></textarea></p>
<p class="comment-form-author"><label for="author">Name <span class="required">*</span></label><input id="author" name="author" type="text" size="30" maxlength="245" required></p>
<p class="comment-form-email"><label for="email">Email <span class="required">*</span></label><input id="email" name="email" type="email" size="30" maxlength="100" required></p>
<p class="comment-form-url"><label for="url">Website</label><input id="url" name="url" type="url" size="30" maxlength="200"></p>
<p class="comment-form-cookies-consent"><input id="wp-comment-cookies-consent" name="wp-comment-cookies-consent" type="checkbox" value="yes"><label for="wp-comment-cookies-consent">Save my name, email, and website in this browser for the next time I comment.</label></p>
<p class="comment-subscription-form"><input type="checkbox" name="subscribe_blog" id="subscribe_blog" value="subscribe"><label class="subscribe-label" id="subscribe-blog-label" for="subscribe_blog">Notify me of new posts by email.</label></p>
<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Post Comment"><input type="hidden" name="comment_post_ID" value="4821" id="comment_post_ID"><input type="hidden" name="comment_parent" id="comment_parent" value="0"></p></form></div>
</div></main></div>
<aside id="secondary" class="sidebar widget-area" aria-label="Sidebar">
<section id="search-2" class="widget widget_search"><form role="search" method="get" class="search-form" action="/"><label><span class="screen-reader-text">Search for:</span><input type="search" class="search-field" placeholder="Search &hellip;" name="s"></label><button type="submit" class="search-submit">Search</button></form></section>
<section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">Recent Posts</h2><ul><li><a href="/2024/04/02/timer-slack/">Timer slack, explained with a kettle</a></li><li><a href="/2024/02/20/io-priorities/">I/O priorities are lies we tell ourselves</a></li><li><a href="/2024/01/11/nohz-full/">nohz_full on a laptop: a bad idea, measured</a></li><li><a href="/2023/12/01/lpc-notes/">Notes from Plumbers 2023</a></li></ul></section>
<section id="recent-comments-2" class="widget widget_recent_comments"><h2 class="widget-title">Recent Comments</h2><ul id="recentcomments"><li class="recentcomments"><span class="comment-author-link">rbuck</span> on <a href="#comment-1007">Living with EEVDF</a></li><li class="recentcomments"><span class="comment-author-link">Aiko</span> on <a href="/2024/02/20/io-priorities/#comment-990">I/O priorities are lies we tell ourselves</a></li></ul></section>
<section id="archives-2" class="widget widget_archive"><h2 class="widget-title">Archives</h2><ul><li><a href="/2024/04/">April 2024</a></li><li><a href="/2024/03/">March 2024</a></li><li><a href="/2024/02/">February 2024</a></li><li><a href="/2024/01/">January 2024</a></li><li><a href="/2023/12/">December 2023</a></li></ul></section>
<section id="categories-2" class="widget widget_categories"><h2 class="widget-title">Categories</h2><ul><li class="cat-item"><a href="/category/benchmarks/">Benchmarks</a> (12)</li><li class="cat-item"><a href="/category/kernel/">Kernel</a> (31)</li><li class="cat-item"><a href="/category/talks/">Talks</a> (5)</li></ul></section>
<section id="blog_subscription-3" class="widget widget_blog_subscription jetpack_subscription_widget"><h2 class="widget-title">Subscribe via Email</h2><form action="#" method="post" accept-charset="utf-8" id="subscribe-blog-blog_subscription-3"><div id="subscribe-text"><p>Enter your email address to subscribe to this blog and receive notifications of new posts by email.</p></div><p id="subscribe-email"><input type="email" name="email" required placeholder="Email Address"></p><p id="subscribe-submit"><button type="submit" name="jetpack_subscriptions_widget">Subscribe</button></p></form></section>
</aside>
</div>
<footer id="colophon" class="site-footer"><div class="site-info"><span class="site-title"><a href="/" rel="home">Scheduling Notes</a></span><a href="https://wordpress.example.org/" class="imprint">Proudly powered by WordPress</a></div></footer>
</div>
<script src="https://schednotes.example.org/wp-includes/js/comment-reply.min.js?ver=6.4.3" id="comment-reply-js" async></script>
<script id="jetpack-stats-js-before">_stq = window._stq || []; _stq.push([ "view", {{"v":"ext","blog":"188110","post":"4821","tz":"0","srv":"schednotes.example.org"}} ]);</script>
</body></html>'''


# ------------------------------------------------------------------ Ghost / Casper
def ghost(a):
    body = render(a, fig=lambda s, c: f'<figure class="kg-card kg-image-card kg-card-hascaption"><img src="{s}" class="kg-image" alt="" loading="lazy" width="2000" height="1125" srcset="{s}?w=600 600w, {s}?w=1000 1000w, {s} 1600w" sizes="(min-width: 720px) 720px"><figcaption><span style="white-space: pre-wrap;">{c}</span></figcaption></figure>',
                  code=lambda l, c: f'<pre><code class="language-{l or "plaintext"}">{_h.escape(c, quote=False)}</code></pre>', h2='<h2 id="{id}">{}</h2>')
    cards = ''.join(f'''<article class="post-card post"><a class="post-card-image-link" href="/{k}-post/"><img class="post-card-image" src="/content/images/size/w600/2023/card{k}.png" alt="" loading="lazy"></a><div class="post-card-content"><a class="post-card-content-link" href="/{k}-post/"><header class="post-card-header"><div class="post-card-tags"><span class="post-card-primary-tag">Compilers</span></div><h2 class="post-card-title">{esc(h)}</h2></header><div class="post-card-excerpt">A deep dive with benchmarks, diagrams and more footnotes than anyone asked for.</div></a><footer class="post-card-meta"><time class="post-card-meta-date" datetime="2023-1{k}-0{k + 1}">Oct {k + 1}, 2023</time><span class="post-card-meta-length">{6 + k} min read</span></footer></div></article>'''
                    for k, h in enumerate([HEADLINES['en'][2], HEADLINES['en'][19], HEADLINES['en'][11]]))
    st = css(a['name'], ['gh-head', 'gh-canvas', 'article-title', 'post-card', 'site-footer', 'kg-card', 'gh-content'])
    ld = ld_article(a, 'Article', 'https://lowering.example.com/content/images/logo.png')
    return f'''<!DOCTYPE html>
<html lang="en">
<head>
{head(a, title=a['title'], ld=ld, styles=st, extra='<meta name="generator" content="Ghost 5.79">' + chr(10) + '<link rel="alternate" type="application/rss+xml" title="Lowering" href="https://lowering.example.com/rss/">' + chr(10) + '<script defer src="https://cdn.example.net/ghost/portal@~2.37/umd/portal.min.js" data-i18n="false" data-ghost="https://lowering.example.com/" data-key="1f2e3d4c5b6a" data-api="https://lowering.example.com/ghost/api/content/" crossorigin="anonymous"></script>')}
</head>
<body class="post-template tag-compilers tag-backend is-head-left-logo has-cover">
<div class="viewport">
<header id="gh-head" class="gh-head outer is-header-hidden"><div class="gh-head-inner inner"><div class="gh-head-brand"><a class="gh-head-logo no-image" href="https://lowering.example.com">Lowering</a><button class="gh-search gh-icon-btn" aria-label="Search this site" data-ghost-search></button><button class="gh-burger"></button></div>
<nav class="gh-head-menu"><ul class="nav"><li class="nav-home"><a href="/">Home</a></li><li class="nav-archive"><a href="/archive/">Archive</a></li><li class="nav-about"><a href="/about/">About</a></li><li class="nav-reading-list"><a href="/reading-list/">Reading list</a></li></ul></nav>
<div class="gh-head-actions"><button class="gh-search gh-icon-btn" data-ghost-search></button><div class="gh-head-members"><a class="gh-head-link" href="#/portal/signin" data-portal="signin">Sign in</a><a class="gh-head-button" href="#/portal/signup" data-portal="signup">Subscribe</a></div></div></div></header>
<div class="site-content"><main id="site-main" class="site-main">
<article class="article post tag-compilers tag-backend featured">
<header class="article-header gh-canvas">
<div class="article-tag post-card-tags"><span class="post-card-primary-tag"><a href="/tag/compilers/">Compilers</a></span><span class="post-card-featured">Featured</span></div>
<h1 class="article-title">{esc(a['title'])}</h1>
<div class="article-byline"><section class="article-byline-content"><ul class="author-list"><li class="author-list-item"><a href="/author/tomas/" class="author-avatar"><img class="author-profile-image" src="/content/images/size/w100/2023/tomas.jpg" alt="{esc(a['author'])}"></a></li></ul>
<div class="article-byline-meta"><h4 class="author-name"><a href="/author/tomas/">{esc(a['author'])}</a></h4><div class="byline-meta-content"><time class="byline-meta-date" datetime="2024-02-02">Feb 2, 2024</time><span class="byline-reading-time"><span class="bull">&bull;</span> 6 min read</span></div></div></section></div>
</header>
<section class="gh-content gh-canvas">
{body}
</section>
<section class="article-comments gh-canvas"><script defer src="https://cdn.example.net/ghost/comments-ui@~0.17/umd/comments-ui.min.js" data-ghost-comments="https://lowering.example.com/" data-api="https://lowering.example.com/ghost/api/content/" data-admin="https://lowering.example.com/ghost/" data-key="1f2e3d4c5b6a" data-title="Member discussion" data-count="true" data-post-id="65bd1c2a9f" data-color-scheme="auto" data-accent-color="#3b5bdb" crossorigin="anonymous"></script></section>
</article>
<section class="footer-cta outer"><div class="inner"><h2 class="footer-cta-title">Sign up for more like this.</h2><a class="footer-cta-button" href="#/portal" data-portal><div class="footer-cta-input">Enter your email</div><span>Subscribe</span></a></div></section>
</main></div>
<aside class="read-more-wrap outer"><div class="read-more inner"><div class="post-feed">{cards}</div></div></aside>
<footer class="site-footer outer"><div class="inner"><section class="copyright"><a href="https://lowering.example.com">Lowering</a> &copy; 2024</section><nav class="site-footer-nav"><ul class="nav"><li class="nav-sign-up"><a href="#/portal/">Sign up</a></li><li class="nav-rss"><a href="/rss/">RSS</a></li><li class="nav-mastodon"><a href="https://social.example/@lowering">Mastodon</a></li></ul></nav><div class="gh-powered-by"><a href="https://ghost.example.org/" target="_blank" rel="noopener">Powered by Ghost</a></div></div></footer>
</div>
<div class="pswp" tabindex="-1" role="dialog" aria-hidden="true"><div class="pswp__bg"></div><div class="pswp__scroll-wrap"><div class="pswp__ui pswp__ui--hidden"><div class="pswp__top-bar"><div class="pswp__counter"></div><button class="pswp__button pswp__button--close" title="Close (Esc)"></button><button class="pswp__button pswp__button--share" title="Share"></button><button class="pswp__button pswp__button--zoom" title="Zoom in/out"></button></div></div></div></div>
<script src="/assets/built/casper.js?v=8c1f20e3d7"></script>
</body></html>'''


# ------------------------------------------------------------------ Medium-like
def medium(a):
    r = [0]

    def p(x):
        r[0] += 1
        return f'<p id="{r[0]:04x}" class="pw-post-body-paragraph ny nz gu oa b ob oc od oe of og oh oi oj ok ol om on oo op oq or os ot ou ov gn bk" data-selectable-paragraph="">{x}</p>'

    def h(x, id):
        r[0] += 1
        return f'<h2 id="{r[0]:04x}" class="ow ox gu be oy oz pa pb pc pd pe pf pg ph pi pj pk pl pm pn po pp pq pr ps pt bj" data-selectable-paragraph="">{x}</h2>'
    body = render(a, p=p, h2=h, ul=lambda items: '<ul class="">' + ''.join(f'<li id="li{k}" class="ny nz gu oa b ob oc od pu pv pw px bk" data-selectable-paragraph="">{inline_html(i)}</li>' for k, i in enumerate(items)) + '</ul>')
    st = css(a['name'], ['ny', 'oz', 'pw', 'bk', 'gu', 'ab', 'cf', 'lz'], 120)
    foot = ''.join(f'<div class="ab cf"><div class="rd re"><a href="/@priyaraman/more-{k}"><h2 class="be gv sf nk rg rh ri rj bj">{esc(t)}</h2><div class="rk"><h3 class="be b du z nk rl ri rj dx">Read time and claps go here, and so on.</h3></div></a><div class="ab q"><span class="be b du z dx">{k + 4} min read</span><span class="be b du z dx">·</span><span class="be b du z dx">Oct {k + 3}, 2023</span></div></div></div>'
                   for k, t in enumerate(['Ten terminal features I use every day', 'Stop fighting your shell prompt', 'The fonts that made me like coding again']))
    return f'''<!doctype html><html lang="en"><head>
{head(a, title=a['title'] + ' | by ' + a['author'] + ' | Medium', ld=ld_article(a, 'NewsArticle', 'https://miro.medium.example.com/logo.png'), styles=st, extra='<meta name="theme-color" content="#000000"><meta property="al:ios:app_name" content="Medium"><meta name="twitter:app:id:iphone" content="828256236">')}
</head><body><div id="root"><div class="a b c"><div class="d e f g h i j k"></div>
<div class="l c"><div class="l m n o"><div class="p q r s t u v w"><div class="x y z ab"><a data-testid="headerMediumLogo" href="/" aria-label="Homepage"><svg viewBox="0 0 1043.63 592.71" class="ac ad"><path d="M588.67 296.36c0 163.67-131.78 296.35-294.33 296.35S0 460 0 296.36 131.78 0 294.34 0s294.33 132.69 294.33 296.36"></path></svg></a>
<div class="ae ab af ag ah ai aj ak al am"><input role="combobox" aria-controls="search-results" aria-expanded="false" aria-label="search" data-testid="headerSearchInput" placeholder="Search" class="an ao ap" value=""></div></div>
<div class="ab q"><a data-testid="headerWriteButton" href="/new-story" rel="noopener follow"><div class="be b bf z dx">Write</div></a><a href="/m/signin" rel="noopener follow"><span class="be b bf z dx">Sign up</span></a><a href="/m/signin">Sign in</a></div></div></div>
<div class="ab cb"><div class="ci bg ez fa fb fc"><article><div class="l"><div class="l"><span class="l"></span><section><div><div class="fs ft fu fv fw"></div><div class="gn go gp gq gr"><div class="ab cb"><div class="ci bg ez fa fb fc">
<div class="gs gt gu"><div class="ab q"><div class="gv gw gx"><svg width="16" height="16" viewBox="0 0 64 64"><path d="M39.64 40.83 33.87 56.7a1.99 1.99 0 0 1-3.74 0l-5.77-15.87"></path></svg></div><p class="be b du z dx"><span class="gy">Member-only story</span></p></div></div>
<div><h1 id="f0a1" class="pw-post-title gz ha hb be hc hd he hf hg hh hi hj hk hl hm hn ho hp hq hr hs ht hu hv hw hx hy bj" data-testid="storyTitle" data-selectable-paragraph="">{esc(a['title'])}</h1></div>
<div class="hz ia ib ic id"><div class="speechify-ignore ab cp"><div class="speechify-ignore bg l"><div class="ie if ig ih ii ab"><div><div class="ab ij"><a href="/@priyaraman" rel="noopener follow"><div class="l ik il by im in"><img alt="{esc(a['author'])}" class="l ey by dd de cx" src="https://miro.medium.example.com/v2/resize:fill:88:88/1*priya.jpeg" width="44" height="44" loading="lazy" data-testid="authorPhoto"></div></a></div></div>
<div class="bm bg l"><div class="ab"><div style="flex:1"><span class="be b bf z bj"><div class="io ab q"><div class="ab q ip"><div class="ab q"><div><div class="bl" aria-hidden="false"><a class="af ag ah ai aj ak al am an ao ap aq ar iq" data-testid="authorName" href="/@priyaraman" rel="noopener follow">{esc(a['author'])}</a></div></div></div><span class="ir is" aria-hidden="true"><span class="be b bf z dx">·</span></span><p class="be b bf z dx"><button class="it iu ah ai aj ak al am an ao ap aq ar iv iw ix">Follow</button></p></div></div></span></div></div>
<div class="l iy"><span class="be b bf z dx"><div class="ab cn iz ja jb"><span class="be b bf z dx"><div class="ab ae"><span data-testid="storyReadTime">7 min read</span><div class="jc jd l" aria-hidden="true"><span class="l" aria-hidden="true"><span class="be b bf z dx">·</span></span></div><span data-testid="storyPublishDate">Nov 20, 2023</span></div></span></div></span></div></div></div>
<div class="ab cp je jf jg jh ji jj jk jl jm jn jo jp jq jr js jt"><div class="h k w ea eb q"><div class="kj l"><div class="ab q kk kl"><div class="pw-multi-vote-icon ey km kn ko kp"><button data-testid="headerClapButton" class="af fi ah ai aj ak al kq an ao ap ie kr ks kt" aria-label="clap"><svg width="24" height="24" viewBox="0 0 24 24"></svg></button></div><div class="pw-multi-vote-count l ku kv kw kx ky kz la"><p class="be b du z dx"><span class="lb">2.4K</span></p></div></div></div><div><div class="bl" aria-hidden="false"><button class="ao kr le lf ab q fj lg lh" aria-label="responses"><svg width="24" height="24"></svg><p class="be b du z dx"><span class="pw-responses-count ld le">38</span></p></button></div></div></div>
<div class="ab q ju jv jw jx jy jz ka kb kc kd ke kf kg kh ki"><div class="lj k j i d"></div><div class="h k"><div><div class="bl" aria-hidden="false"><button aria-label="Add to list bookmark button" data-testid="headerBookmarkButton" class="af fi ah ai aj ak al lk an ao ap ie ll lm ln" disabled><svg width="25" height="25"></svg></button></div></div></div><div class="ep lo cn"><div class="l ae"><div class="ab cb"><div class="lp lq lr ls lt lu ci bg"><div class="ab"><div class="bl" aria-hidden="false"><div><div class="bl" aria-hidden="false"><button aria-label="Listen" data-testid="audioPlayButton" class="af fi ah ai aj ak al lk an ao ap ie lv lw lh lx ly lz ma mb s mc md me mf mg mh mi u mj mk ml"><svg width="24" height="24"></svg><div class="j i d"><p class="be b bf z dx">Listen</p></div></button></div></div></div></div></div></div></div></div><div class="bl" aria-hidden="false"><button aria-label="Share Post" data-testid="headerSocialShareButton" class="af fi ah ai aj ak al lk an ao ap ie lv lw lh lx ly lz ma mb s mc md me mf mg mh mi u mj mk ml"><svg width="24" height="24"></svg><div class="j i d"><p class="be b bf z dx">Share</p></div></button></div></div></div></div></div></div>
<figure class="mp mq mr ms mt mu mm mn paragraph-image"><div role="button" tabindex="0" class="mv mw fg mx bg my"><div class="mm mn mo"><picture><img alt="" class="bg lp mz c" width="700" height="394" loading="eager" role="presentation" src="{a['image']}"></picture></div></div><figcaption class="na nb nc mm mn nd ne be b bf z dx" data-selectable-paragraph="">Photo by the author. A glyph atlas as rendered by a GPU terminal, magnified.</figcaption></figure>
{body}
</div></div></div></div></section></div></div></article></div></div>
<div class="ab cb"><div class="ci bg ez fa fb fc"><div class="pf pg ab hf"><div class="ph ab"><a class="pi ay am ao" href="/tag/terminal?source=post_page-----4f2a9c1d7b3e---------------terminal-----------------" rel="noopener follow"><div class="pj ed cx pk fh pl pm be b bf z bj pn">Terminal</div></a></div><div class="ph ab"><a class="pi ay am ao" href="/tag/gpu"><div class="pj ed cx pk fh pl pm be b bf z bj pn">GPU</div></a></div><div class="ph ab"><a class="pi ay am ao" href="/tag/programming"><div class="pj ed cx pk fh pl pm be b bf z bj pn">Programming</div></a></div></div></div></div>
<div class="l"><div class="qx qy qz ra rb l"><div class="ab cb"><div class="ci bg ez fa fb fc"><div class="ab q"><h2 class="be gv qq qr qs qt qu qv qw qx qy qz ra rb bj"><a href="/@priyaraman">Written by {esc(a['author'])}</a></h2></div><div class="rc ab"><span class="pw-follower-count be b bf z bj"><a href="/@priyaraman/followers">4.1K Followers</a></span></div><div class="rd l"><p class="be b bf z bj"><span class="fe">Systems programmer. Writes about terminals, text rendering and the tools developers live in.</span></p></div><button class="it iu ah ai aj ak al am an ao ap aq ar iv iw ix">Follow</button></div></div></div>
<div class="ab cb"><div class="ci bg ez fa fb fc"><h2 class="be gv nk nl nm nn no np bj">More from {esc(a['author'])}</h2>{foot}</div></div>
<div class="ab cb"><div class="ci bg ez fa fb fc"><h2 class="be gv nk nl nm nn no np bj">Recommended from Medium</h2><div class="ab cf"><a href="/p/xyz1"><h2 class="be gv sf">The terminal setup I wish I had ten years ago</h2></a><a href="/p/xyz2"><h2 class="be gv sf">Why I went back to a plain terminal</h2></a></div><a href="/?source=post_page">See more recommendations</a></div></div></div>
<footer class="l"><div class="ab cb"><a href="https://help.medium.example.com">Help</a><a href="https://medium.example.statuspage.io">Status</a><a href="/about">About</a><a href="/jobs-at-medium">Careers</a><a href="/press">Press</a><a href="/blog">Blog</a><a href="/privacy">Privacy</a><a href="/terms">Terms</a><a href="/text-to-speech">Text to speech</a><a href="/business">Teams</a></div></footer>
</div></div>
<script>window.__APOLLO_STATE__ = {{"ROOT_QUERY":{{"__typename":"Query","viewer":null,"variantFlags":[]}},"Post:4f2a9c1d7b3e":{{"__typename":"Post","id":"4f2a9c1d7b3e","clapCount":2400,"isLocked":true}}}}</script>
<script>window.__BUILD_ID__="main-20231120-182032-8f1c3a0b2d"</script>
</body></html>'''
