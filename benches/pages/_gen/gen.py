#!/usr/bin/env python3
"""Generate benches/pages/NAME/{page.html,truth.txt,meta.json} from articles/*.txt and the templates.

Run from anywhere: python3 benches/pages/_gen/gen.py
Output is deterministic (PYTHONHASHSEED is pinned by re-exec).
"""
import os
import sys
if os.environ.get('PYTHONHASHSEED') != '0':
    os.environ['PYTHONHASHSEED'] = '0'
    os.execv(sys.executable, [sys.executable] + sys.argv)
import json
import re
import html
from html.parser import HTMLParser
from pathlib import Path
sys.path.insert(0, str(Path(__file__).resolve().parent))
from core import load_article, truth, OUT
import tpl1, tpl2, tpl3, tpl4, tpl5, tpl6, tpl7, tpl8

EN_SECTIONS = [('News', ['US', 'World', 'Politics', 'Local']), ('Business', ['Markets', 'Economy', 'Companies', 'Personal finance']),
               ('Tech', ['Semiconductors', 'AI', 'Cybersecurity', 'Gadgets', 'Science']), ('Opinion', ['Editorials', 'Columnists', 'Letters']),
               ('Culture', ['Film', 'Books', 'Music', 'Games']), ('Sport', ['Football', 'Tennis', 'Cycling'])]
L_EN = dict(lang='en', unit='tech', ad='Advertisement', readmore='Read more:', rm_in_p=True, sections=EN_SECTIONS,
            ticker=['Markets open lower as bond yields climb', 'Storm warnings issued for the east coast', 'Central bank holds rates steady', 'Rail strike talks resume on Thursday'],
            logo='https://cdn.dailyledger.example.com/logo.png', section='Tech', today='Tuesday, March 12, 2024', subscribe='Subscribe for $1', login='Sign in',
            menu='Menu', search='Search the Ledger', breaking='Breaking', home='Home', by='By', published='Published', readtime='5 min read', topics='Topics',
            tags=['Semiconductors', 'Manufacturing', 'Ohio'], nl_title='The Tech Briefing', nl_text='The most important technology stories of the day, in your inbox every weekday morning.', nl_button='Sign up',
            corrections='We welcome corrections. Write to the standards desk if you spot an error in this article.', more='More from Tech', sponsored='Sponsored stories',
            spon1='Doctors are stunned by this simple morning habit', spon2='The new SUVs everyone is talking about this year', mostread='Most read', legal='© 2024 The Daily Ledger Company. All rights reserved. Terms of Service · Privacy Policy · Cookie Settings · Accessibility')
FR_SECTIONS = [('International', ['Europe', 'Afrique', 'Amériques', 'Asie']), ('Politique', ['Gouvernement', 'Assemblée']), ('Économie', ['Entreprises', 'Emploi', 'Énergie']),
               ('Pixels', ['Jeux vidéo', 'Cybersécurité', 'Logiciels']), ('Culture', ['Cinéma', 'Livres', 'Musique']), ('Sport', ['Football', 'Rugby', 'Tennis'])]
L_FR = dict(lang='fr', unit='economie', ad='Publicité', readmore='Lire aussi |', rm_in_p=True, sections=FR_SECTIONS,
            ticker=['Grève dans les transports : le trafic perturbé jeudi', 'Le Sénat adopte le projet de loi sur le numérique', 'Incendie maîtrisé dans les Landes'],
            logo='https://img.lequotidiennumerique.example.fr/logo.png', section='Économie', today='Jeudi 21 mars 2024', subscribe="S'abonner", login='Se connecter',
            menu='Menu', search='Rechercher', breaking='En continu', home='Accueil', by='Par', published='Publié le', readtime='Lecture 4 min.', topics='Sujets',
            tags=['Semi-conducteurs', 'Europe', 'RISC-V'], nl_title='Newsletter « Pixels »', nl_text="Chaque semaine, l'actualité du numérique décryptée par nos journalistes.", nl_button="S'inscrire",
            corrections='Vous avez repéré une erreur ? Signalez-la à la rédaction.', more='Dans la même rubrique', sponsored='Contenus sponsorisés',
            spon1='Ce placement séduit de plus en plus de Français', spon2='Les meilleures offres de la semaine', mostread='Les plus lus', legal='© Le Quotidien Numérique – Mentions légales – Charte de confidentialité – Gestion des cookies')
DE_SECTIONS = [('News', ['IT', 'Wissenschaft', 'Mobiles', 'Security']), ('Tests', ['Notebooks', 'Smartphones', 'Netzwerk']), ('Ratgeber', ['Linux', 'Windows', 'Datenschutz']),
               ('Forum', ['Neueste Beiträge', 'Regeln']), ('Abo', ['Plus', 'Heft', 'Archiv'])]
L_DE = dict(lang='de', unit='news', ad='Anzeige', readmore='Lesen Sie auch:', rm_in_p=False, sections=DE_SECTIONS,
            ticker=['Patchday: Kritische Lücken in Browsern geschlossen', 'Bundesnetzagentur versteigert neue Frequenzen', 'Störung bei großem E-Mail-Anbieter behoben'],
            logo='https://www.technikbote.example.de/logo.svg', section='IT', today='Montag, 11. März 2024', subscribe='Plus abonnieren', login='Anmelden',
            menu='Menü', search='Suchen', breaking='Eilmeldung', home='Startseite', by='Von', published='Veröffentlicht am', readtime='Lesezeit: 3 Min.', topics='Themen',
            tags=['Linux', 'Kernel', 'Rust', 'Open Source'], nl_title='Technikbote-Newsletter', nl_text='Die wichtigsten IT-Nachrichten jeden Morgen kostenlos per E-Mail.', nl_button='Abonnieren',
            corrections='Haben Sie einen Fehler entdeckt? Schreiben Sie an die Redaktion.', more='Mehr zum Thema', sponsored='Anzeige: Empfehlungen',
            spon1='Diese Sparmethode kennen nur wenige', spon2='Neue Elektroautos im Vergleich', mostread='Meistgelesen', legal='© 2024 Technikbote Verlag GmbH · Impressum · Datenschutz · Cookies & Tracking · Nutzungsbedingungen')
JA_SECTIONS = [('ニュース', ['IT', 'ビジネス', 'セキュリティ']), ('PC', ['ノートPC', '自作PC', '周辺機器']), ('スマホ', ['iPhone', 'Android']), ('半導体', ['プロセッサ', '製造装置']), ('特集', ['連載', 'インタビュー'])]
L_JA = dict(lang='ja', unit='news', ad='広告', readmore='関連記事', rm_in_p=False, sections=JA_SECTIONS,
            ticker=['大手通信会社で通信障害、午後に復旧', '政府、データセンター誘致で新制度', '新型スマートフォンの予約開始'],
            logo='https://www.techwatch.example.jp/logo.png', section='半導体', today='2024年4月10日', subscribe='メールマガジン登録', login='ログイン',
            menu='メニュー', search='検索', breaking='速報', home='トップ', by='', published='', readtime='', topics='関連キーワード',
            tags=['RISC-V', '半導体', 'スタートアップ'], nl_title='メールマガジン', nl_text='最新のITニュースを毎朝お届けします。', nl_button='登録する',
            corrections='記事の内容に誤りがある場合は編集部までご連絡ください。', more='あわせて読みたい', sponsored='PR',
            spon1='今注目のクラウドサービスとは', spon2='業務効率化の最新事例', mostread='アクセスランキング', legal='Copyright © TechWatch Inc. All rights reserved. 本サイトの記事の無断転載を禁じます。')

PAGES = [
    ('wp-kernel-scheduler', tpl1.wordpress, {}),
    ('ghost-compiler-regalloc', tpl1.ghost, {}),
    ('medium-gpu-terminals', tpl1.medium, {}),
    ('substack-postgres-vacuum', tpl2.substack, {}),
    ('hugo-tokio-deadlock', tpl2.hugo, {}),
    ('jekyll-fr-git-bisect', tpl2.jekyll, {}),
    ('news-megamenu-foundry', tpl2.news, {'L': L_EN}),
    ('sphinx-rtd-caching', tpl3.sphinx, {}),
    ('mkdocs-de-konfiguration', tpl3.mkdocs, {}),
    ('wiki-vt100', tpl3.wiki, {}),
    ('github-readme-logpipe', tpl4.github, {}),
    ('discourse-release-announcement', tpl4.discourse, {}),
    ('changelog-sqlfmt', tpl5.changelog, {}),
    ('review-laptop', tpl5.review, {}),
    ('datatable-db-benchmark', tpl5.datatable, {}),
    ('liveblog-devconf', tpl5.liveblog, {}),
    ('unlucky-elementor', tpl6.elementor, {}),
    ('unlucky-modal', tpl6.modal, {}),
    ('aspnet-form-campus-mail', tpl6.aspnet, {}),
    ('div-br-crt-repair', tpl6.divbr, {}),
    ('short-article-comments', tpl6.shortcomments, {}),
    ('jsonld-relicensing', tpl7.jsonld, {}),
    ('amp-riscv-board', tpl7.amp, {}),
    ('blogger-zfs-nas', tpl7.blogger, {}),
    ('latin1-fr-mairie', tpl8.latin1, {}),
    ('fr-news-puces', tpl2.news, {'L': L_FR}),
    ('de-news-kernel', tpl2.news, {'L': L_DE}),
    ('de-review-nas', tpl8.de_review, {}),
    ('ja-news-processor', tpl2.news, {'L': L_JA}),
    ('ja-zenn-rust-tui', tpl8.zenn, {}),
    ('ja-hatena-index', tpl8.hatena, {}),
]

INLINE = {'a', 'em', 'strong', 'code', 'span', 'b', 'i', 'font', 'abbr', 'time', 'small', 'cite', 'mark', 'u', 's', 'kbd', 'var', 'label'}


class Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ('script', 'style', 'sup', 'head', 'noscript', 'title'):
            self.skip += 1
        if tag not in INLINE:
            self.out.append(' ')

    def handle_endtag(self, tag):
        if tag in ('script', 'style', 'sup', 'head', 'noscript', 'title'):
            self.skip -= 1
        if tag not in INLINE:
            self.out.append(' ')

    def handle_data(self, d):
        if not self.skip:
            self.out.append(d)


norm = lambda s: re.sub(r'\s+', ' ', s).strip()


def check(name, page_text, tr):
    t = norm(page_text)
    pos = 0
    for line in tr.split('\n'):
        line = norm(line.replace('\t', ' '))
        if not line:
            continue
        i = t.find(line, pos)
        if i < 0:
            raise SystemExit(f'{name}: truth line not found in order in page text: {line[:80]!r}')
        pos = i + len(line)


def main():
    only = set(sys.argv[1:])
    for name, fn, kw in PAGES:
        if only and name not in only:
            continue
        a = load_article(name)
        doc = fn(a, **kw)
        tr = truth(a)
        d = OUT / name
        d.mkdir(exist_ok=True)
        enc = 'iso-8859-1' if 'charset="iso-8859-1"' in doc[:3000] else 'utf-8'
        raw = doc.encode(enc, errors='xmlcharrefreplace')
        (d / 'page.html').write_bytes(raw)
        (d / 'truth.txt').write_text(tr, encoding='utf-8')
        meta = {'url': a['url'], 'title': a['title'], 'author': a['author'], 'published': a['published'], 'site': a['site'], 'lead_image': a['image']}
        (d / 'meta.json').write_text(json.dumps(meta, ensure_ascii=False, indent=2) + '\n', encoding='utf-8')
        p = Text()
        p.feed(raw.decode(enc))
        check(name, ''.join(p.out), tr)
        nw = len(re.findall(r'\w+', tr))
        print(f'{name:34s} {enc:10s} {len(raw) / 1024:6.1f} KB  truth {len(tr):6d} chars {nw:5d} words')
        if not 8 * 1024 <= len(raw) <= 80 * 1024:
            print(f'  WARNING: size out of range')


if __name__ == '__main__':
    main()
