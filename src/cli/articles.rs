//! `byline articles` and `byline show`.

use chrono::SecondsFormat;
use serde::Serialize;

use crate::model::{ArticleId, ArticleSummary, Filter};
use crate::text::{render_html, wrap_plain};
use crate::zone::Zone;

use super::ArticleQuery;
use super::context::Context;

/// One article in `byline articles --json`: exactly these keys.
#[derive(Serialize)]
struct ArticleJson<'a> {
    id: i64,
    feed_url: &'a str,
    feed_title: &'a str,
    title: &'a str,
    link: Option<&'a str>,
    author: Option<&'a str>,
    published: Option<String>,
    tags: &'a [String],
    read: bool,
    starred: bool,
}

impl<'a> From<&'a ArticleSummary> for ArticleJson<'a> {
    fn from(a: &'a ArticleSummary) -> Self {
        ArticleJson {
            id: a.id.0,
            feed_url: &a.feed_url,
            feed_title: &a.feed_title,
            title: &a.title,
            link: a.link.as_deref(),
            author: a.author.as_deref(),
            published: a.has_published.then(|| a.date.to_rfc3339_opts(SecondsFormat::Secs, true)),
            tags: &a.tags,
            read: a.read,
            starred: a.starred,
        }
    }
}

pub fn list(ctx: &Context, query: &ArticleQuery) -> anyhow::Result<()> {
    let store = ctx.store()?;
    let filter = Filter {
        tags: query.tags.clone(),
        feed: query.feed.as_deref().map(|url| ctx.feed_id(&store, url)).transpose()?,
        unread_only: query.unread,
        starred_only: query.starred,
        search: query.search.clone().filter(|s| !s.trim().is_empty()),
        query: parse_query(query.query.as_deref())?,
        sort: query.sort.into(),
    };
    let articles = store.articles(&filter, 0, query.limit.unwrap_or(u32::MAX))?;
    if query.json {
        let rows: Vec<ArticleJson> = articles.iter().map(ArticleJson::from).collect();
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(());
    }
    for a in &articles {
        let flags = format!("{}{}", if a.read { ' ' } else { 'N' }, if a.starred { '*' } else { ' ' });
        let date = Zone::Local.at(a.date).format("%Y-%m-%d");
        println!("{:>6} {flags} {date}  {:<20.20}  {}", a.id.0, a.feed_title, a.title);
    }
    Ok(())
}

/// `--query`'s text parsed, or its error in one line (clap's own would add a help hint).
pub(super) fn parse_query(text: Option<&str>) -> anyhow::Result<Option<crate::query::Query>> {
    text.map(|t| crate::query::Query::parse(t).map_err(|e| anyhow::anyhow!("--query: {e}"))).transpose()
}

pub fn show(ctx: &Context, id: i64, width: u16) -> anyhow::Result<()> {
    let store = ctx.store()?;
    let Some(article) = store.article(ArticleId(id))? else {
        anyhow::bail!("no article with id {id}");
    };
    let a = &article.summary;
    let width = width.max(20);
    let mut header = vec![a.title.clone(), format!("Feed: {}", a.feed_title)];
    header.extend(a.author.as_ref().map(|author| format!("Author: {author}")));
    header.push(format!("Date: {}", Zone::Local.at(a.date).format("%Y-%m-%d %H:%M %:z")));
    for line in header {
        println!("{}", wrap_plain(&line, usize::from(width)).join("\n"));
    }
    // A link is printed whole, so it stays usable even when wider than the page.
    if let Some(link) = &a.link {
        println!("Link: {link}");
    }
    println!();
    let html = article.full_text_html.as_deref().unwrap_or(&article.content_html);
    println!("{}", render_html(html, width).to_plain_text());
    Ok(())
}
