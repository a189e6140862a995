//! The world outside the terminal: the browser (started without a shell, detached, silent) and
//! the clipboard (OSC 52, through the terminal itself).

use std::io::{self, Write};
use std::os::unix::process::CommandExt;
use std::process::{Command, Stdio};

/// The browser command: the configured one, else $BROWSER (its first entry), else xdg-open.
pub fn browser_command(configured: &[String]) -> Vec<String> {
    if !configured.is_empty() {
        return configured.to_vec();
    }
    let from_env = std::env::var("BROWSER").ok().and_then(|b| {
        let first = b.split(':').find(|s| !s.trim().is_empty())?.to_string();
        Some(first.split_whitespace().map(String::from).collect::<Vec<_>>())
    });
    from_env.filter(|c| !c.is_empty()).unwrap_or_else(|| vec!["xdg-open".to_string()])
}

/// Arguments for the browser: `{}` or `%s` in an argument is replaced by the URL, else the URL
/// is appended as its own argument.
pub fn browser_args(command: &[String], url: &str) -> Vec<String> {
    let mut replaced = false;
    let mut args: Vec<String> = command
        .iter()
        .map(|a| {
            if a.contains("{}") || a.contains("%s") {
                replaced = true;
                // One pass over both placeholders, so a URL holding "%s" is not substituted again.
                a.split("{}").map(|part| part.replace("%s", url)).collect::<Vec<_>>().join(url)
            } else {
                a.clone()
            }
        })
        .collect();
    if !replaced {
        args.push(url.to_string());
    }
    args
}

/// Starts the browser in its own process group with no terminal I/O; a thread reaps it.
pub fn open_in_browser(command: &[String], url: &str) -> Result<(), String> {
    let url = crate::sanitize::web_link(url)?;
    let args = browser_args(command, &url);
    let (program, rest) = args.split_first().ok_or("no browser command configured")?;
    let mut child = Command::new(program)
        .args(rest)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .map_err(|e| format!("cannot start {program}: {e}"))?;
    std::thread::spawn(move || child.wait());
    Ok(())
}

/// Asks the terminal to put `text` on the clipboard (OSC 52).
pub fn copy_osc52(out: &mut impl Write, text: &str) -> io::Result<()> {
    write!(out, "\u{1b}]52;c;{}\u{7}", base64(text.as_bytes()))?;
    out.flush()
}

fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(TABLE[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648_vectors() {
        let cases = [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foobar", "Zm9vYmFy")];
        for (plain, encoded) in cases {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
    }

    #[test]
    fn osc52_sequence() {
        let mut out = Vec::new();
        copy_osc52(&mut out, "hi").expect("write to a Vec");
        assert_eq!(out, b"\x1b]52;c;aGk=\x07");
    }

    #[test]
    fn browser_gets_the_url_as_one_argument() {
        let cmd = vec!["firefox".to_string(), "--new-tab".to_string()];
        assert_eq!(browser_args(&cmd, "https://e.x/a b"), vec!["firefox", "--new-tab", "https://e.x/a b"]);
        let cmd = vec!["open".to_string(), "--url={}".to_string()];
        assert_eq!(browser_args(&cmd, "https://e.x"), vec!["open", "--url=https://e.x"]);
        assert_eq!(browser_command(&["w3m".to_string()]), vec!["w3m"]);
    }

    #[test]
    fn a_url_holding_a_placeholder_is_substituted_once() {
        let cmd = vec!["b".to_string(), "%s|{}".to_string()];
        assert_eq!(browser_args(&cmd, "https://e.x/%s"), vec!["b", "https://e.x/%s|https://e.x/%s"]);
    }
}
