//! The Google Reader API, as FreshRSS, Miniflux, Inoreader, The Old Reader and BazQux speak it.
//! What differs between them is data ([`Dialect`]), not code.
//!
//! A sync asks for the ids of the reading list since the last one (`stream/items/ids`, paged by
//! continuation), fetches the contents of the ids it lacks in batches (`stream/items/contents`),
//! and takes the read and starred states as two id lists: a constant number of requests however
//! many feeds there are.

use std::collections::HashSet;

use serde::Deserialize;

use super::http::{Api, Form, secret_header, with_query};
use super::{ItemSink, MAX_PAGES, Result, Service, SyncError};
use crate::model::{Change, Enclosure, LocalCounts, Media, NewArticle, RemoteFeed, RemoteIds, RemoteItem};

const READING_LIST: &str = "user/-/state/com.google/reading-list";
const READ: &str = "user/-/state/com.google/read";
const STARRED: &str = "user/-/state/com.google/starred";
const LABEL: &str = "user/-/label/";
/// Most ids one listing holds (ten times a large account's reading list).
const MAX_IDS: usize = 1_000_000;
/// How far back each sync looks again for new items: an item the server saved late (a slow
/// feed update, a clock a little off) is still found; stored ones are not fetched twice.
const OVERLAP_SECS: i64 = 3600;

/// How one server's Google Reader API differs from the others'.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Dialect {
    /// Ids asked for per `stream/items/ids` page.
    pub ids_per_page: u32,
    /// Items asked for per `stream/items/contents` request.
    pub contents_per_request: usize,
    /// Ids per `edit-tag` request.
    pub ids_per_edit: usize,
    /// Titles come with `&`, `<` and `>` turned into full-width look-alikes (FreshRSS).
    pub lookalike_titles: bool,
    /// An item's id is its crawl time in microseconds on the server's clock (FreshRSS): the
    /// next sync's `ot` comes from the newest id, not from this machine's clock.
    pub ids_are_crawl_times: bool,
}

impl Dialect {
    /// A title or name as the feed wrote it.
    fn plain(&self, text: String) -> String {
        if !self.lookalike_titles {
            return text;
        }
        text.replace('＆', "&").replace('＜', "<").replace('＞', ">")
    }

    /// The dialect of the server at `url`, by what its address says (FreshRSS's greader.php).
    pub fn for_url(url: &url::Url) -> Dialect {
        let freshrss = url.path().contains("greader.php");
        Dialect {
            ids_per_page: 10_000,
            contents_per_request: 250,
            // FreshRSS reads up to 1 MiB of form: 1,000 ids a request send 10,000 marks in 15
            // requests instead of 45 (its time is per article either way: 12 s).
            ids_per_edit: if freshrss { 1000 } else { 250 },
            lookalike_titles: freshrss,
            ids_are_crawl_times: freshrss,
        }
    }
}

pub(super) struct Greader {
    api: Api,
    /// The API's address without a trailing slash (…/api/greader.php).
    base: String,
    user: String,
    dialect: Dialect,
    auth: Option<String>,
    /// The write token (`reader/api/0/token`), fetched once per sync.
    write_token: Option<String>,
}

impl Greader {
    pub fn new(api: Api, url: &url::Url, user: &str) -> Greader {
        Greader {
            api,
            base: url.as_str().trim_end_matches('/').to_string(),
            user: user.to_string(),
            dialect: Dialect::for_url(url),
            auth: None,
            write_token: None,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}/{path}", self.base)
    }

    fn authorised(&self, request: reqwest::RequestBuilder) -> Result<reqwest::RequestBuilder> {
        let auth = self.auth.as_deref().ok_or(SyncError::Expired)?;
        Ok(request
            .header(reqwest::header::AUTHORIZATION, secret_header(&format!("GoogleLogin auth={auth}"))?))
    }

    /// A request with the session; a 401 means the session is over.
    async fn call(&self, request: reqwest::RequestBuilder) -> Result<super::http::Reply> {
        let reply = self.api.send(self.authorised(request)?).await?;
        if reply.status == 401 || reply.status == 403 {
            return Err(SyncError::Expired);
        }
        self.api.api_answer(&reply)?;
        Ok(reply)
    }

    async fn get_json<T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        query: &[(&str, String)],
    ) -> Result<T> {
        let reply = self.call(self.api.client().get(with_query(&self.url(path), query))).await?;
        self.api.json(&reply)
    }

    async fn token(&mut self) -> Result<String> {
        if let Some(token) = &self.write_token {
            return Ok(token.clone());
        }
        let reply = self.call(self.api.client().get(self.url("reader/api/0/token"))).await?;
        let token = reply.text().trim().to_string();
        if token.is_empty() || token.len() > 200 {
            return Err(self.api.error("the API gave no write token"));
        }
        self.write_token = Some(token.clone());
        Ok(token)
    }

    /// A write (form POST with the token); the API answers "OK".
    async fn post(&mut self, path: &str, mut form: Vec<(&str, String)>) -> Result<()> {
        form.push(("T", self.token().await?));
        let reply = self.call(self.api.client().post(self.url(path)).form_pairs(&form)).await?;
        if reply.text().trim() != "OK" {
            return Err(self.api.error(&format!("{path} did not answer OK")));
        }
        Ok(())
    }

    /// Every id of a stream (with `exclude`d state left out), newest first, paged; false when
    /// the listing stopped at a bound (a continuation that repeats or never ends).
    async fn ids(
        &self,
        stream: &str,
        exclude: Option<&str>,
        since: Option<i64>,
    ) -> Result<(Vec<String>, bool)> {
        let mut ids = Vec::new();
        let mut seen = HashSet::new();
        let mut continuation: Option<String> = None;
        for _ in 0..MAX_PAGES {
            let mut query = vec![
                ("s", stream.to_string()),
                ("n", self.dialect.ids_per_page.to_string()),
                ("output", "json".to_string()),
            ];
            if let Some(state) = exclude {
                query.push(("xt", state.to_string()));
            }
            if let Some(since) = since {
                query.push(("ot", since.to_string()));
            }
            if let Some(c) = &continuation {
                query.push(("c", c.clone()));
            }
            let page: IdsPage = self.get_json("reader/api/0/stream/items/ids", &query).await?;
            let before = ids.len();
            for id in page.item_refs.into_iter().filter_map(|r| decimal_id(&r.id)) {
                if seen.insert(id.clone()) {
                    ids.push(id);
                }
            }
            let Some(next) = page.continuation.filter(|c| !c.is_empty()) else { return Ok((ids, true)) };
            // A page that adds nothing, or a listing past any real account: it would not end.
            if ids.len() == before || ids.len() > MAX_IDS {
                break;
            }
            continuation = Some(next);
        }
        tracing::warn!("{}: stopped listing {stream}: its continuation does not end", self.api.server);
        Ok((ids, false))
    }

    async fn id_set(&self, stream: &str, exclude: Option<&str>) -> Result<RemoteIds> {
        let (ids, complete) = self.ids(stream, exclude, None).await?;
        Ok(RemoteIds { ids: ids.into_iter().collect(), complete, feeds: None })
    }

    fn item(&self, item: Item) -> Option<RemoteItem> {
        let id = decimal_id(&item.id)?;
        let feed = item.origin.map(|o| o.stream_id).unwrap_or_default();
        let mut read = false;
        let mut starred = false;
        let mut categories = Vec::new();
        for c in item.categories {
            // `user/-/state/…` or, on some servers, `user/<their id>/state/…`.
            match c.as_str() {
                c if c.starts_with("user/") && c.ends_with("/state/com.google/read") => read = true,
                c if c.starts_with("user/") && c.ends_with("/state/com.google/starred") => starred = true,
                // Other states, and the user's folders (the feed's tags already).
                c if c.starts_with("user/") => {}
                c => categories.push(c.to_string()),
            }
        }
        let link = item.canonical.into_iter().chain(item.alternate).map(|l| l.href).find(|h| !h.is_empty());
        let content = item.content.or(item.summary).map(|c| c.content).unwrap_or_default();
        let title = self.dialect.plain(item.title.unwrap_or_default());
        let media = Media {
            enclosures: item
                .enclosure
                .into_iter()
                .filter(|e| e.href.starts_with("http"))
                .map(|e| Enclosure {
                    url: e.href,
                    mime: e.kind.filter(|t| !t.is_empty()),
                    length: e.length.filter(|l| *l > 0),
                    duration: None,
                })
                .collect(),
            image: None,
        };
        let article = NewArticle {
            key: id.clone(),
            title,
            link,
            author: item.author.filter(|a| !a.is_empty()).map(|a| self.dialect.plain(a)),
            published: item.published.and_then(|s| chrono::DateTime::from_timestamp(s, 0)),
            categories,
            content_html: content,
            media,
        };
        Some(RemoteItem { id, feed, article, read, starred })
    }
}

/// An item id in its decimal form: the API gives the long hex form in contents and decimal in
/// id lists.
fn decimal_id(id: &str) -> Option<String> {
    if let Some(hex) = id.strip_prefix("tag:google.com,2005:reader/item/") {
        return u64::from_str_radix(hex, 16).ok().map(|n| n.to_string());
    }
    // The same number in one spelling: no leading zeros ("0" stays "0").
    (!id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())).then(|| match id.trim_start_matches('0') {
        "" => "0".to_string(),
        digits => digits.to_string(),
    })
}

/// The long form every Google Reader server takes.
fn long_id(decimal: &str) -> Option<String> {
    decimal.parse::<u64>().ok().map(|n| format!("tag:google.com,2005:reader/item/{n:016x}"))
}

impl Service for Greader {
    fn name(&self) -> &'static str {
        "greader"
    }

    async fn login(&mut self, password: &str) -> Result<String> {
        let form = [("Email", self.user.clone()), ("Passwd", password.to_string())];
        let reply =
            self.api.send(self.api.client().post(self.url("accounts/ClientLogin")).form_pairs(&form)).await?;
        if reply.status == 401 || reply.status == 403 {
            return Err(SyncError::Login { server: self.api.server.clone(), user: self.user.clone() });
        }
        self.api.api_answer(&reply)?;
        let text = reply.text();
        let auth =
            text.lines().find_map(|l| l.strip_prefix("Auth=")).map(str::trim).filter(|a| !a.is_empty());
        let Some(auth) = auth else {
            return Err(self.api.error("the login answer has no Auth= line: is this the Google Reader API?"));
        };
        self.auth = Some(auth.to_string());
        self.write_token = None;
        Ok(auth.to_string())
    }

    fn resume(&mut self, token: String) {
        self.auth = Some(token);
        self.write_token = None;
    }

    async fn subscriptions(&mut self) -> Result<Vec<RemoteFeed>> {
        let list: SubscriptionList =
            self.get_json("reader/api/0/subscription/list", &[("output", "json".into())]).await?;
        Ok(list
            .subscriptions
            .into_iter()
            .filter(|s| !s.url.trim().is_empty())
            .map(|s| RemoteFeed {
                id: s.id,
                url: s.url,
                title: s.title.filter(|t| !t.is_empty()).map(|t| self.dialect.plain(t)),
                categories: s
                    .categories
                    .into_iter()
                    .map(|c| c.label.unwrap_or_else(|| label_of(&c.id)))
                    .collect(),
            })
            .collect())
    }

    async fn new_items(
        &mut self,
        cursor: Option<String>,
        known: &HashSet<String>,
        sink: &ItemSink,
    ) -> Result<Option<String>> {
        // `ot`: crawl time in seconds. The next sync starts an overlap before the newest item
        // seen (on FreshRSS, whose ids are crawl times on its own clock) or before now.
        let since = cursor.as_deref().and_then(|c| c.parse::<i64>().ok());
        let started = chrono::Utc::now().timestamp();
        let (ids, complete) = self.ids(READING_LIST, None, since).await?;
        let newest = match self.dialect.ids_are_crawl_times {
            true => {
                ids.iter().filter_map(|id| id.parse::<u64>().ok()).max().map(|us| (us / 1_000_000) as i64)
            }
            false => Some(started),
        };
        let wanted: Vec<String> = ids.into_iter().filter(|id| !known.contains(id)).collect();
        let mut batch = self.dialect.contents_per_request;
        let mut rest = wanted.as_slice();
        while !rest.is_empty() {
            let chunk = &rest[..batch.min(rest.len())];
            let form: Vec<(&str, String)> =
                chunk.iter().filter_map(|id| long_id(id)).map(|id| ("i", id)).collect();
            let request = self
                .api
                .client()
                .post(self.url("reader/api/0/stream/items/contents?output=json"))
                .form_pairs(&form);
            let reply = match self.call(request).await {
                // Long articles: the same ids in smaller batches, down to one a request.
                Err(SyncError::Server(reason)) if reason.contains("larger than") && batch > 1 => {
                    batch /= 2;
                    continue;
                }
                other => other?,
            };
            let page: Contents = self.api.json(&reply)?;
            let items: Vec<RemoteItem> = page.items.into_iter().filter_map(|i| self.item(i)).collect();
            if sink.send(items).await.is_err() {
                return Err(SyncError::Store("the database writer stopped".into()));
            }
            rest = &rest[chunk.len()..];
        }
        // A listing cut short starts again from the same place.
        if !complete {
            return Ok(cursor);
        }
        Ok(newest.map(|s| (s - OVERLAP_SECS).max(0).to_string()).or(cursor))
    }

    /// Two id lists, whole: a request per 10,000 ids, whatever changed.
    async fn states(&mut self, _local: &LocalCounts) -> Result<(RemoteIds, RemoteIds)> {
        Ok((self.id_set(READING_LIST, Some(READ)).await?, self.id_set(STARRED, None).await?))
    }

    async fn send(&mut self, change: Change, ids: &[String]) -> Result<()> {
        let (verb, state) = match change {
            Change::Read => ("a", READ),
            Change::Unread => ("r", READ),
            Change::Star => ("a", STARRED),
            Change::Unstar => ("r", STARRED),
        };
        for chunk in ids.chunks(self.dialect.ids_per_edit) {
            let mut form: Vec<(&str, String)> =
                chunk.iter().filter_map(|id| long_id(id)).map(|id| ("i", id)).collect();
            if form.is_empty() {
                continue;
            }
            form.push((verb, state.to_string()));
            self.post("reader/api/0/edit-tag", form).await?;
        }
        Ok(())
    }

    async fn subscribe(&mut self, url: &str, category: Option<&str>) -> Result<()> {
        let mut form = vec![("ac", "subscribe".to_string()), ("s", format!("feed/{url}"))];
        if let Some(category) = category.filter(|c| !c.is_empty()) {
            form.push(("a", format!("{LABEL}{category}")));
        }
        // A refusal is a 400 (FreshRSS: the URL is no feed, or already subscribed).
        self.post("reader/api/0/subscription/edit", form).await.map_err(|e| match e {
            SyncError::Server(reason) if reason.ends_with("HTTP 400") => SyncError::Refused(format!(
                "{} did not subscribe to {url} (no feed there, or subscribed already)",
                self.api.server
            )),
            other => other,
        })
    }

    async fn unsubscribe(&mut self, feed_id: &str) -> Result<()> {
        let form = vec![("ac", "unsubscribe".to_string()), ("s", feed_id.to_string())];
        self.post("reader/api/0/subscription/edit", form).await
    }
}

fn label_of(id: &str) -> String {
    id.rsplit_once("/label/").map_or(id, |(_, l)| l).to_string()
}

#[derive(Deserialize)]
struct IdsPage {
    #[serde(rename = "itemRefs", default)]
    item_refs: Vec<ItemRef>,
    #[serde(default)]
    continuation: Option<String>,
}

#[derive(Deserialize)]
struct ItemRef {
    id: String,
}

#[derive(Deserialize)]
struct SubscriptionList {
    #[serde(default)]
    subscriptions: Vec<Subscription>,
}

#[derive(Deserialize)]
struct Subscription {
    id: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    url: String,
    #[serde(default)]
    categories: Vec<Category>,
}

#[derive(Deserialize)]
struct Category {
    id: String,
    #[serde(default)]
    label: Option<String>,
}

#[derive(Deserialize)]
struct Contents {
    #[serde(default)]
    items: Vec<Item>,
}

#[derive(Deserialize)]
struct Item {
    id: String,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    published: Option<i64>,
    #[serde(default)]
    author: Option<String>,
    #[serde(default)]
    canonical: Vec<Link>,
    #[serde(default)]
    alternate: Vec<Link>,
    #[serde(default)]
    categories: Vec<String>,
    #[serde(default)]
    origin: Option<Origin>,
    #[serde(default)]
    content: Option<Text>,
    #[serde(default)]
    summary: Option<Text>,
    #[serde(default)]
    enclosure: Vec<EnclosureRef>,
}

#[derive(Deserialize)]
struct Link {
    #[serde(default)]
    href: String,
}

#[derive(Deserialize)]
struct Origin {
    #[serde(rename = "streamId", default)]
    stream_id: String,
}

#[derive(Deserialize)]
struct Text {
    #[serde(default)]
    content: String,
}

#[derive(Deserialize)]
struct EnclosureRef {
    #[serde(default)]
    href: String,
    #[serde(rename = "type", default)]
    kind: Option<String>,
    #[serde(default)]
    length: Option<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn client(url: &str) -> Greader {
        let url = url::Url::parse(url).expect("url");
        let api = Api::new(&url, &crate::fetch::Limits::default(), "test").expect("api");
        Greader::new(api, &url, "alice")
    }

    #[test]
    fn states_folders_and_the_sites_categories_come_apart_on_every_dialect() {
        let json = r#"{"id":"tag:google.com,2005:reader/item/00000000000000ff","title":"Q ＆ A ＜3＞",
            "categories":["user/1000/state/com.google/read","user/-/state/com.google/starred",
                          "user/-/label/Tech","user/1000/state/com.google/reading-list","rust"],
            "origin":{"streamId":"feed/7"},"content":{"content":"<p>x</p>"},"published":1700000000}"#;
        let freshrss = client("http://127.0.0.1:1/api/greader.php");
        let item = freshrss.item(serde_json::from_str(json).expect("item")).expect("an item");
        assert_eq!(
            (item.id.as_str(), item.feed.as_str(), item.read, item.starred),
            ("255", "feed/7", true, true)
        );
        assert_eq!(item.article.categories, ["rust"]);
        assert_eq!(item.article.title, "Q & A <3>", "FreshRSS's look-alikes undone");
        let other = client("https://reader.example/");
        assert_eq!(
            other.item(serde_json::from_str(json).expect("item")).expect("item").article.title,
            "Q ＆ A ＜3＞"
        );
        assert!(!other.dialect.ids_are_crawl_times && freshrss.dialect.ids_are_crawl_times);
    }

    #[test]
    fn item_ids_are_decimal_whichever_form_the_server_gives() {
        assert_eq!(decimal_id("tag:google.com,2005:reader/item/000000000000001f").as_deref(), Some("31"));
        assert_eq!(decimal_id("1733000000123456").as_deref(), Some("1733000000123456"));
        assert_eq!(decimal_id("feed/3"), None);
        assert_eq!(decimal_id("000").as_deref(), Some("0"));
        assert_eq!(long_id("31").as_deref(), Some("tag:google.com,2005:reader/item/000000000000001f"));
    }
}
