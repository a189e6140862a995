"""Templates, part 7."""
import html as _h
import json
from core import render, esc, inline_html, inline_text
from chrome import (head, css, links, headline_list, share, cookie, analytics, comments_ol, ld_article, HEADLINES, COMMENTS)
from tpl1 import nice_date, hl_code
from tpl4 import page
from tpl5 import simple_header, simple_footer


def jsonld(a):
    body = render(a, p='<p>{}</p>')
    ld = [{"@context": "https://schema.org", "@type": "NewsArticle", "headline": a['title'], "description": "Streambase moves version 6.0 to a source-available licence; former contributors announce the Tidewater fork.",
           "image": {"@type": "ImageObject", "url": a['image'], "width": 1600, "height": 900}, "datePublished": a['published'], "dateModified": "2024-04-17T09:10:00+00:00",
           "author": [{"@type": "Person", "name": a['author'], "url": "https://osdispatch.example.com/author/nadia-kowalczyk/"}],
           "publisher": {"@type": "Organization", "name": a['site'], "logo": {"@type": "ImageObject", "url": "https://osdispatch.example.com/logo-600x60.png"}},
           "mainEntityOfPage": a['url'], "keywords": ["licensing", "databases", "forks"], "isAccessibleForFree": True},
          {"@context": "https://schema.org", "@type": "BreadcrumbList", "itemListElement": [{"@type": "ListItem", "position": 1, "name": "Home", "item": "https://osdispatch.example.com/"}, {"@type": "ListItem", "position": 2, "name": "Licensing", "item": "https://osdispatch.example.com/licensing/"}]}]
    extra = (f'<meta property="article:author" content="https://osdispatch.example.com/author/nadia-kowalczyk/"><meta property="article:section" content="Licensing"><meta property="article:modified_time" content="2024-04-17T09:10:00+00:00">'
             f'<meta name="twitter:site" content="@osdispatch"><meta name="twitter:creator" content="@nadiak"><meta name="parsely-title" content="{esc(a["title"])}"><meta name="parsely-author" content="{esc(a["author"])}"><meta name="parsely-pub-date" content="{a["published"]}">')
    inner = f'''{simple_header(a['site'], ['Latest', 'Licensing', 'Foundations', 'Security', 'Interviews', 'Events'])}
<main class="container"><div class="row"><div class="col-main">
<article class="story"><p class="story-kicker"><a href="/licensing/">Licensing</a></p><h1 class="story-headline">{esc(a['title'])}</h1>
<div class="story-meta"><img class="avatar" src="/author/nadia.jpg" alt="" width="40"><div><a class="story-author" href="/author/nadia-kowalczyk/">{esc(a['author'])}</a><div class="story-dates"><time datetime="{a['published']}">April 17, 2024 6:45 AM UTC</time> · Updated 2 hours ago</div></div></div>
<figure class="story-image"><img src="{a['image']}" alt="Database server racks" width="1600" height="900"><figcaption>Streambase is used by thousands of companies to store metrics and sensor data. <span class="credit">Illustration: OSD</span></figcaption></figure>
<div class="story-body">{body}</div>
<div class="story-footer"><p class="story-correction">Have a tip about open-source licensing? Contact our newsroom securely.</p>{share('en')}</div></article>
<section class="comments-cta"><a href="#comments">Join the conversation (214)</a></section></div>
<aside class="col-side"><section class="trending"><h3>Trending</h3>{headline_list('en', 5, 8, 'ol')}</section><section class="newsletter"><h3>The Dispatch, daily</h3><p>The day's open-source news in five minutes.</p><form><input type="email"><button>Sign up</button></form></section></aside></div></main>
{simple_footer(a['site'])}'''
    return page(a, 'en', 'single-story', inner, ld=ld, extra=extra)


def amp(a):
    body = render(a)
    st = css(a['name'], ['amp-header', 'amp-body', 'amp-footer', 'sidebar', 'share'], 60)
    return f'''<!doctype html>
<html ⚡ lang="en"><head>
<meta charset="utf-8">
<script async src="https://cdn.ampproject.example.org/v0.js"></script>
<script async custom-element="amp-sidebar" src="https://cdn.ampproject.example.org/v0/amp-sidebar-0.1.js"></script>
<script async custom-element="amp-ad" src="https://cdn.ampproject.example.org/v0/amp-ad-0.1.js"></script>
<script async custom-element="amp-analytics" src="https://cdn.ampproject.example.org/v0/amp-analytics-0.1.js"></script>
<script async custom-element="amp-social-share" src="https://cdn.ampproject.example.org/v0/amp-social-share-0.1.js"></script>
<script async custom-element="amp-consent" src="https://cdn.ampproject.example.org/v0/amp-consent-0.1.js"></script>
<title>{esc(a['title'])} | Circuit Weekly</title>
<link rel="canonical" href="{a['url']}">
<meta name="viewport" content="width=device-width,minimum-scale=1,initial-scale=1">
<meta property="og:title" content="{esc(a['title'])}"><meta property="og:site_name" content="{a['site']}"><meta property="og:image" content="{a['image']}"><meta property="article:published_time" content="{a['published']}">
<script type="application/ld+json">{json.dumps(ld_article(a, 'NewsArticle', 'https://circuitweekly.example.com/logo.png'))}</script>
<style amp-boilerplate>body{{-webkit-animation:-amp-start 8s steps(1,end) 0s 1 normal both;animation:-amp-start 8s steps(1,end) 0s 1 normal both}}@keyframes -amp-start{{from{{visibility:hidden}}to{{visibility:visible}}}}</style><noscript><style amp-boilerplate>body{{-webkit-animation:none;animation:none}}</style></noscript>
<style amp-custom>{st}</style>
</head><body>
<amp-consent id="consent" layout="nodisplay"><script type="application/json">{{"consentInstanceId":"cw-consent","consentRequired":true,"promptUI":"consent-ui"}}</script><div id="consent-ui" class="consent"><p>We and our partners use cookies to personalise ads and measure traffic.</p><button on="tap:consent.accept">Accept</button><button on="tap:consent.reject">Reject</button></div></amp-consent>
<amp-sidebar id="sidebar" layout="nodisplay" side="left"><button on="tap:sidebar.close" class="close">✕</button><nav>{links(['News', 'Reviews', 'Single-board computers', 'Microcontrollers', 'Tools', 'Podcast'])}</nav></amp-sidebar>
<header class="amp-header"><button on="tap:sidebar.toggle" class="hamburger">☰</button><a href="https://circuitweekly.example.com/" class="logo"><amp-img src="/logo.png" width="160" height="32" alt="Circuit Weekly"></amp-img></a></header>
<article class="amp-body"><h1>{esc(a['title'])}</h1><p class="byline">By <a href="/authors/sam-okonjo/">{esc(a['author'])}</a> · <time datetime="{a['published']}">May 29, 2024</time></p>
<amp-img src="{a['image']}" width="1200" height="675" layout="responsive" alt="The Quarry V2 board"></amp-img><p class="caption">The Quarry V2 with its optional aluminium case.</p>
<amp-ad width="300" height="250" type="doubleclick" data-slot="/1234/circuitweekly/amp_top"><div placeholder>Advertisement</div></amp-ad>
<div class="article-body">{body}</div>
<div class="share"><amp-social-share type="twitter" width="40" height="40"></amp-social-share><amp-social-share type="facebook" width="40" height="40" data-param-app_id="1234"></amp-social-share><amp-social-share type="email" width="40" height="40"></amp-social-share></div>
<amp-ad width="300" height="250" type="doubleclick" data-slot="/1234/circuitweekly/amp_bottom"><div placeholder>Advertisement</div></amp-ad>
<section class="related"><h2>More reviews</h2>{headline_list('en', 4, 9)}</section></article>
<footer class="amp-footer"><p>© 2024 Circuit Weekly</p><a href="{a['url']}">View full site</a></footer>
<amp-analytics type="gtag" data-credentials="include"><script type="application/json">{{"vars":{{"gtag_id":"G-CW123","config":{{"G-CW123":{{"groups":"default"}}}}}}}}</script></amp-analytics>
</body></html>'''


def blogger(a):
    code = lambda l, c: f'<pre style="background:#f4f4f4;border:1px solid #ddd;padding:8px;overflow:auto"><code>{_h.escape(c, quote=False)}</code></pre>'
    body = render(a, code=code, p='{}<br /><br />', h2='<h3 style="text-align: left;">{}</h3>', ul=lambda items: '<ul style="text-align: left;">' + ''.join(f'<li>{inline_html(i)}</li>' for i in items) + '</ul>', join='\n')
    arch = ''.join(f'<li class="archivedate collapsed"><a class="toggle" href="javascript:void(0)"><span class="zippy">►&nbsp;</span></a><a class="post-count-link" href="/{y}/">{y}</a> <span class="post-count" dir="ltr">({n})</span></li>' for y, n in [(2023, 9), (2022, 14), (2021, 11), (2020, 17)])
    inner = f'''<div class="navbar no-items section" id="navbar" name="Navbar"></div>
<div class="outer-wrapper"><div class="header-outer"><div class="region-inner header-inner"><div class="header section" id="header" name="Header"><div class="widget Header" data-version="1" id="Header1"><div id="header-inner"><div class="titlewrapper"><h1 class="title"><a href="https://garethhomelab.example.blogspot.com/">Gareth's Homelab Diary</a></h1></div><div class="descriptionwrapper"><p class="description"><span>Servers in the cupboard, cables under the floor.</span></p></div></div></div></div></div></div>
<div class="main-inner"><div class="columns fauxcolumns"><div class="column-center-outer"><div class="column-center-inner"><div class="main section" id="main" name="Main"><div class="widget Blog" data-version="1" id="Blog1"><div class="blog-posts hfeed">
<div class="date-outer"><h2 class="date-header"><span>Sunday, 14 January 2024</span></h2><div class="date-posts"><div class="post-outer"><div class="post hentry uncustomized-post-template" itemprop="blogPost" itemscope="itemscope" itemtype="http://schema.org/BlogPosting">
<meta content="{a['image']}" itemprop="image_url"><a name="7311180051729842221"></a><h3 class="post-title entry-title" itemprop="name">{esc(a['title'])}</h3>
<div class="post-header"><div class="post-header-line-1"></div></div>
<div class="post-body entry-content" id="post-body-7311180051729842221" itemprop="description articleBody">
<div class="separator" style="clear: both; text-align: center;"><a href="{a['image']}" style="margin-left: 1em; margin-right: 1em;"><img border="0" data-original-height="900" data-original-width="1600" height="225" src="{a['image']}" width="400" /></a></div><br />
{body}
<div style="clear: both;"></div></div>
<div class="post-footer"><div class="post-footer-line post-footer-line-1"><span class="post-author vcard">Posted by <span class="fn" itemprop="author" itemscope="itemscope" itemtype="http://schema.org/Person"><span itemprop="name">{esc(a['author'])}</span></span></span> <span class="post-timestamp">at <meta content="{a['url']}" itemprop="url"><a class="timestamp-link" href="{a['url']}" rel="bookmark" title="permanent link"><abbr class="published" itemprop="datePublished" title="{a['published']}">21:37</abbr></a></span> <span class="post-comment-link"></span> <span class="post-icons"><span class="item-control blog-admin pid-1180051729"><a href="https://www.blogger.example.com/post-edit.g?blogID=1&amp;postID=2" title="Edit Post"><img alt="" class="icon-action" height="18" src="https://resources.blogblog.example.com/img/icon18_edit_allbkg.gif" width="18"></a></span></span>
<div class="post-share-buttons goog-inline-block"><a class="goog-inline-block share-button sb-email" href="https://www.blogger.example.com/share-post.g?blogID=1&amp;postID=2&amp;target=email" target="_blank" title="Email This"><span class="share-button-link-text">Email This</span></a><a class="goog-inline-block share-button sb-blog" href="#" title="BlogThis!"><span class="share-button-link-text">BlogThis!</span></a><a class="goog-inline-block share-button sb-twitter" href="#" title="Share to X"><span class="share-button-link-text">Share to X</span></a><a class="goog-inline-block share-button sb-facebook" href="#" title="Share to Facebook"><span class="share-button-link-text">Share to Facebook</span></a></div></div>
<div class="post-footer-line post-footer-line-2"><span class="post-labels">Labels: <a href="/search/label/nas" rel="tag">nas</a>, <a href="/search/label/zfs" rel="tag">zfs</a>, <a href="/search/label/homelab" rel="tag">homelab</a></span></div></div></div>
<div class="comments" id="comments"><a name="comments"></a><h4>2 comments:</h4><div class="comments-content"><div class="comment-thread"><ol><li class="comment"><div class="comment-block"><div class="comment-header"><cite class="user">Anonymous</cite><span class="datetime secondary-text"><a rel="nofollow" href="#c1">15 January 2024 at 08:12</a></span></div><p class="comment-content">Great follow-up! Which UPS did you go with, and does the NAS shut down cleanly when the battery runs low?</p></div></li><li class="comment"><div class="comment-block"><div class="comment-header"><cite class="user">Gareth Llewellyn</cite><span class="datetime secondary-text"><a rel="nofollow" href="#c2">15 January 2024 at 19:40</a></span></div><p class="comment-content">A small 600 VA line-interactive one. NUT handles the shutdown; I'll write that up separately.</p></div></li></ol></div></div>
<p class="comment-footer"><a href="https://www.blogger.example.com/comment/fullpage/post/1/2" onclick="">Post a Comment</a></p></div>
</div></div></div></div>
<div class="blog-pager" id="blog-pager"><span id="blog-pager-newer-link"><a class="blog-pager-newer-link" href="/2024/02/ups.html" title="Newer Post">Newer Post</a></span><span id="blog-pager-older-link"><a class="blog-pager-older-link" href="/2023/12/vlans.html" title="Older Post">Older Post</a></span><a class="home-link" href="/">Home</a></div>
<div class="post-feeds"><div class="feed-links">Subscribe to: <a class="feed-link" href="/feeds/2/comments/default" target="_blank" type="application/atom+xml">Post Comments (Atom)</a></div></div></div></div></div></div></div>
<div class="column-right-outer"><div class="column-right-inner"><aside><div class="sidebar section" id="sidebar-right-1"><div class="widget Profile" data-version="1" id="Profile1"><h2>About Me</h2><div class="widget-content"><dl class="profile-datablock"><dt class="profile-data"><a class="profile-name-link g-profile" href="/profile/1">Gareth Llewellyn</a></dt><dd class="profile-textblock">Network engineer by day, amateur sysadmin of a very small data centre by night.</dd></dl><a class="profile-link" href="/profile/1" rel="author">View my complete profile</a></div></div>
<div class="widget BlogArchive" data-version="1" id="BlogArchive1"><h2>Blog Archive</h2><div class="widget-content"><div id="ArchiveList"><div id="BlogArchive1_ArchiveList"><ul class="hierarchy"><li class="archivedate expanded"><a class="toggle" href="javascript:void(0)"><span class="zippy toggle-open">▼&nbsp;</span></a><a class="post-count-link" href="/2024/">2024</a> <span class="post-count" dir="ltr">(1)</span><ul class="posts"><li><a href="{a['url']}">{esc(a['title'])}</a></li></ul></li>{arch}</ul></div></div></div></div>
<div class="widget PopularPosts" data-version="1" id="PopularPosts1"><h2>Popular Posts</h2><div class="widget-content popular-posts"><ul><li><div class="item-title"><a href="/2020/03/building-nas-old-desktop.html">Building a NAS out of an old desktop</a></div><div class="item-snippet">I finally got fed up with USB drives scattered around the house...</div></li><li><div class="item-title"><a href="/2022/06/pihole.html">Two years with Pi-hole</a></div></li></ul></div></div></div></aside></div></div></div></div>
<footer><div class="footer-outer"><div class="widget Attribution" data-version="1" id="Attribution1"><div class="widget-content" style="text-align: center;">Simple theme. Powered by <a href="https://www.blogger.example.com" target="_blank">Blogger</a>.</div></div></div></footer></div>'''
    return page(a, 'en-GB', 'variant-simplysimple', inner, title="Gareth's Homelab Diary: " + a['title'], extra='<meta name="generator" content="Blogger">')
