"""Templates, part 6."""
import html as _h
import json
import random
import base64
from core import render, esc, inline_html, inline_text
from chrome import (head, css, links, headline_list, share, cookie, analytics, comments_ol, ld_article, HEADLINES, COMMENTS)
from tpl1 import nice_date, hl_code
from tpl4 import page
from tpl5 import simple_header, simple_footer


def elementor(a):
    body = render(a, code=lambda l, c: f'<pre class="wp-block-code"><code lang="{l}" class="language-{l}">{_h.escape(c, quote=False)}</code></pre>')
    w = lambda typ, html_: f'<div class="elementor-element elementor-widget elementor-widget-{typ}" data-element_type="widget" data-widget_type="{typ}.default"><div class="elementor-widget-container widget-content">{html_}</div></div>'
    inner = f'''<div data-elementor-type="header" class="elementor elementor-41 elementor-location-header"><div class="elementor-section elementor-top-section">{w('theme-site-logo', '<a href="/"><img src="/wp-content/uploads/logo.svg" alt="Fjordbyte"></a>')}{w('nav-menu', '<nav class="elementor-nav-menu--main">' + links(['Product', 'Customers', 'Engineering', 'Careers', 'Contact']) + '</nav>')}{w('button', '<a class="elementor-button" href="/demo/"><span class="elementor-button-text">Book a demo</span></a>')}</div></div>
<div data-elementor-type="single-post" class="elementor elementor-88 elementor-location-single post-2231 post type-post status-publish promo-article">
<section class="elementor-section elementor-top-section has-sidebar"><div class="elementor-container"><div class="elementor-column elementor-col-66"><div class="elementor-widget-wrap">
{w('theme-post-title', '<h1 class="elementor-heading-title elementor-size-default">' + esc(a['title']) + '</h1>')}
{w('post-info', '<ul class="elementor-inline-items elementor-icon-list-items elementor-post-info"><li class="elementor-icon-list-item elementor-repeater-item-author"><span class="elementor-post-info__item elementor-post-info__item--type-author">' + esc(a['author']) + '</span></li><li class="elementor-icon-list-item"><span class="elementor-post-info__item--type-date"><time>' + nice_date(a['published']) + '</time></span></li><li class="elementor-icon-list-item"><span>6 min read</span></li></ul>')}
{w('theme-post-featured-image', '<img src="' + a['image'] + '" alt="" width="1200" height="630">')}
{w('theme-post-content', body)}
{w('share-buttons', '<div class="elementor-grid">' + share('en', 'elementor-share') + '</div>')}
{w('author-box', '<div class="elementor-author-box"><div class="elementor-author-box__text"><h4 class="elementor-author-box__name">' + esc(a['author']) + '</h4><div class="elementor-author-box__bio">Marcus leads the platform team at Fjordbyte and cares far too much about build times.</div></div></div>')}
{w('post-navigation', '<div class="elementor-post-navigation"><a href="/blog/prev/" rel="prev">Previous: Our incident review template</a><a href="/blog/next/" rel="next">Next: Why we moved off cron</a></div>')}
</div></div>
<div class="elementor-column elementor-col-33 sidebar"><div class="elementor-widget-wrap">
{w('heading', '<h3 class="elementor-heading-title">Subscribe to our engineering blog</h3>')}
{w('form', '<form class="elementor-form"><input type="email" placeholder="Work email"><button type="submit">Subscribe</button><p>We send one email a month. Unsubscribe at any time.</p></form>')}
{w('posts', '<h3>Latest posts</h3>' + headline_list('en', 4, 14))}
{w('call-to-action', '<div class="elementor-cta"><h3 class="elementor-cta__title">We are hiring platform engineers</h3><div class="elementor-cta__description">Join a small team that ships to production forty times a day.</div><a class="elementor-cta__button" href="/careers/">See open roles</a></div>')}
</div></div></div></section></div>
<div data-elementor-type="footer" class="elementor elementor-52 elementor-location-footer">{w('text-editor', '<p>Fjordbyte AS, Bergen. © 2024 All rights reserved.</p>')}{w('nav-menu', links(['Privacy', 'Terms', 'Security', 'Status']))}</div>'''
    return page(a, 'en', 'post-template-default single single-post postid-2231 elementor-default elementor-kit-6 elementor-page-88 has-sidebar', inner,
                extra='<meta name="generator" content="Elementor 3.19.2; features: e_optimized_assets_loading">')


def modal(a):
    body = render(a)
    inner = f'''{simple_header('Hot Path', ['Articles', 'Courses', 'Tools', 'About'])}
<div class="page has-sidebar"><div class="reading-shell">
<div class="modal reader-modal show" id="reader" role="dialog" aria-modal="true" aria-labelledby="reader-title"><div class="modal-dialog modal-xl"><div class="modal-content">
<div class="modal-header"><h1 class="modal-title" id="reader-title">{esc(a['title'])}</h1><button type="button" class="btn-close" data-bs-dismiss="modal" aria-label="Close">×</button></div>
<div class="modal-body"><div class="post subscribe-wrapper" data-gate="soft">
<p class="post-meta">By <a href="/authors/elena/">{esc(a['author'])}</a> · <time datetime="{a['published']}">{nice_date(a['published'])}</time></p>
<div class="post-content">{body}</div>
</div></div>
<div class="modal-footer">{share('en', 'share-inline')}<button class="btn btn-secondary" data-bs-dismiss="modal">Close reader</button></div></div></div></div>
</div>
<aside class="sidebar"><div class="card"><div class="card-body"><h5>Profiling course</h5><p>Learn CPU and memory profiling in four hands-on sessions.</p><a class="btn" href="/courses/">Enrol</a></div></div><div class="card"><div class="card-body"><h5>Popular</h5>{headline_list('en', 4, 5)}</div></div></aside></div>
<div class="modal fade" id="newsletter-modal" tabindex="-1" aria-hidden="true"><div class="modal-dialog"><div class="modal-content"><div class="modal-header"><h5 class="modal-title">Before you go…</h5><button class="btn-close" data-bs-dismiss="modal">×</button></div><div class="modal-body"><p>Join 40,000 engineers who get one practical performance article every week. We never share your address and you can unsubscribe with one click.</p><form><input type="email" class="form-control" placeholder="Email address"><button class="btn btn-primary">Subscribe</button></form></div></div></div></div>
<div class="modal fade" id="cookie-modal" tabindex="-1"><div class="modal-dialog"><div class="modal-content"><div class="modal-body"><p>{_h.escape(COOKIE_EN)}</p><button class="btn">Accept</button><button class="btn">Settings</button></div></div></div></div>
{simple_footer('Hot Path')}
<script>setTimeout(function(){{new bootstrap.Modal(document.getElementById('newsletter-modal')).show()}},30000);</script>'''
    return page(a, 'en', 'modal-open', inner, ld=ld_article(a, 'Article'))


from chrome import COOKIE
COOKIE_EN = COOKIE['en']


def aspnet(a):
    body = render(a)
    rnd = random.Random(7)
    vs = base64.b64encode(bytes(rnd.randrange(256) for _ in range(4200))).decode()
    ev = base64.b64encode(bytes(rnd.randrange(256) for _ in range(300))).decode()
    inner = f'''<form name="aspnetForm" method="post" action="./article.aspx?id=2231" id="aspnetForm">
<div class="aspNetHidden"><input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value=""><input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value=""><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEP{vs}"></div>
<script type="text/javascript">//<![CDATA[
var theForm = document.forms['aspnetForm']; if (!theForm) {{ theForm = document.aspnetForm; }}
function __doPostBack(eventTarget, eventArgument) {{ if (!theForm.onsubmit || (theForm.onsubmit() != false)) {{ theForm.__EVENTTARGET.value = eventTarget; theForm.__EVENTARGUMENT.value = eventArgument; theForm.submit(); }} }}
//]]></script>
<script src="/WebResource.axd?d=pynGkmcFUV13He1Qd6_TZ8&amp;t=638286137964787378" type="text/javascript"></script>
<div id="ctl00_pnlHeader" class="header"><table class="headerTable" cellpadding="0" cellspacing="0"><tr><td class="logoCell"><a id="ctl00_hlLogo" href="/default.aspx"><img src="/images/nu_logo.gif" alt="Northmoor University" border="0"></a></td><td class="headerLinks"><a href="/staff.aspx">Staff</a> | <a href="/students.aspx">Students</a> | <a href="/status.aspx">Service status</a> | <a id="ctl00_lnkLogin" href="javascript:__doPostBack('ctl00$lnkLogin','')">Log in</a></td></tr></table>
<div id="ctl00_pnlSearch" class="search" onkeypress="javascript:return WebForm_FireDefaultButton(event, 'ctl00_btnSearch')"><input name="ctl00$txtSearch" type="text" id="ctl00_txtSearch" class="searchBox" placeholder="Search IT Services"><input type="submit" name="ctl00$btnSearch" value="Go" id="ctl00_btnSearch"></div></div>
<div id="ctl00_menuMain" class="menu"><ul class="level1"><li><a class="level1" href="/default.aspx">Home</a></li><li><a class="level1" href="/services.aspx">Services A–Z</a></li><li><a class="level1 selected" href="/news/default.aspx">News</a></li><li><a class="level1" href="/help.aspx">Get help</a></li><li><a class="level1" href="/security.aspx">IT security</a></li></ul></div>
<table class="layout" width="100%" cellpadding="0" cellspacing="0"><tr><td class="leftCol" valign="top"><div id="ctl00_LeftNav_pnlNav" class="leftNav"><h3>News</h3><ul><li><a href="/news/default.aspx">Latest news</a></li><li><a href="/news/archive.aspx">News archive</a></li><li><a href="/news/planned.aspx">Planned maintenance</a></li><li><a href="/news/rss.aspx">RSS feed</a></li></ul></div></td>
<td class="mainCol" valign="top"><div id="ctl00_ContentPlaceHolder1_pnlBreadcrumb" class="breadcrumb"><a href="/default.aspx">IT Services</a> &gt; <a href="/news/default.aspx">News</a> &gt; <span>Article</span></div>
<div id="ctl00_ContentPlaceHolder1_pnlArticle" class="newsArticle"><h1><span id="ctl00_ContentPlaceHolder1_lblTitle">{esc(a['title'])}</span></h1>
<p class="newsDate"><span id="ctl00_ContentPlaceHolder1_lblDate">Posted 18/03/2024 by {esc(a['author'])}</span></p>
<div id="ctl00_ContentPlaceHolder1_divBody" class="newsBody">{body}</div>
<div class="rating"><span>Was this article helpful?</span> <input type="submit" name="ctl00$ContentPlaceHolder1$btnYes" value="Yes" id="ctl00_ContentPlaceHolder1_btnYes"> <input type="submit" name="ctl00$ContentPlaceHolder1$btnNo" value="No" id="ctl00_ContentPlaceHolder1_btnNo"></div></div></td>
<td class="rightCol" valign="top"><div class="box"><h3>Service status</h3><ul class="status"><li class="ok">Email: operating normally</li><li class="ok">Wi-Fi: operating normally</li><li class="warn">Printing: degraded in the library</li></ul></div><div class="box"><h3>Contact the Service Desk</h3><p>Extension 4444<br>Mon–Fri 08:00–18:00</p></div></td></tr></table>
<div id="ctl00_pnlFooter" class="footer">© Northmoor University 2024 | <a href="/accessibility.aspx">Accessibility</a> | <a href="/privacy.aspx">Privacy and cookies</a> | <a href="/foi.aspx">Freedom of information</a></div>
<div class="aspNetHidden"><input type="hidden" name="__VIEWSTATEGENERATOR" id="__VIEWSTATEGENERATOR" value="CA0B0334"><input type="hidden" name="__EVENTVALIDATION" id="__EVENTVALIDATION" value="/wEd{ev}"></div>
<script type="text/javascript">//<![CDATA[
WebForm_AutoFocus('ctl00_txtSearch');//]]></script>
</form>'''
    return page(a, 'en', 'news', inner, title=a['title'] + ' - IT Services - Northmoor University', og=False,
                extra='<meta http-equiv="X-UA-Compatible" content="IE=edge"><link href="/App_Themes/Default/site.css" type="text/css" rel="stylesheet">')


def divbr(a):
    parts = []
    for b in a['blocks']:
        if b[0] == 'p':
            parts.append(inline_html(b[1]) + '<br><br>')
        elif b[0] == 'h2':
            parts.append(f'<b><font size="+1">{inline_html(b[1])}</font></b><br><br>')
        elif b[0] == 'ul':
            parts.append(''.join(f'&nbsp;&nbsp;- {inline_html(x)}<br>' for x in b[1]) + '<br>')
    body = '\n'.join(parts)
    inner = f'''<table width="800" border="0" cellpadding="4" cellspacing="0" align="center" bgcolor="#FFFFFF">
<tr><td colspan="2" bgcolor="#003366"><font face="Verdana" color="#FFFFFF" size="5"><b>Kessler's Retro Workbench</b></font><br><font face="Verdana" color="#CCCCCC" size="1">Repairs, restorations and rants since 1999</font></td></tr>
<tr><td width="160" valign="top" bgcolor="#E0E0E0"><font face="Verdana" size="2"><b>Menu</b><br><a href="/index.html">Home</a><br><a href="/projects/">Projects</a><br><a href="/docs/">Service manuals</a><br><a href="/links.html">Links</a><br><a href="/guestbook.cgi">Guestbook</a><br><a href="mailto:walt@retrobench.example.net">E-mail me</a><br><br><b>Recent projects</b><br><a href="/projects/amiga-psu.html">Amiga 500 PSU rebuild</a><br><a href="/projects/ibm-model-m.html">Cleaning a Model M</a><br><a href="/projects/c64-ram.html">C64 RAM fault</a><br><br><img src="/img/counter.gif" alt="visitors" width="88" height="31"><br>You are visitor no. 184,221</font></td>
<td valign="top"><font face="Verdana" size="2">
<div class="title"><font size="4"><b>{esc(a['title'])}</b></font></div>
<div class="date"><i>Written by {esc(a['author'])}, September 2023</i></div><br>
<div id="story">
{body}
</div>
<hr noshade size="1">
<div class="nav"><a href="/projects/">&lt;&lt; Back to projects</a> | <a href="#top">Top of page</a></div>
<div class="sig"><font size="1">Questions? Sign the <a href="/guestbook.cgi">guestbook</a> or e-mail me. No, I will not repair your monitor for free. This page is best viewed at 800x600.</font></div>
</font></td></tr>
<tr><td colspan="2" bgcolor="#003366" align="center"><font face="Verdana" color="#FFFFFF" size="1">Copyright &copy; 1999-2023 Walt Kessler. All trademarks belong to their owners.</font></td></tr></table>'''
    return page(a, 'en', 'oldschool', inner, title="Kessler's Retro Workbench - " + a['title'], og=False,
                extra='<meta name="keywords" content="crt, monitor, repair, capacitors, retro">')


def shortcomments(a):
    body = render(a)
    longc = [
        ("arnd_fan", "Good riddance, honestly. The amount of effort that has gone into keeping the 486 paths working over the years is remarkable, and almost none of it benefited anyone running real hardware. Every time somebody touched the early boot code or the atomics, they had to think about a processor that nobody had actually booted a current kernel on in a decade. That is a real cost, even if it never shows up on a balance sheet."),
        ("retro_rita", "I do still have a 486 that boots Linux, but it runs a 2.4 kernel and a tiny userspace from floppy, and that is how it should be. Nobody sensible is going to run a 2024 kernel on 16 MB of RAM. Anyone pretending otherwise is arguing for the principle of the thing, not for an actual user."),
        ("jbm", "The interesting question is what the next cut-off will be. Dropping the 486 is easy because there is no one left to complain. Dropping early 64-bit processors without certain instructions will be a much harder conversation, because there are still plenty of those in basements and small offices."),
        ("embedded_eng", "Slight correction to a few of the comments above: there are still embedded x86 parts in the field that are 486-class, mostly in industrial controllers. But those devices run vendor kernels that are a decade old and will never be updated anyway, so mainline dropping support changes nothing for them."),
        ("kdev_watcher", "Fourteen thousand lines is a lot less code to review and test. The maintainers have been very patient about this. Having read the thread, the tone was remarkably civil for a removal discussion, which probably says more about how few people actually care than anything else."),
        ("grumpy", "Every year the kernel gets bigger anyway. Removing fourteen thousand lines of 486 code while adding a hundred thousand lines of new drivers each release is rounding error. Not that I object, I just wish people would stop presenting this as a big cleanup."),
        ("arnd_fan", "@grumpy it's not about the size, it's about the special cases in core code. Drivers are isolated; a 486 workaround in the atomic operations touches everyone. Those are very different kinds of lines."),
        ("lwn_reader", "For what it's worth, the long-term stable kernel that still supports these processors will keep receiving fixes until the end of 2026, as the article says. That's more notice than most hardware gets."),
    ]
    cm = ''.join(f'<div class="comment" id="c{k}" style="margin-left:{(k % 3 == 2) * 2}em"><div class="comment-head"><span class="comment-poster">Posted May {8 + k // 3}, 2024 {14 + k}:0{k} UTC by <b>{u}</b></span> <a class="comment-reply" href="/comments/{962200 + k}/reply">Reply to this comment</a></div><div class="comment-title"><b>{"Re: " if k % 3 else ""}Dropping the 486</b></div><div class="comment-text"><p>{esc(t)}</p></div><div class="comment-foot"><a href="/comments/{962200 + k}/">Link</a> · <a href="/comments/{962200 + k}/report">Report</a></div></div>' for k, (u, t) in enumerate(longc * 2))
    inner = f'''{simple_header(a['site'], ['Front page', 'Weekly edition', 'Archives', 'Search', 'Kernel', 'Security', 'Events', 'Subscribe'])}
<div class="page"><aside class="left-nav"><h4>Content</h4><ul><li><a href="/current/">Weekly edition</a></li><li><a href="/kernel/">Kernel</a></li><li><a href="/security/">Security</a></li><li><a href="/distributions/">Distributions</a></li><li><a href="/calendar/">Events calendar</a></li></ul><h4>Log in</h4><form><input name="user" placeholder="Username"><input name="pw" type="password" placeholder="Password"><button>Log in</button></form></aside>
<main class="page-content"><div class="article"><h1 class="article-title">{esc(a['title'])}</h1><div class="byline">[Kernel] Posted May 8, 2024 14:22 UTC (Wed) by <b>{esc(a['author'])}</b></div>
<div class="article-text">{body}</div>
<p class="comment-count"><a href="#comments">(16 comments)</a></p></div>
<div class="subscribe-box"><p>Did you like this article? Please accept our <a href="/subscribe/">trial subscription offer</a> to be able to see more content like it and to participate in the discussion.</p></div>
<div id="comments"><h2>Comments (16 posted)</h2>{cm}</div>
<form class="comment-form" method="post" action="/comments/new"><h3>Post a comment</h3><textarea name="comment" rows="8" cols="60"></textarea><br><input type="submit" value="Preview comment"></form></main></div>
{simple_footer(a['site'])}'''
    return page(a, 'en', 'article', inner, title=a['title'] + ' [' + a['site'] + ']', og=False, extra=f'<meta name="author" content="{esc(a["author"])}"><meta name="date" content="{a["published"]}">')
