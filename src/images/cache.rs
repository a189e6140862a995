//! Fetched pictures on disk, by address, up to a size: the oldest used go first. Reopening an
//! article draws its pictures without the network.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use sha2::{Digest, Sha256};

#[derive(Debug, Clone)]
pub struct DiskCache {
    dir: PathBuf,
    max_bytes: u64,
}

/// What is kept of a response: its body and its declared type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cached {
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

impl DiskCache {
    /// A cache in `dir` (made when first written) of at most `max_bytes`; 0 keeps nothing.
    pub fn new(dir: impl Into<PathBuf>, max_bytes: u64) -> DiskCache {
        DiskCache { dir: dir.into(), max_bytes }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, url: &str) -> PathBuf {
        let digest = Sha256::digest(url.as_bytes());
        let name: String = digest.iter().take(16).map(|b| format!("{b:02x}")).collect();
        self.dir.join(name)
    }

    /// The picture fetched from `url`, if kept; it becomes the most recently used.
    pub fn get(&self, url: &str) -> Option<Cached> {
        if self.max_bytes == 0 {
            return None;
        }
        let path = self.path(url);
        let bytes = fs::read(&path).ok()?;
        // Used now: the last to go. A failure only makes it go sooner.
        let _ = fs::File::options().append(true).open(&path).and_then(|f| f.set_modified(SystemTime::now()));
        decode_entry(&bytes, url)
    }

    /// Keeps `entry` for `url`, then removes the least recently used until the cache fits.
    pub fn put(&self, url: &str, entry: &Cached) -> io::Result<()> {
        let size = entry.body.len() as u64;
        if self.max_bytes == 0 || size > self.max_bytes {
            return Ok(());
        }
        fs::create_dir_all(&self.dir)?;
        let path = self.path(url);
        // Written whole under another name first: a reader never sees half a file.
        let mut tmp = tempfile::NamedTempFile::new_in(&self.dir)?;
        io::Write::write_all(&mut tmp, &encode_entry(url, entry))?;
        tmp.persist(&path).map_err(|e| e.error)?;
        self.trim()
    }

    /// Removes the least recently used files until the total is within the cap.
    fn trim(&self) -> io::Result<()> {
        let mut files: Vec<(SystemTime, u64, PathBuf)> = fs::read_dir(&self.dir)?
            .filter_map(Result::ok)
            // Only the cache's own files: 32 hex digits. Anything else in the folder is not ours.
            .filter(|e| {
                e.file_name()
                    .to_str()
                    .is_some_and(|n| n.len() == 32 && n.bytes().all(|b| b.is_ascii_hexdigit()))
            })
            .filter_map(|e| {
                let meta = e.metadata().ok()?;
                meta.is_file()
                    .then(|| (meta.modified().unwrap_or(SystemTime::UNIX_EPOCH), meta.len(), e.path()))
            })
            .collect();
        let mut total: u64 = files.iter().map(|f| f.1).sum();
        files.sort();
        for (_, len, path) in files {
            if total <= self.max_bytes {
                break;
            }
            if fs::remove_file(&path).is_ok() {
                total -= len;
            }
        }
        Ok(())
    }
}

/// One file: the address (to tell a hash collision) and the type, a line each, then the body.
fn encode_entry(url: &str, entry: &Cached) -> Vec<u8> {
    let mut out = Vec::with_capacity(entry.body.len() + url.len() + 64);
    out.extend_from_slice(url.as_bytes());
    out.push(b'\n');
    let content_type = entry.content_type.as_deref().unwrap_or("").replace(['\r', '\n'], " ");
    out.extend_from_slice(content_type.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(&entry.body);
    out
}

fn decode_entry(bytes: &[u8], url: &str) -> Option<Cached> {
    let line = |from: usize| Some(from + bytes[from..].iter().position(|&b| b == b'\n')?);
    let url_end = line(0)?;
    let type_end = line(url_end + 1)?;
    if &bytes[..url_end] != url.as_bytes() {
        return None;
    }
    let content_type = std::str::from_utf8(&bytes[url_end + 1..type_end]).ok()?;
    let content_type = (!content_type.is_empty()).then(|| content_type.to_string());
    Some(Cached { content_type, body: bytes[type_end + 1..].to_vec() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(len: usize) -> Cached {
        Cached { content_type: Some("image/png".into()), body: vec![7; len] }
    }

    #[test]
    fn keeps_what_it_is_given_and_tells_addresses_apart() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = DiskCache::new(dir.path().join("images"), 10_000);
        assert_eq!(cache.get("http://a.example/1.png"), None);
        cache.put("http://a.example/1.png", &entry(100)).expect("put");
        assert_eq!(cache.get("http://a.example/1.png"), Some(entry(100)));
        assert_eq!(cache.get("http://a.example/2.png"), None);
        let untyped = Cached { content_type: None, body: b"x\n\ny".to_vec() };
        cache.put("http://a.example/3", &untyped).expect("put");
        assert_eq!(cache.get("http://a.example/3"), Some(untyped));
    }

    #[test]
    fn the_least_recently_used_go_first_when_over_the_cap() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = DiskCache::new(dir.path(), 2_500);
        let t0 = SystemTime::now() - std::time::Duration::from_secs(100);
        for (i, url) in ["a", "b"].iter().enumerate() {
            cache.put(url, &entry(1_000)).expect("put");
            let f = fs::File::options().append(true).open(cache.path(url)).expect("open");
            f.set_modified(t0 + std::time::Duration::from_secs(i as u64)).expect("age it");
        }
        // "a" is older but used again now: "b" goes when "c" needs the room.
        assert!(cache.get("a").is_some());
        cache.put("c", &entry(1_000)).expect("put");
        assert!(cache.get("a").is_some() && cache.get("c").is_some());
        assert_eq!(cache.get("b"), None);
    }

    #[test]
    fn only_its_own_files_are_ever_removed() {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::write(dir.path().join("notes.txt"), vec![1; 5_000]).expect("a file of the user's");
        let cache = DiskCache::new(dir.path(), 1_500);
        cache.put("a", &entry(1_000)).expect("put");
        cache.put("b", &entry(1_000)).expect("put");
        assert!(dir.path().join("notes.txt").exists());
        assert!(cache.get("b").is_some() && cache.get("a").is_none());
    }

    #[test]
    fn a_zero_cap_keeps_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let cache = DiskCache::new(dir.path().join("none"), 0);
        cache.put("a", &entry(10)).expect("put");
        assert_eq!(cache.get("a"), None);
        assert!(!dir.path().join("none").exists());
    }
}
