"""Templates, part 8: Latin-1 French regional site, German review, Japanese blogs."""
import html as _h
from core import render, esc, inline_html, inline_text
from chrome import (head, css, links, headline_list, share, cookie, analytics, ld_article, HEADLINES, COMMENTS)
from tpl1 import nice_date, hl_code
from tpl4 import page
from tpl5 import simple_header, simple_footer


def latin1(a):
    body = render(a, p='<p class="texte">{}</p>', h2='<h3 class="intertitre">{}</h3>')
    inner = f'''<div id="bandeau"><a href="/"><img src="/img/logo_echo.gif" alt="L'&Eacute;cho du Bocage" width="300" height="60"></a><span class="date-du-jour">Jeudi 5 octobre 2023</span></div>
<div id="menu"><ul><li><a href="/actualite/">Actualit&eacute;</a></li><li><a href="/communes/">Nos communes</a></li><li><a href="/sports/">Sports</a></li><li><a href="/agenda/">Agenda</a></li><li><a href="/annonces/">Petites annonces</a></li><li><a href="/necrologie/">Avis de d&eacute;c&egrave;s</a></li></ul></div>
<div id="conteneur"><div id="colonne-gauche"><div class="fil-ariane">Vous &ecirc;tes ici : <a href="/">Accueil</a> &raquo; <a href="/actualite/">Actualit&eacute;</a> &raquo; Saint-Aubin-des-Pr&eacute;s</div>
<div class="article"><h1>{esc(a['title'])}</h1><p class="signature">Par {esc(a['author'])} &ndash; publi&eacute; le 5 octobre 2023 &agrave; 8 h 30</p>
<div class="photo"><img src="{a['image']}" width="460" height="300" alt=""><p class="legende">Les agents de la mairie ont été formés pendant l'été. Photo L'Écho du Bocage</p></div>
{body}
<p class="outils"><a href="javascript:window.print()">Imprimer</a> | <a href="/envoyer.php?id=8812">Envoyer &agrave; un ami</a> | <a href="/reagir.php?id=8812">R&eacute;agir &agrave; cet article</a></p></div>
<div class="memes-communes"><h4>Sur le m&ecirc;me sujet</h4><ul><li><a href="/actualite/fibre-bocage.html">La fibre arrive dans douze communes du canton</a></li><li><a href="/actualite/ecole-numerique.html">L'&eacute;cole de Saint-Aubin re&ccedil;oit des tablettes</a></li></ul></div></div>
<div id="colonne-droite"><div class="encadre meteo"><h4>M&eacute;t&eacute;o</h4><p>Ensoleill&eacute;, 19&deg;C</p></div><div class="encadre"><h4>Les plus lus</h4><ol><li><a href="#">Le march&eacute; de No&euml;l change de place</a></li><li><a href="#">Route barr&eacute;e entre Vire et Cond&eacute;</a></li><li><a href="#">Le club de foot recrute des b&eacute;n&eacute;voles</a></li></ol></div><div class="encadre pub">Publicit&eacute;<br><img src="/pub/garage-lemaire.gif" width="250" height="250" alt=""></div></div></div>
<div id="pied">L'&Eacute;cho du Bocage &ndash; hebdomadaire d'informations locales &ndash; <a href="/mentions.html">Mentions l&eacute;gales</a> &ndash; <a href="/contact.html">Contact</a> &ndash; &copy; 2023</div>'''
    return page(a, 'fr', 'article', inner, title=a['title'] + " - L'Écho du Bocage", charset='iso-8859-1',
                extra='<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">')


def de_review(a):
    tbl = lambda rows: '<table class="datenblatt"><caption>Technische Daten</caption><tbody>' + ''.join(f'<tr><td class="label">{inline_html(r[0])}</td><td class="wert">{inline_html(r[1])}</td></tr>' for r in rows) + '</tbody></table>'
    body = render(a, table=tbl, h3='<h3 class="procontra-titel">{}</h3>')
    inner = f'''{cookie('de', 'cmp-banner')}
{simple_header(a['site'], ['Tests', 'Ratgeber', 'News', 'Bestenlisten', 'Deals', 'Heft'], 'kopfbereich')}
<main class="inhalt"><nav class="brotkrumen"><a href="/">Startseite</a> / <a href="/test/">Tests</a> / <a href="/test/nas/">NAS</a></nav>
<article class="testbericht"><header><p class="dachzeile">NAS im Test</p><h1>{esc(a['title'])}</h1><p class="autor">Von <a href="/autoren/katrin-hoffmann/">{esc(a['author'])}</a> · <time datetime="{a['published']}">{nice_date(a['published'], 'de')}</time> · Lesezeit 6 Min.</p>
<div class="testurteil"><span class="note">Note 1,9</span><span class="urteil">gut</span><p class="preisvergleich">Preisvergleich: ab 529 € bei <a href="https://preis.example.de/borealis-ds-410" rel="sponsored">3 Händlern</a></p></div>
<p class="hinweis">Hinweis: Wir erhalten bei Käufen über markierte Links eine Provision. Auf die Bewertung hat das keinen Einfluss.</p></header>
<figure><img src="{a['image']}" alt="" width="1200" height="675"><figcaption>Das Borealis DS-410 mit vier bestückten Schächten. Bild: Prüfstand Digital</figcaption></figure>
<div class="artikeltext">{body}</div>
<div class="autorenbox"><strong>{esc(a['author'])}</strong> testet seit 2015 Netzwerktechnik und Speicherlösungen für Prüfstand Digital.</div>
<div class="teilen">{share('de')}</div></article>
<section class="weitere-tests"><h2>Weitere Tests</h2>{headline_list('de', 4, 1)}</section>
<section class="kommentare"><h2>Kommentare (12)</h2>''' + ''.join(f'<div class="kommentar"><b>{esc(u)}</b><p>{esc(t)}</p></div>' for u, t in COMMENTS['de']) + f'''<a href="/forum/borealis-ds-410/">Alle Kommentare im Forum anzeigen</a></section></main>
{simple_footer(a['site'], 'de')}'''
    return page(a, 'de', 'test', inner, ld=ld_article(a, 'Review'))


def zenn(a):
    code = lambda l, c: f'<div class="code-block-container"><div class="code-block-filename-container"><span class="code-block-filename">{l}</span></div><pre class="language-{l}"><code class="language-{l}">{hl_code(l, c)}</code></pre><button class="code-copy-button" aria-label="コピー">コピー</button></div>'
    h2 = lambda x, id: f'<h2 id="{id}"><a class="header-anchor-link" href="#{id}" aria-hidden="true"></a> {x}</h2>'
    body = render(a, code=code, h2=h2)
    toc = ''.join(f'<li class="toc-item"><a href="#{b[1]}">{esc(b[1])}</a></li>' for b in a['blocks'] if b[0] == 'h2')
    inner = f'''<header class="header"><div class="header-inner"><a href="/" class="logo">Zephyr</a><nav class="header-nav"><a href="/explore">トレンド</a><a href="/articles?topic=rust">Rust</a><a href="/books">Books</a><a href="/scraps">Scraps</a></nav><div class="header-actions"><a href="/search" aria-label="検索">検索</a><a class="btn-login" href="/enter">ログイン</a></div></div></header>
<main class="article-page"><div class="article-header"><div class="article-emoji">🦀</div><h1 class="article-title">{esc(a['title'])}</h1><div class="article-meta"><span class="article-type">tech</span><time datetime="{a['published']}">{nice_date(a['published'], 'ja')}に公開</time></div></div>
<div class="article-container"><div class="article-main"><div class="topics"><a href="/topics/rust" class="topic">Rust</a><a href="/topics/tui" class="topic">TUI</a><a href="/topics/terminal" class="topic">ターミナル</a><a href="/topics/crossterm" class="topic">crossterm</a></div>
<section class="znc">{body}</section>
<div class="article-footer"><button class="like-button">いいね 128</button><button class="bookmark-button">ブックマーク</button>{share('ja')}</div>
<div class="author-profile"><img src="/images/minami.png" alt="" width="64"><div><a href="/minami" class="author-name">{esc(a['author'])}</a><p class="author-bio">業務でRustとGoを書いています。ターミナル周りの道具作りが好きです。</p><button class="follow-button">フォロー</button></div></div>
<section class="comments"><h3>ディスカッション</h3>''' + ''.join(f'<div class="comment"><span class="comment-user">{esc(u)}</span><p>{esc(t)}</p></div>' for u, t in COMMENTS['ja']) + f'''<form><textarea placeholder="ログインするとコメントできます"></textarea></form></section></div>
<aside class="article-sidebar"><div class="sidebar-author"><a href="/minami">{esc(a['author'])}</a><p>業務でRustとGoを書いています。</p></div><nav class="toc"><div class="toc-title">目次</div><ol>{toc}</ol></nav></aside></div></main>
<footer class="footer"><div class="footer-links"><a href="/about">Zephyrについて</a><a href="/terms">利用規約</a><a href="/privacy">プライバシーポリシー</a><a href="/guidelines">ガイドライン</a></div><p>© 2024 Zephyr</p></footer>'''
    return page(a, 'ja', 'article', inner, title=a['title'] + '｜Zephyr', ld=ld_article(a, 'BlogPosting'))


def hatena(a):
    code = lambda l, c: f'<pre class="code lang-{l}" data-lang="{l}" data-unlink>{hl_code(l, c)}</pre>'
    body = render(a, code=code, h2='<h3 id="{id}">{}</h3>', p='<p>{}</p>')
    inner = f'''<div id="globalheader-container" data-brand="hatenablog"><iframe id="globalheader" src="https://blog.hatena.example.jp/-/globalheader?blog=daichi-db" frameborder="0" scrolling="no"></iframe></div>
<div id="container"><div id="container-inner"><header id="blog-title" data-brand="hatenablog"><div id="blog-title-inner"><div id="blog-title-content"><h1 id="title"><a href="https://daichi-db.hatenablog.example.jp/">週末データベース日記</a></h1><h2 id="blog-description">データベースと性能改善についての個人的なメモ</h2></div></div></header>
<div id="content" class="hfeed"><div id="content-inner"><div id="wrapper"><div id="main"><div id="main-inner">
<article class="entry hentry test-hentry js-entry-article date-first autopagerize_page_element chars-800 words-100 mode-markdown entry-odd" id="entry-13574176438001" data-keyword-campaign="" data-uuid="13574176438001">
<div class="entry-inner"><header class="entry-header"><div class="date entry-date first"><a href="/archive/2023/12/03" rel="nofollow"><time datetime="2023-12-03T13:10:00Z" title="2023-12-03T13:10:00Z"><span class="date-year">2023</span><span class="hyphen">-</span><span class="date-month">12</span><span class="hyphen">-</span><span class="date-day">03</span></time></a></div>
<h1 class="entry-title"><a href="{a['url']}" class="entry-title-link bookmark">{esc(a['title'])}</a></h1><div class="entry-categories categories"><a href="/archive/category/PostgreSQL" class="entry-category-link category-PostgreSQL">PostgreSQL</a><a href="/archive/category/性能改善" class="entry-category-link">性能改善</a></div></header>
<div class="entry-content hatenablog-entry">{body}</div>
<footer class="entry-footer"><div class="entry-tags-wrapper"><div class="entry-tags"></div></div><p class="entry-footer-section track-inview-by-gtm" data-gtm-track-json="{{&quot;area&quot;: &quot;finish_reading&quot;}}"><span class="author vcard"><span class="fn" data-load-nickname="1" data-user-name="daichi_db">daichi_db</span></span> <span class="entry-footer-time"><a href="{a['url']}"><time data-relative datetime="2023-12-03T13:10:00Z" class="updated">2023-12-03 22:10</time></a></span></p>
<div class="hatena-star-container" data-hatena-star-container data-hatena-star-url="{a['url']}" data-hatena-star-title="{esc(a['title'])}" data-hatena-star-variant="profile-icon inline"></div>
<div class="social-buttons"><div class="social-button-item"><a href="https://b.hatena.example.jp/entry/s/daichi-db.hatenablog.example.jp/entry/2023/12/03/221000" class="hatena-bookmark-button" data-hatena-bookmark-layout="vertical-balloon" title="この記事をはてなブックマークに追加">はてなブックマークに追加</a></div><div class="social-button-item"><a href="https://x.example/share" class="entry-share-button entry-share-button-twitter" title="X（Twitter）で投稿する">X</a></div></div>
<div class="customized-footer"><div class="entry-footer-modules"><div class="hatena-module hatena-module-related-entries"><div class="hatena-module-title">関連記事</div><div class="hatena-module-body"><ul class="related-entries hatena-urllist urllist-with-thumbnails"><li class="urllist-item related-entries-item"><a href="/entry/2023/10/01/vacuum" class="urllist-title-link">VACUUMが終わらない夜</a></li><li class="urllist-item related-entries-item"><a href="/entry/2023/08/12/explain" class="urllist-title-link">EXPLAIN ANALYZEの読み方メモ</a></li></ul></div></div></div></div>
<div class="comment-box js-comment-box"><ul class="comment js-comment"><li class="read-more-comments" style="display: none;"><a>もっと読む</a></li></ul><a class="leave-comment-title js-leave-comment-title">コメントを書く</a></div></footer></div></article>
<div class="pager pager-permalink permalink"><span class="pager-prev"><a href="/entry/2023/12/17/wal" rel="prev"><span class="pager-arrow">&laquo; </span>WALのサイズを見積もる</a></span><span class="pager-next"><a href="/entry/2023/11/19/partition" rel="next">パーティショニングを入れてみた <span class="pager-arrow"> &raquo;</span></a></span></div>
</div></div></div>
<aside id="box2"><div id="box2-inner"><div class="hatena-module hatena-module-profile"><div class="hatena-module-title">プロフィール</div><div class="hatena-module-body"><a href="/about" class="profile-icon-link"><img src="https://cdn.profile-image.st-hatena.example.jp/users/daichi_db/profile.png" alt="id:daichi_db" class="profile-icon"></a><span class="id"><a href="/about" class="hatena-id-link"><span data-load-nickname="1" data-user-name="daichi_db">id:daichi_db</span></a></span><div class="profile-description"><p>業務アプリのDBまわりを担当しています。</p></div><div class="hatena-follow-button-box btn-subscribe js-hatena-follow-button-box"><a href="#" class="hatena-follow-button js-hatena-follow-button"><span class="subscribe-text">読者になる</span><span class="foreground"><span class="subscription-count">214</span></span></a></div></div></div>
<div class="hatena-module hatena-module-search-box"><div class="hatena-module-title">検索</div><div class="hatena-module-body"><form class="search-form" role="search" action="/search" method="get"><input type="text" name="q" class="search-module-input" placeholder="記事を検索"><input type="submit" value="検索" class="search-module-button"></form></div></div>
<div class="hatena-module hatena-module-entries-access-ranking"><div class="hatena-module-title">人気記事</div><div class="hatena-module-body"><ul class="urllist-with-thumbnails"><li><a href="/entry/2023/10/01/vacuum">VACUUMが終わらない夜</a></li><li><a href="/entry/2023/06/04/n-plus-one">N+1問題を実測する</a></li><li><a href="/entry/2023/03/12/lock">ロック待ちの調べ方</a></li></ul></div></div>
<div class="hatena-module hatena-module-archive"><div class="hatena-module-title">月別アーカイブ</div><div class="hatena-module-body"><ul class="hatena-urllist"><li><a href="/archive/2023/12">2023 / 12</a></li><li><a href="/archive/2023/11">2023 / 11</a></li><li><a href="/archive/2023/10">2023 / 10</a></li></ul></div></div></div></aside>
</div></div></div></div>
<footer id="footer" data-brand="hatenablog"><div id="footer-inner"><address class="footer-address"><a href="https://daichi-db.hatenablog.example.jp/">週末データベース日記</a></address><p class="services">Powered by <a href="https://hatenablog.example.jp/">Hatena Blog</a> | <a href="https://hatenablog.example.jp/guide/report" class="report-abuse-link">ブログを報告する</a></p></div></footer>'''
    return page(a, 'ja', 'page-entry header-image-enable enable-top-editarea category-PostgreSQL globalheader-visible', inner, title=a['title'] + ' - 週末データベース日記',
                extra='<meta name="generator" content="Hatena::Blog">')
