//! Sync against a real Tiny Tiny RSS (its JSON API), started from ../shared/servers.
//! Ignored by a plain `cargo test` (they need PHP and the server scripts); the README's test
//! command and .ci/run run them with `--include-ignored`.

#[macro_use]
#[path = "sync/scenarios.rs"]
mod scenarios;
mod support;

use support::sync::{Relay, Remote, Through, TtRss};

tests_against!(TtRss, "needs Tiny Tiny RSS from ../shared/servers (PostgreSQL, PHP, root, port 80): run with --include-ignored":
    first_sync_takes_feeds_folders_articles_and_states,
    new_items_and_changes_on_the_server_show_after_a_sync,
    marks_made_in_byline_reach_the_server,
    a_killed_sync_loses_no_waiting_change,
    feeds_are_added_and_removed_on_the_server,
    a_wrong_password_is_one_line_and_the_store_stays_readable,
);

#[test]
#[ignore = "needs Tiny Tiny RSS from ../shared/servers (PostgreSQL, PHP, root, port 80): run with --include-ignored"]
fn marks_made_while_the_server_is_unreachable_are_sent_when_it_is_back() {
    // The scripts cannot pause TT-RSS alone: byline reaches it through a relay that is cut.
    let server = TtRss::start();
    let relay = Relay::to(&server.sync_url());
    let through = Through { server: &server, url: relay.url.clone() };
    scenarios::marks_made_offline_wait_and_are_sent_in_order(&through, &|_| relay.set_down(true), &|_| {
        relay.set_down(false)
    });
}

#[test]
#[ignore = "needs Tiny Tiny RSS from ../shared/servers (PostgreSQL, PHP, root, port 80): run with --include-ignored"]
fn the_reader_syncs_in_the_background() {
    let server = TtRss::start();
    let relay = Relay::to(&server.sync_url());
    let through = Through { server: &server, url: relay.url.clone() };
    scenarios::the_reader_syncs_in_the_background(&through, &|_| relay.set_down(true), &|_| {
        relay.set_down(false)
    });
}
