//! `byline mark-read`, `mark-unread`, `star` and `unstar`.

use crate::model::{ArticleId, Filter};
use crate::store::Store;

use super::MarkTarget;
use super::context::Context;

pub fn mark_read(ctx: &Context, target: &MarkTarget) -> anyhow::Result<()> {
    if !target.ids.is_empty() {
        return set_read(ctx, &target.ids, true);
    }
    let mut store = ctx.store()?;
    let filter = Filter {
        feed: target.feed.as_deref().map(|url| ctx.feed_id(&store, url)).transpose()?,
        tags: target.tag.iter().cloned().collect(),
        query: super::articles::parse_query(target.query.as_deref())?,
        ..Filter::default()
    };
    let changed = store.mark_filter_read(&filter)?;
    println!("marked {} articles read", changed.len());
    Ok(())
}

pub fn set_read(ctx: &Context, ids: &[i64], read: bool) -> anyhow::Result<()> {
    let mut store = ctx.store()?;
    let ids = existing(&store, ids)?;
    let changed = store.set_read(&ids, read)?;
    println!("marked {} articles {}", changed.len(), if read { "read" } else { "unread" });
    Ok(())
}

pub fn set_starred(ctx: &Context, ids: &[i64], starred: bool) -> anyhow::Result<()> {
    let mut store = ctx.store()?;
    let ids = existing(&store, ids)?;
    let changed = store.set_starred(&ids, starred)?;
    println!("{} {} articles", if starred { "starred" } else { "unstarred" }, changed.len());
    Ok(())
}

/// The ids as article ids, failing on the first that names no article (a typo should not pass
/// silently).
fn existing(store: &Store, ids: &[i64]) -> anyhow::Result<Vec<ArticleId>> {
    ids.iter()
        .map(|&id| match store.article(ArticleId(id))? {
            Some(_) => Ok(ArticleId(id)),
            None => anyhow::bail!("no article with id {id}"),
        })
        .collect()
}
