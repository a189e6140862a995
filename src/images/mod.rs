//! Pictures for the reader: fetched with the same bounded fetcher as pages (size, time,
//! redirects, http(s) only), kept in a disk cache, decoded within caps on dimensions and memory
//! and shrunk to the size they are drawn at. Knows nothing of the terminal: `ui::picture`
//! draws what this returns.

mod cache;
mod decode;

pub use cache::{Cached, DiskCache};
pub use decode::{DecodeError, Fit, MAX_PIXELS, MAX_SIDE, decode};

use std::sync::Arc;

use image::DynamicImage;
use tokio::sync::Semaphore;

use crate::fetch::{Fetched, Fetcher};

/// Fetches and decodes pictures. Cheap to clone; clones share the decoding turn.
#[derive(Clone)]
pub struct Loader {
    fetcher: Fetcher,
    cache: DiskCache,
    /// Pictures on their way at once: each holds its fetched bytes until decoded.
    loading: Arc<Semaphore>,
    /// One decode at a time: each needs its picture's full size in memory for a moment, so an
    /// article of thirty large pictures never holds more than one of them whole.
    decoding: Arc<Semaphore>,
}

impl Loader {
    pub fn new(fetcher: Fetcher, cache: DiskCache) -> Loader {
        Loader { fetcher, cache, loading: Arc::new(Semaphore::new(4)), decoding: Arc::new(Semaphore::new(1)) }
    }

    /// The picture at `url` shrunk to `fit`, from the disk cache or the network; or why not,
    /// as one line. None when `wanted` says, once it is the picture's turn, that nobody waits
    /// for it any more.
    pub async fn load(
        &self,
        url: &str,
        fit: Fit,
        wanted: &(dyn Fn() -> bool + Sync),
    ) -> Result<Option<DynamicImage>, String> {
        let _slot = self.loading.acquire().await.map_err(|_| "the loader has stopped".to_string())?;
        if !wanted() {
            return Ok(None);
        }
        let cache = self.cache.clone();
        let key = url.to_string();
        let kept = tokio::task::spawn_blocking(move || cache.get(&key)).await.ok().flatten();
        let entry = match kept {
            Some(entry) => entry,
            None => {
                let entry = self.fetch(url).await?;
                let (cache, key, copy) = (self.cache.clone(), url.to_string(), entry.clone());
                // A cache that cannot be written costs the next open a fetch, nothing more.
                tokio::task::spawn_blocking(move || {
                    if let Err(e) = cache.put(&key, &copy) {
                        tracing::debug!("cannot keep a picture in {}: {e}", cache.dir().display());
                    }
                });
                entry
            }
        };
        let _turn = self.decoding.acquire().await.map_err(|_| "the decoder has stopped".to_string())?;
        if !wanted() {
            return Ok(None);
        }
        tokio::task::spawn_blocking(move || decode(&entry.body, entry.content_type.as_deref(), fit))
            .await
            .map_err(|_| "internal error while decoding".to_string())?
            .map(Some)
            .map_err(|e| e.to_string())
    }

    async fn fetch(&self, url: &str) -> Result<Cached, String> {
        match self.fetcher.get_remote(url).await {
            Ok(Fetched::Page(page)) => Ok(Cached { content_type: page.content_type, body: page.body }),
            Ok(Fetched::NotModified) => Err("the server answered 304 to a plain request".into()),
            Err(e) => Err(e.to_string()),
        }
    }
}
