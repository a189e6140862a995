//! Tiny Tiny RSS's JSON API: one address (`…/api/`), a JSON body naming the operation, the
//! session id in every call. New articles are those above the highest id seen (`since_id`);
//! read and starred states come as the unread and the starred headlines without content,
//! paged 200 at a time (the API's own cap).

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use serde_json::{Value, json};

use super::http::Api;
use super::{ItemSink, MAX_PAGES, Result, Service, SyncError};
use crate::model::{Change, Enclosure, LocalCounts, Media, NewArticle, RemoteFeed, RemoteIds, RemoteItem};

/// The most headlines the API returns per call.
const PAGE: usize = 200;
/// Every article of every feed.
const ALL_FEEDS: i64 = -4;
/// Pages of new headlines asked for at once.
const PAGES_AT_ONCE: usize = 3;
/// Past this many changed feeds, one listing of all is cheaper than one per feed.
const FEEDS_LISTED_ALONE: usize = 10;
/// `updateArticle`'s fields.
const FIELD_STARRED: i64 = 0;
const FIELD_UNREAD: i64 = 2;

pub(super) struct Ttrss {
    api: Api,
    /// The API's address (…/api/).
    endpoint: String,
    user: String,
    sid: Option<String>,
}

impl Ttrss {
    /// `url` is TT-RSS's address; its API lives at `api/` below it (unless `url` is that already).
    pub fn new(api: Api, url: &url::Url, user: &str) -> Ttrss {
        let base = url.as_str().trim_end_matches('/');
        let endpoint = if base.ends_with("/api") { format!("{base}/") } else { format!("{base}/api/") };
        Ttrss { api, endpoint, user: user.to_string(), sid: None }
    }

    /// One API call: `content` on success, the API's error otherwise.
    async fn call(&self, mut body: Value) -> Result<Value> {
        if let (Some(sid), Some(map)) = (&self.sid, body.as_object_mut()) {
            map.insert("sid".into(), Value::String(sid.clone()));
        }
        let reply = self.api.send(self.api.client().post(&self.endpoint).body(body.to_string())).await?;
        let answer: Answer = self.api.json(&reply)?;
        if answer.status == 0 {
            return Ok(answer.content);
        }
        let error = answer.content.get("error").and_then(Value::as_str).unwrap_or("unknown error");
        Err(match error {
            "NOT_LOGGED_IN" => SyncError::Expired,
            "LOGIN_ERROR" => SyncError::Login { server: self.api.server.clone(), user: self.user.clone() },
            "API_DISABLED" => {
                self.api.error(&format!("API access is off for {} (Preferences: enable API)", self.user))
            }
            other => self.api.error(&format!("the API answered {other}")),
        })
    }

    /// Every headline of `view_mode`, paged, with or without content.
    async fn headlines(
        &self,
        feed_id: i64,
        view_mode: &str,
        since_id: i64,
        content: bool,
        mut each: impl FnMut(Vec<Headline>) -> Result<()>,
    ) -> Result<bool> {
        for page in 0..MAX_PAGES {
            let body = json!({
                "op": "getHeadlines", "feed_id": feed_id, "view_mode": view_mode,
                "since_id": since_id, "limit": PAGE, "skip": page * PAGE,
                "show_content": content, "include_attachments": content, "order_by": "date_reverse",
            });
            let rows: Vec<Headline> = serde_json::from_value(self.call(body).await?)
                .map_err(|e| self.api.error(&format!("malformed headlines: {e}")))?;
            let full = rows.len() >= PAGE;
            each(rows)?;
            if !full {
                return Ok(true);
            }
        }
        tracing::warn!("{}: stopped listing {view_mode} headlines after {MAX_PAGES} pages", self.api.server);
        Ok(false)
    }

    /// The ids of `view_mode` ("unread", "marked") in these feeds (every feed: None), paged.
    async fn id_set(&self, view_mode: &str, feeds: Option<&HashSet<String>>) -> Result<RemoteIds> {
        let mut ids = HashSet::new();
        let mut complete = true;
        let targets: Vec<i64> = match feeds {
            None => vec![ALL_FEEDS],
            Some(feeds) => feeds.iter().filter_map(|f| f.parse().ok()).collect(),
        };
        for feed in targets {
            complete &= self
                .headlines(feed, view_mode, 0, false, |rows| {
                    ids.extend(rows.iter().map(|h| id_text(&h.id)));
                    Ok(())
                })
                .await?;
        }
        Ok(RemoteIds { ids, complete, feeds: feeds.cloned() })
    }

    /// Each feed's unread and starred counts, in one request.
    async fn counters(&self) -> Result<HashMap<String, (u32, u32)>> {
        let rows = self.call(json!({"op": "getCounters", "output_mode": "f"})).await?;
        let rows: Vec<Value> =
            serde_json::from_value(rows).map_err(|e| self.api.error(&format!("malformed counters: {e}")))?;
        let count = |row: &Value, key: &str| row.get(key).and_then(Value::as_u64).unwrap_or(0) as u32;
        Ok(rows
            .iter()
            // Real feeds: positive ids, not categories ("kind": "cat") nor totals.
            .filter(|r| {
                r.get("kind").is_none() && r.get("id").and_then(Value::as_i64).is_some_and(|id| id > 0)
            })
            .map(|r| (id_text(&r["id"]), (count(r, "counter"), count(r, "markedcounter"))))
            .collect())
    }

    async fn categories(&self) -> Result<HashMap<String, String>> {
        let rows = self.call(json!({"op": "getCategories", "include_empty": true})).await?;
        let rows: Vec<CategoryRow> = serde_json::from_value(rows)
            .map_err(|e| self.api.error(&format!("malformed categories: {e}")))?;
        Ok(rows.into_iter().map(|c| (id_text(&c.id), c.title)).collect())
    }
}

/// Ids come as numbers or as strings depending on the version: one text form.
fn id_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn headline_item(h: Headline) -> RemoteItem {
    let id = id_text(&h.id);
    let media = Media {
        enclosures: h
            .attachments
            .into_iter()
            .filter(|a| a.content_url.starts_with("http"))
            .map(|a| Enclosure {
                url: a.content_url,
                mime: a.content_type.filter(|t| !t.is_empty()),
                length: None,
                duration: a.duration.as_ref().map(id_text).and_then(|d| d.parse().ok()),
            })
            .collect(),
        image: None,
    };
    let article = NewArticle {
        key: id.clone(),
        title: h.title,
        link: h.link.filter(|l| !l.is_empty()),
        author: h.author.filter(|a| !a.is_empty()),
        published: h.updated.and_then(|t| chrono::DateTime::from_timestamp(t, 0)),
        // The user's own tags on TT-RSS; the site's categories are not in the API.
        categories: h.tags.into_iter().filter(|t| !t.is_empty()).collect(),
        content_html: h.content.unwrap_or_default(),
        media,
    };
    RemoteItem { id, feed: id_text(&h.feed_id), article, read: !h.unread, starred: h.marked }
}

impl Service for Ttrss {
    fn name(&self) -> &'static str {
        "ttrss"
    }

    async fn login(&mut self, password: &str) -> Result<String> {
        self.sid = None;
        let content = self.call(json!({"op": "login", "user": self.user, "password": password})).await?;
        let sid = content.get("session_id").and_then(Value::as_str).filter(|s| !s.is_empty());
        let Some(sid) = sid else { return Err(self.api.error("the login answer has no session_id")) };
        self.sid = Some(sid.to_string());
        Ok(sid.to_string())
    }

    fn resume(&mut self, token: String) {
        self.sid = Some(token);
    }

    async fn subscriptions(&mut self) -> Result<Vec<RemoteFeed>> {
        let categories = self.categories().await?;
        let rows = self.call(json!({"op": "getFeeds", "cat_id": -3, "include_nested": false})).await?;
        let rows: Vec<FeedRow> =
            serde_json::from_value(rows).map_err(|e| self.api.error(&format!("malformed feeds: {e}")))?;
        Ok(rows
            .into_iter()
            // Virtual feeds (starred, published...) have negative ids.
            .filter(|f| !f.feed_url.trim().is_empty() && !id_text(&f.id).starts_with('-'))
            .map(|f| {
                let category = f.cat_id.as_ref().map(id_text).filter(|c| c != "0");
                RemoteFeed {
                    id: id_text(&f.id),
                    url: f.feed_url,
                    title: Some(f.title).filter(|t| !t.is_empty()),
                    categories: category.and_then(|c| categories.get(&c).cloned()).into_iter().collect(),
                }
            })
            .collect())
    }

    async fn new_items(
        &mut self,
        cursor: Option<String>,
        _known: &HashSet<String>,
        sink: &ItemSink,
    ) -> Result<Option<String>> {
        let since: i64 = cursor.as_deref().and_then(|c| c.parse().ok()).unwrap_or(0);
        let mut newest = since;
        // A few pages at a time: the server takes about a second a page of 200 with content,
        // and has several workers. Pages are handed on in order.
        let mut page = 0;
        'pages: while page < MAX_PAGES {
            // A later sync mostly finds less than a page: its first round is one request.
            let at_once = if page == 0 && since > 0 { 1 } else { PAGES_AT_ONCE };
            let round = (page..(page + at_once).min(MAX_PAGES)).map(|p| {
                let body = json!({
                    "op": "getHeadlines", "feed_id": ALL_FEEDS, "view_mode": "all_articles",
                    "since_id": since, "limit": PAGE, "skip": p * PAGE,
                    "show_content": true, "include_attachments": true, "order_by": "date_reverse",
                });
                self.call(body)
            });
            for answer in futures_util::future::try_join_all(round).await? {
                page += 1;
                let rows: Vec<Headline> = serde_json::from_value(answer)
                    .map_err(|e| self.api.error(&format!("malformed headlines: {e}")))?;
                let full = rows.len() >= PAGE;
                newest = rows.iter().filter_map(|h| id_text(&h.id).parse().ok()).fold(newest, i64::max);
                // Each page goes to the writer as it comes: a first sync never holds them all.
                if sink.send(rows.into_iter().map(headline_item).collect()).await.is_err() {
                    return Err(SyncError::Store("the database writer stopped".into()));
                }
                if !full {
                    break 'pages;
                }
            }
        }
        Ok(Some(newest.to_string()))
    }

    /// The feeds' counters first (one request): only the feeds whose unread or starred counts
    /// differ from the store's are listed, unless a full listing is due or many changed. A
    /// sync with nothing changed is then one request, not a page per 200 unread articles.
    async fn states(&mut self, local: &LocalCounts) -> Result<(RemoteIds, RemoteIds)> {
        let mut scope = None;
        if !local.full {
            let server = self.counters().await?;
            let changed: HashSet<String> = server
                .keys()
                .chain(local.by_feed.keys())
                .filter(|f| {
                    server.get(*f).copied().unwrap_or_default()
                        != local.by_feed.get(*f).copied().unwrap_or_default()
                })
                .cloned()
                .collect();
            if changed.len() <= FEEDS_LISTED_ALONE {
                scope = Some(changed);
            }
        }
        let unread = self.id_set("unread", scope.as_ref()).await?;
        let starred = self.id_set("marked", scope.as_ref()).await?;
        Ok((unread, starred))
    }

    async fn send(&mut self, change: Change, ids: &[String]) -> Result<()> {
        let (field, mode) = match change {
            Change::Read => (FIELD_UNREAD, 0),
            Change::Unread => (FIELD_UNREAD, 1),
            Change::Star => (FIELD_STARRED, 1),
            Change::Unstar => (FIELD_STARRED, 0),
        };
        for chunk in ids.chunks(PAGE) {
            let body =
                json!({"op": "updateArticle", "article_ids": chunk.join(","), "mode": mode, "field": field});
            self.call(body).await?;
        }
        Ok(())
    }

    async fn subscribe(&mut self, url: &str, category: Option<&str>) -> Result<()> {
        let mut category_id = 0;
        if let Some(name) = category.filter(|c| !c.is_empty()) {
            let categories = self.categories().await?;
            match categories.iter().find(|(_, title)| title.eq_ignore_ascii_case(name)) {
                Some((id, _)) => category_id = id.parse().unwrap_or(0),
                None => tracing::info!("{}: no category {name}; subscribing without one", self.api.server),
            }
        }
        let content =
            self.call(json!({"op": "subscribeToFeed", "feed_url": url, "category_id": category_id})).await?;
        let code = content.pointer("/status/code").and_then(Value::as_i64).unwrap_or(-1);
        let why = match code {
            1 => return Ok(()),
            0 => "subscribed already",
            2 => "not a valid URL",
            3 => "no feed found there",
            4 => "several feeds found there: give one of them",
            5 => "TT-RSS could not download it",
            _ => "the server refused",
        };
        Err(SyncError::Refused(format!("{} did not subscribe to {url}: {why}", self.api.server)))
    }

    async fn unsubscribe(&mut self, feed_id: &str) -> Result<()> {
        let id: i64 =
            feed_id.parse().map_err(|_| self.api.error(&format!("not a TT-RSS feed id: {feed_id}")))?;
        self.call(json!({"op": "unsubscribeFeed", "feed_id": id})).await?;
        Ok(())
    }
}

#[derive(Deserialize)]
struct Answer {
    status: i64,
    #[serde(default)]
    content: Value,
}

#[derive(Deserialize)]
struct FeedRow {
    id: Value,
    #[serde(default)]
    title: String,
    #[serde(default)]
    feed_url: String,
    #[serde(default)]
    cat_id: Option<Value>,
}

#[derive(Deserialize)]
struct CategoryRow {
    id: Value,
    #[serde(default)]
    title: String,
}

#[derive(Deserialize)]
struct Headline {
    id: Value,
    #[serde(default)]
    unread: bool,
    #[serde(default)]
    marked: bool,
    #[serde(default)]
    updated: Option<i64>,
    #[serde(default)]
    title: String,
    #[serde(default)]
    link: Option<String>,
    #[serde(default)]
    feed_id: Value,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    content: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    attachments: Vec<Attachment>,
}

#[derive(Deserialize)]
struct Attachment {
    #[serde(default)]
    content_url: String,
    #[serde(default)]
    content_type: Option<String>,
    #[serde(default)]
    duration: Option<Value>,
}
