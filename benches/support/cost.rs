//! What one run of a command cost: wall time, CPU time and peak memory (from wait4).

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What one run cost.
pub struct Cost {
    pub wall: Duration,
    pub cpu: Duration,
    pub peak_kib: i64,
}

impl std::fmt::Display for Cost {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(
            f,
            "{:>6.3} s wall, {:>6.3} s CPU, {:>5.1} MB peak",
            self.wall.as_secs_f64(),
            self.cpu.as_secs_f64(),
            self.peak_kib as f64 / 1024.0
        )
    }
}

/// Runs one command; returns its wall time, CPU time (user + system) and peak resident memory.
/// It must succeed and print nothing on stderr.
pub fn run(cmd: Command) -> Cost {
    run_output(cmd).0
}

/// [`run`], with what the command printed on stdout.
// The child is reaped by wait4, which also reports its own peak memory (std's wait does not).
#[allow(clippy::zombie_processes)]
pub fn run_output(mut cmd: Command) -> (Cost, String) {
    let start = Instant::now();
    let child = cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("start the command");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data that wait4 fills in; pid is our own child, reaped once here.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let elapsed = start.elapsed();
    assert_eq!(reaped, pid, "wait4 failed");
    let (mut out, mut err) = (String::new(), String::new());
    if let (Some(mut stdout), Some(mut stderr)) = (child.stdout, child.stderr) {
        let _ = stdout.read_to_string(&mut out);
        let _ = stderr.read_to_string(&mut err);
    }
    assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "{cmd:?} failed: {out}{err}");
    assert!(err.is_empty(), "{cmd:?} reported errors: {err}");
    let seconds = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    (
        Cost {
            wall: elapsed,
            cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime),
            peak_kib: usage.ru_maxrss,
        },
        out,
    )
}
