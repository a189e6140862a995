//! Sync against a real FreshRSS (the Google Reader API), started from ../shared/servers.
//! Ignored by a plain `cargo test` (they need PHP and the server scripts); the README's test
//! command and .ci/run run them with `--include-ignored`.

#[macro_use]
#[path = "sync/scenarios.rs"]
mod scenarios;
mod support;

use support::sync::FreshRss;

tests_against!(FreshRss, "needs FreshRSS from ../shared/servers (PHP, root): run with --include-ignored":
    first_sync_takes_feeds_folders_articles_and_states,
    new_items_and_changes_on_the_server_show_after_a_sync,
    marks_made_in_byline_reach_the_server,
    a_killed_sync_loses_no_waiting_change,
    feeds_are_added_and_removed_on_the_server,
    a_wrong_password_is_one_line_and_the_store_stays_readable,
);

#[test]
#[ignore = "needs FreshRSS from ../shared/servers (PHP, root): run with --include-ignored"]
fn marks_made_while_the_server_is_paused_are_sent_when_it_is_back() {
    let server = FreshRss::start();
    scenarios::marks_made_offline_wait_and_are_sent_in_order(&server, &|_| server.pause(), &|_| {
        server.resume()
    });
}

#[test]
#[ignore = "needs FreshRSS from ../shared/servers (PHP, root): run with --include-ignored"]
fn the_reader_syncs_in_the_background() {
    let server = FreshRss::start();
    scenarios::the_reader_syncs_in_the_background(&server, &|_| server.pause(), &|_| server.resume());
}
