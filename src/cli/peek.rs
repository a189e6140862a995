//! `byline peek`: a feed without subscribing.

use chrono::SecondsFormat;
use serde::Serialize;

use crate::fetch::{Fetched, Page};
use crate::model::NewArticle;
use crate::parse::parse_feed;
use crate::store::Validators;
use crate::text::render_html;

use super::context::{Context, runtime};

#[derive(Serialize)]
struct PeekJson<'a> {
    title: Option<&'a str>,
    link: Option<&'a str>,
    items: Vec<ItemJson<'a>>,
}

#[derive(Serialize)]
struct ItemJson<'a> {
    id: &'a str,
    title: &'a str,
    link: Option<&'a str>,
    published: Option<String>,
    author: Option<&'a str>,
    tags: &'a [String],
    text: String,
    enclosures: Vec<EnclosureJson<'a>>,
    /// A thumbnail's URL.
    image: Option<&'a str>,
}

#[derive(Serialize)]
struct EnclosureJson<'a> {
    url: &'a str,
    #[serde(rename = "type")]
    mime: Option<&'a str>,
    length: Option<u64>,
}

impl<'a> From<&'a NewArticle> for ItemJson<'a> {
    fn from(a: &'a NewArticle) -> Self {
        ItemJson {
            id: &a.key,
            title: &a.title,
            link: a.link.as_deref(),
            published: a.published.map(|d| d.to_rfc3339_opts(SecondsFormat::Secs, true)),
            author: a.author.as_deref(),
            tags: &a.categories,
            text: plain_text(&a.content_html),
            enclosures: a
                .media
                .enclosures
                .iter()
                .map(|e| EnclosureJson { url: &e.url, mime: e.mime.as_deref(), length: e.length })
                .collect(),
            image: a.media.image.as_deref(),
        }
    }
}

pub fn peek(ctx: &Context, source: &str, json: bool) -> anyhow::Result<()> {
    let page = get(ctx, source)?;
    let feed = parse_feed(&page.body, page.content_type.as_deref(), &page.final_url)
        .map_err(|e| anyhow::anyhow!("{source}: {e}"))?;
    if json {
        let out = PeekJson {
            title: feed.title.as_deref(),
            link: feed.link.as_deref(),
            items: feed.items.iter().map(ItemJson::from).collect(),
        };
        println!("{}", serde_json::to_string_pretty(&out)?);
        return Ok(());
    }
    println!("{}", feed.title.as_deref().unwrap_or(source));
    if let Some(link) = &feed.link {
        println!("{link}");
    }
    for item in &feed.items {
        let date =
            item.published.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_else(|| "----------".into());
        println!("\n{date}  {}", item.title);
        if let Some(link) = &item.link {
            println!("            {link}");
        }
    }
    Ok(())
}

/// Fetches a URL or reads a local file, with the configured limits.
pub(super) fn get(ctx: &Context, source: &str) -> anyhow::Result<Page> {
    let fetcher = ctx.fetcher()?;
    match runtime()?.block_on(fetcher.get(source, &Validators::default())) {
        Ok(Fetched::Page(page)) => Ok(page),
        Ok(Fetched::NotModified) => anyhow::bail!("{source}: unexpected 304 Not Modified"),
        Err(e) => anyhow::bail!("{source}: {e}"),
    }
}

/// An item's text for JSON: its HTML as plain text, unwrapped.
fn plain_text(html: &str) -> String {
    let text = render_html(html, 10_000).to_plain_text();
    text.trim().to_string()
}
