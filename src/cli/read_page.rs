//! `byline read-page`: a web page's article, as laid-out text or as JSON.

use chrono::SecondsFormat;
use serde::Serialize;

use crate::extract::{Extracted, extract};
use crate::fulltext::decode_html;
use crate::text::{body_links, plain_text, read_page as laid_out};

use super::context::Context;
use super::peek::get;

#[derive(Serialize)]
struct PageJson<'a> {
    url: &'a str,
    title: &'a str,
    author: Option<&'a str>,
    published: Option<String>,
    site: Option<&'a str>,
    lead_image: Option<&'a str>,
    text: String,
    links: Vec<String>,
}

pub fn read_page(ctx: &Context, source: &str, width: u16, json: bool) -> anyhow::Result<()> {
    let page = get(ctx, source)?;
    let html = decode_html(&page);
    let failed = |e| anyhow::anyhow!("{source}: {e}");
    if !json {
        print!("{}", laid_out(&html, Some(&page.final_url), width.max(20)).map_err(failed)?);
        return Ok(());
    }
    let article = extract(&html, Some(&page.final_url)).map_err(failed)?;
    println!("{}", serde_json::to_string_pretty(&to_json(&page.final_url, &article))?);
    Ok(())
}

fn to_json<'a>(url: &'a str, article: &'a Extracted) -> PageJson<'a> {
    PageJson {
        url,
        title: &article.title,
        author: article.author.as_deref(),
        published: article.published.map(|d| d.to_rfc3339_opts(SecondsFormat::Secs, true)),
        site: article.site.as_deref(),
        lead_image: article.lead_image.as_deref(),
        text: plain_text(&article.content_html),
        links: body_links(&article.content_html),
    }
}
