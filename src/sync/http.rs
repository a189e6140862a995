//! The requests a sync makes, under the same bounds as feeds (time, bytes, redirects), with
//! every failure turned into one line that names the server. The answer must be the API's: an
//! HTML page (a login form, a captive portal) or broken JSON is said to be one.

use reqwest::header::{self, HeaderValue};
use serde::de::DeserializeOwned;

use super::{Result, SyncError};
use crate::fetch::{FetchError, Limits};

/// An answer read whole (under the byte cap).
pub(super) struct Reply {
    pub status: u16,
    content_type: String,
    pub body: Vec<u8>,
}

#[derive(Clone)]
pub(super) struct Api {
    client: reqwest::Client,
    limits: Limits,
    /// The server as errors name it: scheme, host and port, never a path or a query.
    pub server: String,
}

impl Api {
    pub fn new(base: &url::Url, limits: &Limits, user_agent: &str) -> Result<Api> {
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .user_agent(user_agent)
            .redirect(same_server(limits.max_redirects))
            .gzip(true)
            .brotli(true)
            .build()
            .map_err(|e| SyncError::Server(format!("cannot set up HTTP: {e}")))?;
        let server = base.origin().ascii_serialization();
        Ok(Api { client, limits: limits.clone(), server })
    }

    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }

    /// Sends the request and reads its answer whole, within the time and byte bounds.
    pub async fn send(&self, request: reqwest::RequestBuilder) -> Result<Reply> {
        let limit = self.limits.timeout;
        let answer = tokio::time::timeout(limit, async {
            let mut response =
                request.send().await.map_err(|e| crate::fetch::from_reqwest(&e, &self.limits))?;
            let status = response.status().as_u16();
            let content_type = response
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_ascii_lowercase();
            let body = crate::fetch::read_capped(&mut response, &self.limits).await?;
            Ok::<_, FetchError>(Reply { status, content_type, body })
        })
        .await
        .unwrap_or(Err(crate::fetch::timeout_error(limit)));
        answer.map_err(|e| match e {
            FetchError::Connect(reason) => self.error(&format!("cannot reach the server: {reason}")),
            other => self.error(&other.to_string()),
        })
    }

    /// One line naming the server.
    pub fn error(&self, what: &str) -> SyncError {
        SyncError::Server(crate::sanitize::clean_line(&format!("{}: {what}", self.server)))
    }

    /// The reply's body as JSON of type `T`, or why it is not the API's answer.
    pub fn json<T: DeserializeOwned>(&self, reply: &Reply) -> Result<T> {
        self.api_answer(reply)?;
        serde_json::from_slice(&reply.body)
            .map_err(|e| self.error(&format!("malformed JSON from the API: {e}")))
    }

    /// Fails unless the reply is a success that is not a web page.
    pub fn api_answer(&self, reply: &Reply) -> Result<()> {
        if (300..400).contains(&reply.status) {
            return Err(self.error(&format!(
                "HTTP {}: a redirect to another server or to http:// is not followed (check the sync url)",
                reply.status
            )));
        }
        if reply.looks_like_html() {
            return Err(self.error(
                "answered with a web page, not the API (a login page or captive portal? check the sync url)",
            ));
        }
        if reply.status >= 400 {
            return Err(self.error(&format!("HTTP {}", reply.status)));
        }
        Ok(())
    }
}

impl Reply {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// A page, not data: JSON never starts with `<` (and FreshRSS labels its JSON text/html, so
    /// the content type alone says nothing).
    fn looks_like_html(&self) -> bool {
        let first = self.body.iter().find(|b| !b.is_ascii_whitespace());
        first == Some(&b'<') || (self.body.is_empty() && self.content_type.starts_with("text/html"))
    }
}

/// Follows redirects on the same server only, never from https to http, at most `max`: a login
/// form re-sent by a 307 must not carry the password anywhere else.
fn same_server(max: usize) -> reqwest::redirect::Policy {
    reqwest::redirect::Policy::custom(move |attempt| {
        let Some(first) = attempt.previous().first() else { return attempt.stop() };
        let (from, to) = (first.origin(), attempt.url().origin());
        if attempt.previous().len() > max {
            attempt.error(format!("more than {max} redirects"))
        } else if from == to {
            attempt.follow()
        } else {
            attempt.stop()
        }
    })
}

/// A header value from a secret, marked sensitive so that no debug output shows it.
pub(super) fn secret_header(value: &str) -> Result<HeaderValue> {
    let mut header = HeaderValue::from_str(value)
        .map_err(|_| SyncError::Server("the session token has characters a header cannot carry".into()))?;
    header.set_sensitive(true);
    Ok(header)
}

/// A form body (`application/x-www-form-urlencoded`) on a request: encoded by `url`'s encoder
/// rather than through another dependency.
pub(super) trait Form {
    fn form_pairs(self, pairs: &[(&str, String)]) -> Self;
}

impl Form for reqwest::RequestBuilder {
    fn form_pairs(self, pairs: &[(&str, String)]) -> Self {
        let mut body = url::form_urlencoded::Serializer::new(String::new());
        for (key, value) in pairs {
            body.append_pair(key, value);
        }
        self.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded").body(body.finish())
    }
}

/// `base` with these query parameters added.
pub(super) fn with_query(base: &str, pairs: &[(&str, String)]) -> String {
    let Ok(mut url) = url::Url::parse(base) else { return base.to_string() };
    {
        let mut query = url.query_pairs_mut();
        for (key, value) in pairs {
            query.append_pair(key, value);
        }
    }
    url.to_string()
}
