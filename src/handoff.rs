//! Runs a program the user configured (a `[[command]]`, an `[[opener]]`): no shell, and no
//! terminal, since the reader owns the screen. It gets a session of its own (a program that
//! opens /dev/tty to ask something fails instead of drawing over the reader or stopping, in the
//! background, forever), its output goes to the log (bounded), and the outcome is one line.

use std::io::{Read, Write};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Command, Stdio};

/// Bytes of each output stream kept for the log; the rest is read and dropped.
const KEEP: usize = 4096;
/// Longest reason for the status line.
const REASON_CHARS: usize = 160;

/// Runs `argv` to its end, `stdin` on its standard input. Err is one line: why it could not
/// start, or its exit status and the first line it wrote to stderr. `label` names it in the log;
/// the arguments are never logged (they may hold a token).
pub fn run(label: &str, argv: &[String], stdin: Option<&str>) -> Result<(), String> {
    let (program, args) = argv.split_first().ok_or("no program to run")?;
    let mut command = Command::new(program);
    command
        .args(args)
        .stdin(if stdin.is_some() { Stdio::piped() } else { Stdio::null() })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // SAFETY: between fork and exec the child only calls setsid(2), which is async-signal-safe
    // and touches no memory.
    unsafe {
        command.pre_exec(|| if libc::setsid() < 0 { Err(std::io::Error::last_os_error()) } else { Ok(()) });
    }
    let mut child = command.spawn().map_err(|e| {
        tracing::warn!("{label}: cannot start {program}: {e}");
        format!("cannot start {program}: {e}")
    })?;
    // Written and read on threads of their own: a program that writes much before it reads
    // (or never reads) must not stall the other pipes.
    let writer = child.stdin.take().zip(stdin.map(String::from)).map(|(mut pipe, text)| {
        std::thread::spawn(move || {
            // A program that exits without reading it all closes the pipe: not a failure.
            let _ = pipe.write_all(text.as_bytes());
        })
    });
    let out = child.stdout.take().map(|pipe| std::thread::spawn(move || read_bounded(pipe)));
    let err = child.stderr.take().map(|pipe| std::thread::spawn(move || read_bounded(pipe)));
    let status = child.wait().map_err(|e| format!("{program}: {e}"))?;
    if let Some(writer) = writer {
        let _ = writer.join();
    }
    let collect = |reader: Option<std::thread::JoinHandle<(Vec<u8>, usize)>>| {
        reader.and_then(|r| r.join().ok()).unwrap_or_default()
    };
    let (stdout, stderr) = (collect(out), collect(err));
    let outcome = match (status.code(), status.signal()) {
        (Some(0), _) => "done".to_string(),
        (Some(code), _) => format!("exit status {code}"),
        (None, Some(signal)) => format!("killed by signal {signal}"),
        (None, None) => "ended".to_string(),
    };
    tracing::info!("{label}: {program}: {outcome}");
    log_output(label, "stdout", &stdout);
    log_output(label, "stderr", &stderr);
    if status.success() {
        return Ok(());
    }
    let said = String::from_utf8_lossy(&stderr.0);
    let first = said.lines().map(crate::sanitize::clean_line).find(|l| !l.is_empty());
    Err(match first {
        Some(line) => format!("{outcome}: {}", line.chars().take(REASON_CHARS).collect::<String>()),
        None => outcome,
    })
}

/// The first [`KEEP`] bytes of a stream, and how many more there were.
fn read_bounded(mut pipe: impl Read) -> (Vec<u8>, usize) {
    let (mut kept, mut dropped) = (Vec::new(), 0);
    let mut buf = [0u8; 8192];
    loop {
        let n = match pipe.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => break,
        };
        let room = KEEP.saturating_sub(kept.len()).min(n);
        kept.extend_from_slice(&buf[..room]);
        dropped += n - room;
    }
    (kept, dropped)
}

fn log_output(label: &str, stream: &str, (kept, dropped): &(Vec<u8>, usize)) {
    if kept.is_empty() {
        return;
    }
    // The log may be read in a terminal too.
    let text = crate::sanitize::clean(&String::from_utf8_lossy(kept));
    let more = if *dropped > 0 { format!(" ({dropped} more bytes not kept)") } else { String::new() };
    tracing::info!("{label}: {stream}: {}{more}", text.trim_end());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_start_of_a_long_output() {
        let (kept, dropped) = read_bounded(&vec![b'x'; KEEP + 10][..]);
        assert_eq!((kept.len(), dropped), (KEEP, 10));
    }

    #[test]
    fn a_missing_program_is_one_line() {
        let argv = vec!["/nonexistent/byline-test-program".to_string()];
        let err = run("Test", &argv, None).expect_err("cannot start");
        assert!(err.starts_with("cannot start /nonexistent/byline-test-program: "), "{err}");
        assert!(!err.contains('\n'), "{err}");
    }
}
