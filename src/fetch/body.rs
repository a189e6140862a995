//! Reading a response body under a byte cap, counted after decompression.

use super::{FetchError, Limits, client};

/// Reads the whole (decoded) body, failing with [`FetchError::TooLarge`] as soon as it would pass
/// `limits.max_body_bytes`. A declared Content-Length over the cap is refused before reading.
pub(crate) async fn read_capped(
    response: &mut reqwest::Response,
    limits: &Limits,
) -> Result<Vec<u8>, FetchError> {
    let max = limits.max_body_bytes;
    let declared = response.content_length();
    if declared.is_some_and(|length| length > max) {
        return Err(FetchError::TooLarge(max));
    }
    // Trust the declared length for the first allocation only as far as the cap allows.
    let mut body = Vec::with_capacity(declared.unwrap_or(64 * 1024).min(max) as usize);
    while let Some(chunk) = response.chunk().await.map_err(|e| client::from_reqwest(&e, limits))? {
        if (body.len() + chunk.len()) as u64 > max {
            return Err(FetchError::TooLarge(max));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}
