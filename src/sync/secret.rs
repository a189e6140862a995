//! The sync password and the session token. The password is read only when a login is needed
//! (from a command, an environment variable or the config); the token a login returns is kept
//! in $XDG_STATE_HOME/byline with mode 0600, so most syncs never ask for the password. Neither
//! is ever logged, shown in an error, passed on a command line or written to the database.

use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::{Result, SyncError};
use crate::config::sync::SyncSettings;

/// Longest a password command may take (a pinentry waiting for the user included).
const PASSWORD_COMMAND_TIME: std::time::Duration = std::time::Duration::from_secs(120);

/// Where one account's password comes from and its token is kept.
#[derive(Clone)]
pub(super) struct Credentials {
    settings: SyncSettings,
    token_file: PathBuf,
}

impl Credentials {
    pub fn new(settings: &SyncSettings, state_dir: &Path) -> Credentials {
        Credentials {
            settings: settings.clone(),
            token_file: state_dir.join(format!("sync-{}.token", account(settings))),
        }
    }

    /// The password, from wherever the config says.
    pub fn password(&self) -> Result<String> {
        let s = &self.settings;
        if let Some(password) = &s.password {
            return Ok(password.clone());
        }
        if let Some(name) = &s.password_env {
            return match std::env::var(name) {
                Ok(value) if !value.is_empty() => Ok(value),
                _ => Err(SyncError::Password(format!("password_env: the variable {name} is not set"))),
            };
        }
        let Some((program, args)) = s.password_command.split_first() else {
            return Err(SyncError::Password(
                "no password: set password_command, password_env or password".into(),
            ));
        };
        // No shell, no terminal: a program that wants to ask (a pinentry) must use its own
        // window. One that never answers is stopped, so syncs do not queue behind it forever.
        let mut child = std::process::Command::new(program)
            .args(args)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .map_err(|e| SyncError::Password(format!("password_command: cannot run {program}: {e}")))?;
        let started = std::time::Instant::now();
        while child.try_wait().ok().flatten().is_none() {
            if started.elapsed() > PASSWORD_COMMAND_TIME {
                let _ = child.kill();
                let _ = child.wait();
                return Err(SyncError::Password(format!(
                    "password_command: {program} gave no password within {} s",
                    PASSWORD_COMMAND_TIME.as_secs()
                )));
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let output = child
            .wait_with_output()
            .map_err(|e| SyncError::Password(format!("password_command: {program}: {e}")))?;
        if !output.status.success() {
            let said = String::from_utf8_lossy(&output.stderr);
            let said = crate::sanitize::clean_line(said.lines().next().unwrap_or_default());
            let said: String = said.chars().take(120).collect();
            return Err(SyncError::Password(format!(
                "password_command: {program} failed ({}): {said}",
                output.status
            )));
        }
        let text = String::from_utf8_lossy(&output.stdout);
        match text.lines().next().map(|l| l.trim_end_matches('\r')) {
            Some(line) if !line.is_empty() => Ok(line.to_string()),
            _ => Err(SyncError::Password(format!("password_command: {program} printed no password"))),
        }
    }

    /// The token of an earlier login, if one is kept.
    pub fn token(&self) -> Option<String> {
        let text = std::fs::read_to_string(&self.token_file).ok()?;
        let token = text.trim();
        (!token.is_empty()).then(|| token.to_string())
    }

    /// Keeps the token for the next sync, readable by the user alone. Failing to keep it only
    /// costs a login next time.
    pub fn keep_token(&self, token: &str) {
        if let Err(e) = self.write_token(token) {
            tracing::warn!("cannot keep the sync session in {}: {e}", self.token_file.display());
        }
    }

    fn write_token(&self, token: &str) -> std::io::Result<()> {
        use std::os::unix::fs::OpenOptionsExt;
        let dir = self.token_file.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let temp = self.token_file.with_extension("token.new");
        let _ = std::fs::remove_file(&temp);
        let mut file = std::fs::OpenOptions::new().write(true).create_new(true).mode(0o600).open(&temp)?;
        file.write_all(token.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&temp, &self.token_file)
    }

    /// The server no longer takes the kept token.
    pub fn forget_token(&self) {
        let _ = std::fs::remove_file(&self.token_file);
    }
}

/// One account: service, address and user, digested (the file name says nothing of them).
pub(super) fn account(settings: &SyncSettings) -> String {
    let mut hash = Sha256::new();
    for part in [settings.service().map_or("none", |s| s.name()), settings.url.trim(), settings.user.trim()] {
        hash.update((part.len() as u64).to_le_bytes());
        hash.update(part.as_bytes());
    }
    hash.finalize().iter().take(6).map(|b| format!("{b:02x}")).collect()
}

/// What is unsafe about a sync setting, one line each: a plain password in a file others can
/// read, a password sent in the clear to another machine.
pub fn warnings(settings: &SyncSettings, config_file: &Path) -> Vec<String> {
    use std::os::unix::fs::PermissionsExt;
    let mut said = Vec::new();
    if settings.service().is_none() {
        return said;
    }
    if settings.password.is_some()
        && let Ok(meta) = std::fs::metadata(config_file)
        && meta.permissions().mode() & 0o077 != 0
    {
        said.push(format!(
            "warning: {} holds the sync password and others can read it (chmod 600 it, or use password_command)",
            config_file.display()
        ));
    }
    if let Ok(url) = url::Url::parse(settings.url.trim())
        && url.scheme() == "http"
        && !is_loopback(&url)
    {
        said.push(format!(
            "warning: the sync password goes unencrypted to {} (http://): use https://",
            url.host_str().unwrap_or_default()
        ));
    }
    said
}

fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::sync::ServiceKind;

    fn settings(url: &str) -> SyncSettings {
        SyncSettings {
            service: Some(ServiceKind::Greader),
            url: url.into(),
            user: "alice".into(),
            password: Some("pw".into()),
            ..SyncSettings::default()
        }
    }

    #[test]
    fn plain_http_to_another_host_and_a_readable_password_are_warned_of() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("config.toml");
        std::fs::write(&file, "").expect("write");
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).expect("chmod");
        let said = warnings(&settings("http://rss.example.org/api/greader.php"), &file);
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(said[0].contains("others can read it") && said[1].contains("unencrypted to rss.example.org"));
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        assert!(warnings(&settings("http://127.0.0.1:8910/api/greader.php"), &file).is_empty());
        assert!(warnings(&settings("https://rss.example.org/"), &file).is_empty());
    }

    #[test]
    fn the_token_is_kept_for_the_user_alone_and_the_command_runs_without_a_shell() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let mut s = settings("https://r.example/");
        s.password = None;
        s.password_command = vec!["printf".into(), "s3cret\\nsecond line".into()];
        let creds = Credentials::new(&s, dir.path());
        assert_eq!(creds.password().expect("runs"), "s3cret");
        assert_eq!(creds.token(), None);
        creds.keep_token("tok-1");
        assert_eq!(creds.token().as_deref(), Some("tok-1"));
        let mode = std::fs::metadata(&creds.token_file).expect("file").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        creds.forget_token();
        assert_eq!(creds.token(), None);
        s.password_command = vec!["false".into()];
        let err = Credentials::new(&s, dir.path()).password().expect_err("fails").to_string();
        assert!(err.starts_with("password_command: false failed"), "{err}");
    }
}
