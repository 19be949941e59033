//! The generated library of the Timeline benchmarks: 500 organizations (families of ten),
//! 5,000 tenures, 20,000 events, 10,000 people, one source article. Shared by the criterion
//! bench and the `timeline-library` example that writes it for the webview benchmark.

use std::fmt::Write as _;

/// Writes the library into `content`.
pub fn write(content: &std::path::Path) {
    for kind in ["articles", "people", "organizations"] {
        std::fs::create_dir_all(content.join(kind)).unwrap();
    }
    std::fs::write(
        content.join("articles/source.md"),
        "+++\ntitle = \"Source\"\nauthors = []\ndate = \"1950\"\n+++\nThe words that state it.\n",
    )
    .unwrap();
    for p in 0..10_000 {
        let born = 1850 + p % 60;
        std::fs::write(
            content.join(format!("people/p{p}.md")),
            format!("+++\nname = \"Person {p}\"\nborn = \"{born}\"\n+++\n"),
        )
        .unwrap();
    }
    for o in 0..500 {
        let founded = 1880 + (o * 7) % 60;
        let mut text = format!(
            "+++\nname = \"Organization {o}\"\nfounded = \"{founded}\"\ndissolved = \"{}\"\n",
            founded + 20 + o % 30
        );
        if o % 10 != 0 {
            let _ = writeln!(text, "parent = \"o{}\"", o - o % 10);
        }
        for t in 0..10 {
            let from = founded + t * 2;
            let _ = write!(
                text,
                "\n[[leaders]]\nperson = \"p{}\"\nrole = \"president\"\nfrom = \"{from}\"\nto = \"{}-{:02}\"\nsource = \"source\"\ncite = \"state it\"\n",
                (o * 10 + t) % 10_000,
                from + 2 + t % 3,
                1 + t % 12
            );
        }
        for e in 0..40 {
            let _ = write!(
                text,
                "\n[[events]]\ndate = \"{}-{:02}-{:02}\"\nlabel = \"Event {e}\"\nkind = \"congress\"\nsource = \"source\"\ncite = \"words\"\n",
                founded + e / 2,
                1 + e % 12,
                1 + e % 28
            );
        }
        text.push_str("+++\n");
        std::fs::write(content.join(format!("organizations/o{o}.md")), text).unwrap();
    }
}
