use super::*;

fn q(text: &str) -> Query {
    Query::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn err(text: &str) -> String {
    Query::parse(text).expect_err(text).to_string()
}

fn term(t: Term) -> Expr {
    Expr::Term(t)
}

fn words(w: &str) -> Expr {
    term(Term::Words(w.into()))
}

#[test]
fn every_term() {
    let cases = [
        ("tag:rust", Term::Tag("rust".into())),
        ("TAG:Rust", Term::Tag("Rust".into())),
        ("feed:lwn", Term::Feed("lwn".into())),
        ("author:\"Jonathan Corbet\"", Term::Author("Jonathan Corbet".into())),
        ("title:sponsored", Term::Title("sponsored".into())),
        ("kernel", Term::Words("kernel".into())),
        ("\"unread\"", Term::Words("unread".into())),
        ("unread", Term::Unread),
        ("READ", Term::Read),
        ("starred", Term::Starred),
        ("age:<7d", Term::Age(Age { newer: true, amount: 7, unit: Unit::Days })),
        ("age:>12h", Term::Age(Age { newer: false, amount: 12, unit: Unit::Hours })),
        ("age:<30m", Term::Age(Age { newer: true, amount: 30, unit: Unit::Minutes })),
        ("age:>2W", Term::Age(Age { newer: false, amount: 2, unit: Unit::Weeks })),
        ("since:2026-11-01", Term::Since(NaiveDate::from_ymd_opt(2026, 11, 1).expect("date"))),
        ("has:enclosure", Term::HasEnclosure),
        ("has:fulltext", Term::HasFullText),
        ("feed:https://lwn.net/headlines(x)", Term::Feed("https://lwn.net/headlines(x)".into())),
    ];
    for (text, want) in cases {
        assert_eq!(q(text).expr, term(want), "{text}");
    }
}

#[test]
fn juxtaposition_is_and_then_or_is_looser_and_not_tighter() {
    let rust = || term(Term::Tag("rust".into()));
    assert_eq!(q("tag:rust unread").expr, Expr::And(vec![rust(), term(Term::Unread)]));
    assert_eq!(q("tag:rust AND unread"), q("tag:rust unread"));
    assert_eq!(q("a b OR c").expr, Expr::Or(vec![Expr::And(vec![words("a"), words("b")]), words("c")]));
    assert_eq!(q("a (b or c)").expr, Expr::And(vec![words("a"), Expr::Or(vec![words("b"), words("c")])]));
    assert_eq!(q("-a b").expr, Expr::And(vec![Expr::Not(Box::new(words("a"))), words("b")]));
    assert_eq!(q("NOT a b"), q("-a b"));
    assert_eq!(q("not (a b)").expr, Expr::Not(Box::new(Expr::And(vec![words("a"), words("b")]))));
    // Nesting of the same operator flattens: one meaning, one tree.
    assert_eq!(q("a (b c)"), q("a b c"));
    assert_eq!(q("a OR (b OR c)"), q("a OR b OR c"));
    assert_eq!(q("((a))"), q("a"));
    // A hyphen inside a word is part of it.
    assert_eq!(q("e-mail").expr, words("e-mail"));
}

#[test]
fn errors_name_the_place() {
    assert_eq!(err("age:<7x"), "age:<7x: unknown unit \"x\" at column 6");
    assert_eq!(err("unread age:7d"), "age:7d: expected < or > then a duration, as age:<7d at column 12");
    assert_eq!(err("age:<d"), "age:<d: expected a number, as age:<7d at column 6");
    assert_eq!(err("age:<7"), "age:<7: missing unit (m, h, d or w) at column 6");
    assert_eq!(err("since:yesterday"), "since:yesterday: expected a date as YYYY-MM-DD at column 7");
    assert_eq!(err("has:pictures"), "has:pictures: expected has:enclosure or has:fulltext at column 5");
    assert!(
        err("tag:rust colour:red").starts_with("colour:red: unknown field \"colour\""),
        "{}",
        err("x colour:red")
    );
    assert!(err("tag:rust colour:red").ends_with("at column 10"));
    assert_eq!(err("tag:"), "tag:: needs a value at column 5");
    assert_eq!(err(""), "empty query at column 1");
    assert_eq!(err("   "), "empty query at column 1");
    assert_eq!(err("(a b"), "unclosed ( at column 1");
    assert_eq!(err("a b)"), "unmatched ) at column 4");
    assert_eq!(err("a ()"), "empty parentheses at column 3");
    assert_eq!(err("a OR"), "OR needs something after it at column 3");
    assert_eq!(err("OR a"), "OR needs something before it at column 1");
    assert_eq!(err("a AND"), "AND needs something after it at column 3");
    assert_eq!(err("a -"), "nothing to search for in - at column 3");
    assert_eq!(err("NOT"), "NOT needs something after it at column 1");
    assert_eq!(err("title:\"++\""), "title:\"++\": needs a word at column 7");
    assert_eq!(err("author:\"Jon"), "unclosed quote at column 8");
    assert_eq!(err("é \"x"), "unclosed quote at column 3", "columns count characters, not bytes");
}

#[test]
fn printing_then_parsing_gives_the_same_query() {
    let texts = [
        "tag:rust unread",
        "tag:rust OR tag:go",
        "(tag:rust OR tag:go) -read",
        "a b OR c d",
        "-(a OR b) -c",
        "NOT NOT a",
        "author:\"Jonathan Corbet\" title:\"said \\\"hi\\\"\"",
        "\"unread\" \"OR\" \"tag:x\" \"-x\" \"a b\" \"back\\\\slash\"",
        "age:<7d age:>12h since:2026-11-01 has:enclosure has:fulltext starred",
        "feed:https://lwn.net/(x) tag:\"a)b\"",
        "c++ Élysée",
        "x (read OR tag:\"c(\")",
        "-(read OR tag:\"c(\") feed:\"a(b)\"",
    ];
    for text in texts {
        let parsed = q(text);
        let printed = parsed.to_string();
        assert_eq!(q(&printed), parsed, "{text} printed as {printed}");
    }
    assert_eq!(q("TAG:rust  and  UNREAD").to_string(), "tag:rust unread");
    assert_eq!(q("(a or b) c").to_string(), "(a OR b) c");
    assert_eq!(q("not (a b)").to_string(), "-(a b)");
    // A line break in a value is a space: a printed query is always one line.
    assert_eq!(q("title:\"foo\nbar\"").to_string(), "title:\"foo bar\"");
}

#[test]
fn a_value_cannot_open_a_group() {
    assert_eq!(
        err("feed:(lwn OR phoronix)"),
        "feed:(lwn: a value cannot hold a group: write (feed:a OR feed:b) at column 6"
    );
}

#[test]
fn words_match_as_the_search_index_does() {
    assert!(has_words("Élysée café reopens", "cafe ELYS"));
    assert!(!has_words("Cargo 1.80", "go"), "a word's start, not any part of it");
    assert!(has_words("Cargo 1.80", "carg 1"));
    assert_eq!(fold("ÀÉÎÕÜçñ"), "aeioucn");
}
