//! One HTTP GET: conditional headers, redirects followed by hand (to count them and to notice a
//! permanent move), status handling, and reqwest errors turned into one short line.

use reqwest::StatusCode;
use reqwest::header::{self, HeaderMap, HeaderValue};
use url::Url;

use super::{Answer, FetchError, Fetched, Limits, Page, body, hints};
use crate::store::Validators;

/// Feeds first, then pages (the same client fetches full articles).
const ACCEPT: &str = "application/rss+xml, application/atom+xml, application/feed+json, \
                      application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, */*;q=0.5";

pub(super) fn build(user_agent: &str) -> Result<reqwest::Client, FetchError> {
    // Another part of the program may have installed it already; either way one is in place.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut headers = HeaderMap::new();
    headers.insert(header::ACCEPT, HeaderValue::from_static(ACCEPT));
    reqwest::Client::builder()
        .user_agent(user_agent)
        .default_headers(headers)
        .redirect(reqwest::redirect::Policy::none())
        .gzip(true)
        .brotli(true)
        .build()
        .map_err(|e| FetchError::Other(format!("cannot set up HTTP: {}", root_cause(&e))))
}

pub(super) async fn get(
    client: &reqwest::Client,
    limits: &Limits,
    mut url: Url,
    validators: &Validators,
) -> Result<Answer, FetchError> {
    let conditional = conditional_headers(validators);
    // The target of the leading run of permanent redirects: where the feed now lives.
    let mut moved = None;
    let mut permanent_so_far = true;
    let mut hops = 0;
    let mut response = loop {
        let response = client
            .get(url.clone())
            .headers(conditional.clone())
            .send()
            .await
            .map_err(|e| from_reqwest(&e, limits))?;
        let Some(next) = redirect_target(&response, &url)? else { break response };
        if hops == limits.max_redirects {
            return Err(FetchError::TooManyRedirects(limits.max_redirects));
        }
        hops += 1;
        permanent_so_far &=
            matches!(response.status(), StatusCode::MOVED_PERMANENTLY | StatusCode::PERMANENT_REDIRECT);
        if permanent_so_far {
            moved = Some(next.to_string());
        }
        url = next;
    };

    let status = response.status();
    let now = chrono::Utc::now();
    if matches!(status, StatusCode::TOO_MANY_REQUESTS | StatusCode::SERVICE_UNAVAILABLE)
        && let Some(until) = hints::retry_after(response.headers(), now)
    {
        return Err(FetchError::RateLimited { status: status.as_u16(), until });
    }
    // A 304 carries the same cache headers a 200 would.
    let fresh_for = hints::fresh_for(response.headers(), now);
    if status == StatusCode::NOT_MODIFIED {
        return Ok(Answer { fetched: Fetched::NotModified, fresh_for });
    }
    if !status.is_success() {
        return Err(FetchError::Status(status.as_u16()));
    }
    let header_text = |name| response.headers().get(name).and_then(|v| v.to_str().ok()).map(String::from);
    let content_type = header_text(header::CONTENT_TYPE);
    let validators =
        Validators { etag: header_text(header::ETAG), last_modified: header_text(header::LAST_MODIFIED) };

    let body = body::read_capped(&mut response, limits).await?;
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(FetchError::Empty);
    }
    let page = Page { final_url: url.to_string(), moved_permanently: moved, content_type, validators, body };
    Ok(Answer { fetched: Fetched::Page(page), fresh_for })
}

fn conditional_headers(validators: &Validators) -> HeaderMap {
    let mut headers = HeaderMap::new();
    // A stored value that is not a valid header value is simply not sent.
    let value = |text: &Option<String>| text.as_deref().and_then(|t| HeaderValue::from_str(t).ok());
    if let Some(etag) = value(&validators.etag) {
        headers.insert(header::IF_NONE_MATCH, etag);
    }
    if let Some(date) = value(&validators.last_modified) {
        headers.insert(header::IF_MODIFIED_SINCE, date);
    }
    headers
}

/// Where a redirect response points, resolved against the URL that answered. None when the
/// response is not a redirect (a 3xx without Location is treated as a final status).
fn redirect_target(response: &reqwest::Response, from: &Url) -> Result<Option<Url>, FetchError> {
    let status = response.status();
    if !status.is_redirection() || status == StatusCode::NOT_MODIFIED {
        return Ok(None);
    }
    let Some(location) = response.headers().get(header::LOCATION) else { return Ok(None) };
    let location = String::from_utf8_lossy(location.as_bytes());
    let next =
        from.join(location.trim()).map_err(|e| FetchError::Other(format!("bad redirect location: {e}")))?;
    // Never let a server send us to a local file or another scheme.
    if !matches!(next.scheme(), "http" | "https") {
        return Err(FetchError::Other(format!("redirect to unsupported scheme {}", next.scheme())));
    }
    Ok(Some(next))
}

pub(crate) fn from_reqwest(error: &reqwest::Error, limits: &Limits) -> FetchError {
    if error.is_timeout() {
        super::timeout_error(limits.timeout)
    } else if error.is_connect() {
        FetchError::Connect(root_cause(error))
    } else if error.is_body() || error.is_decode() {
        FetchError::Other(format!("broken response body: {}", root_cause(error)))
    } else {
        FetchError::Other(root_cause(error))
    }
}

/// The innermost error of a chain, on one line: "Connection refused" rather than three nested
/// wrappers ending in "(os error 111)".
fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut inner = error;
    while let Some(source) = inner.source() {
        inner = source;
    }
    let text = crate::sanitize::clean_line(&inner.to_string());
    match text.find(" (os error") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}
