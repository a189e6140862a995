//! Hand-offs for real: a recording shell script stands in for wallabag or mpv. It writes each
//! argument on a line of its own, then what it read on stdin, to a file the test reads back.

mod support;

use std::path::{Path, PathBuf};

use byline::serve::Route;
use support::cli::Env;
use support::pty::Term;

/// A script that records its arguments and stdin to `out`, and says something on stdout and
/// stderr (which must reach the log, not the screen). Run through `sh`: no exec bit needed.
fn recorder(dir: &Path, name: &str, out: &Path) -> PathBuf {
    let script = dir.join(name);
    let body = format!(
        "out='{}'\nfor a in \"$@\"; do printf 'arg:%s\\n' \"$a\" >> \"$out\"; done\nprintf 'stdin:' >> \"$out\"\ncat >> \"$out\"\nprintf '\\nend\\n' >> \"$out\"\necho NOISE-OUT\necho NOISE-ERR >&2\n",
        out.display()
    );
    std::fs::write(&script, body).expect("write the script");
    script
}

/// A script that fails the way a real program does: a message on stderr, exit status 3.
fn failing(dir: &Path) -> PathBuf {
    let script = dir.join("fail.sh");
    std::fs::write(&script, "echo boom >&2\necho 'a second line' >&2\nexit 3\n").expect("write the script");
    script
}

fn argv(words: &[&str]) -> Vec<String> {
    words.iter().map(|w| w.to_string()).collect()
}

#[test]
fn the_program_gets_each_argument_whole_and_the_text_on_stdin() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("record");
    let script = recorder(dir.path(), "record.sh", &out);
    let script = script.to_string_lossy();
    let title = "He said \"hi\" & it's $HOME; `id` *";
    let result =
        byline::handoff::run("Record", &argv(&["sh", &script, title, "", "a b"]), Some("line 1\nline 2"));
    assert_eq!(result, Ok(()));
    let recorded = std::fs::read_to_string(&out).expect("the script ran");
    assert_eq!(recorded, format!("arg:{title}\narg:\narg:a b\nstdin:line 1\nline 2\nend\n"));
}

#[test]
fn a_failing_program_says_why_in_one_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let script = failing(dir.path());
    let result = byline::handoff::run("Fail", &argv(&["sh", &script.to_string_lossy()]), None);
    assert_eq!(result, Err("exit status 3: boom".to_string()));
}

const ENCLOSURE: &str = "https://cdn.example/ep1.mp3";

/// One article with a title a shell would take apart, two paragraphs and an enclosure.
fn feed() -> String {
    format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Shell &amp; Quotes</title>\
         <item><title>He said \"hi\" &amp; it's $HOME; rm -rf ~</title>\
         <link>https://news.example/post/1</link><guid>p1</guid>\
         <description>&lt;p&gt;First paragraph.&lt;/p&gt;&lt;p&gt;Second &lt;b&gt;bold&lt;/b&gt; one.&lt;/p&gt;</description>\
         <enclosure url=\"{ENCLOSURE}\" type=\"audio/mpeg\" length=\"1000\"/></item></channel></rss>"
    )
}

/// Waits until `path` holds a finished record (the script's last line).
fn record(path: &Path) -> String {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        if text.ends_with("end\n") {
            return text;
        }
        assert!(std::time::Instant::now() < deadline, "{} was never written: {text:?}", path.display());
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
}

#[test]
fn keys_and_openers_in_the_reader_run_the_programs() {
    let env = Env::new(
        vec![("/feed.xml", Route::ok(feed()).content_type("application/rss+xml"))],
        &[("/feed.xml", &[])],
    );
    let dir = env.dir.path();
    let (saved, opened) = (dir.join("saved"), dir.join("opened"));
    let (save, open, fail) =
        (recorder(dir, "save.sh", &saved), recorder(dir, "open.sh", &opened), failing(dir));
    let config = dir.join("config.toml");
    let mut text = std::fs::read_to_string(&config).expect("config.toml");
    text.push_str(&format!(
        "\n[[command]]\nkey = \"W\"\ndescription = \"Save it\"\nrun = [\"sh\", {save:?}, \"{{url}}\", \"{{title}}\", \"{{feed}}\"]\nstdin = \"text\"\n\n\
         [[command]]\nkey = \"X\"\ndescription = \"Fail\"\nrun = [\"sh\", {fail:?}]\n\n\
         [[opener]]\nmatch = \"audio/*\"\nrun = [\"sh\", {open:?}, \"{{url}}\"]\n"
    ));
    std::fs::write(&config, text).expect("write config.toml");

    let arg = |name: &str| dir.join(name).to_string_lossy().into_owned();
    let (config, feeds, db) = (arg("config.toml"), arg("feeds.toml"), arg("byline.db"));
    let mut term =
        Term::spawn_with_env(&["--config", &config, "--feeds", &feeds, "--db", &db], dir, 140, 30, &[]);
    term.wait_for("Feeds (1)");
    term.send("R");
    term.wait_for("He said");

    term.send("W");
    term.wait_for("Save it: done");
    assert_eq!(
        record(&saved),
        "arg:https://news.example/post/1\narg:He said \"hi\" & it's $HOME; rm -rf ~\narg:Shell & Quotes\n\
         stdin:First paragraph.\n\nSecond bold one.\nend\n"
    );

    term.send("X");
    term.wait_for("Fail: exit status 3: boom");

    // The enclosure is link 1 (the body has none): the audio opener, not the browser, gets it.
    term.send("\r");
    term.wait_for("Enclosures:");
    term.send("1");
    term.send("o");
    assert_eq!(record(&opened), format!("arg:{ENCLOSURE}\nstdin:\nend\n"));

    let screen = term.screen();
    assert!(!screen.contains("NOISE"), "a program's output reached the screen:\n{screen}");
    term.send("q");
    term.send("q");
    assert!(term.wait_exit(), "byline exited with an error:\n{}", term.screen());
    let log = std::fs::read_to_string(dir.join("state/byline/byline.log")).expect("the log");
    assert!(
        log.contains("Save it: stdout: NOISE-OUT") && log.contains("Save it: stderr: NOISE-ERR"),
        "{log}"
    );
    assert!(!log.contains("news.example/post/1"), "arguments are not logged: {log}");
}
