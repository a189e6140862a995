//! Pictures for the reader: fetched with the same bounded fetcher as pages (size, time,
//! redirects, http(s) only), kept in a disk cache, decoded within caps on dimensions and memory
//! and shrunk to the size they are drawn at. Knows nothing of the terminal: `ui::picture`
//! draws what this returns.

mod cache;
mod decode;

pub use cache::{Cached, DiskCache};
pub use decode::{DecodeError, Fit, MAX_PIXELS, MAX_SIDE, decode};

use std::sync::{Arc, Mutex, mpsc};

use image::DynamicImage;
use tokio::sync::{Semaphore, oneshot};

use crate::fetch::{Fetched, Fetcher};

/// Fetches and decodes pictures. Cheap to clone; clones share the decoding thread.
#[derive(Clone)]
pub struct Loader {
    fetcher: Fetcher,
    cache: DiskCache,
    /// Pictures on their way at once: each holds its fetched bytes until decoded.
    loading: Arc<Semaphore>,
    decoder: Arc<Mutex<mpsc::Sender<Job>>>,
}

/// A picture to decode, and where its answer goes.
struct Job {
    entry: Cached,
    fit: Fit,
    reply: oneshot::Sender<Result<DynamicImage, DecodeError>>,
}

impl Loader {
    pub fn new(fetcher: Fetcher, cache: DiskCache) -> Loader {
        let decoder = Arc::new(Mutex::new(decoding_thread()));
        Loader { fetcher, cache, loading: Arc::new(Semaphore::new(4)), decoder }
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
        if !wanted() {
            return Ok(None);
        }
        let (reply, answer) = oneshot::channel();
        let sent = self.decoder.lock().unwrap_or_else(|p| p.into_inner()).send(Job { entry, fit, reply });
        sent.map_err(|_| "the decoder has stopped".to_string())?;
        let decoded = answer.await.map_err(|_| "internal error while decoding".to_string())?;
        decoded.map(Some).map_err(|e| e.to_string())
    }

    async fn fetch(&self, url: &str) -> Result<Cached, String> {
        match self.fetcher.get_remote(url).await {
            Ok(Fetched::Page(page)) => Ok(Cached { content_type: page.content_type, body: page.body }),
            Ok(Fetched::NotModified) => Err("the server answered 304 to a plain request".into()),
            Err(e) => Err(e.to_string()),
        }
    }
}

/// One thread decodes every picture, one at a time: each needs its full size in memory for a
/// moment (a 3000x2000 photograph, 18 MB and as much again to shrink it), so thirty large
/// pictures never hold more than one of them whole, and what one frees the next reuses (on the
/// blocking pool each decode landed in another thread's malloc arena, and the peak grew with
/// the arenas). What is left over goes back to the system after each.
fn decoding_thread() -> mpsc::Sender<Job> {
    let (tx, rx) = mpsc::channel::<Job>();
    let spawned = std::thread::Builder::new().name("byline-pictures".into()).spawn(move || {
        for job in rx {
            let decoded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                decode(&job.entry.body, job.entry.content_type.as_deref(), job.fit)
            }));
            drop(job.entry);
            let decoded = decoded.unwrap_or_else(|_| Err(DecodeError::Broken("the decoder failed".into())));
            let _ = job.reply.send(decoded);
            crate::memory::release_freed();
        }
    });
    if let Err(e) = spawned {
        tracing::warn!("cannot start the pictures' thread: {e}");
    }
    tx
}
