//! Local files (`byline peek PATH`, `file://` subscriptions): read from disk, bounded like HTTP.

use std::path::Path;

use tokio::io::AsyncReadExt;

use super::{FetchError, Fetched, Page};
use crate::store::Validators;

pub(super) async fn read(path: &Path, given: &str, max: u64) -> Result<Fetched, FetchError> {
    let cannot = |e: std::io::Error| {
        let reason = e.to_string();
        let reason = reason.split(" (os error").next().unwrap_or_default();
        FetchError::Other(crate::sanitize::clean_line(&format!("cannot read {}: {reason}", path.display())))
    };
    let file = tokio::fs::File::open(path).await.map_err(cannot)?;
    // Read one byte past the cap rather than trusting the size: /dev/zero has none.
    let mut body = Vec::new();
    file.take(max + 1).read_to_end(&mut body).await.map_err(cannot)?;
    if body.len() as u64 > max {
        return Err(FetchError::TooLarge(max));
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(FetchError::Empty);
    }
    Ok(Fetched::Page(Page {
        final_url: given.trim().to_string(),
        moved_permanently: None,
        content_type: None,
        validators: Validators::default(),
        body,
    }))
}
