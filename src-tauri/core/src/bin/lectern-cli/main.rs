//! lectern-cli: the library from a terminal.

mod blog;
mod books;
mod export;
mod notes;

use clap::{Parser, Subcommand, ValueEnum};
use lectern_core::search::{Matched, SearchKind, SearchOptions};
use lectern_core::timeline::{Bar, LaneKind, Mark, TimelineQuery};
use lectern_core::views::EntryDetail;
use lectern_core::{Library, Result};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "lectern-cli",
    version,
    about = "Lectern's library from a terminal"
)]
struct Cli {
    /// The content folder to read.
    #[arg(
        long,
        global = true,
        env = "LECTERN_CONTENT_DIR",
        default_value = "content"
    )]
    content: PathBuf,
    /// The folder that holds library.sqlite (default: the platform's app-data folder).
    #[arg(long, global = true, env = "LECTERN_DATA_DIR")]
    data: Option<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List articles (newest first), people, organizations or books.
    List {
        #[arg(value_enum, default_value_t = What::Articles)]
        what: What,
    },
    /// Show one entry (article, person, organization, book or series) by id, or by
    /// `KIND/ID` where entries of several kinds share the id.
    Show {
        id: String,
        /// The kind of entry: article, person, organization, book or series.
        #[arg(long)]
        kind: Option<String>,
    },
    /// Every article that names a person or organization, with the sentences.
    Mentions { id: String },
    /// Check the content folder; exits non-zero on any problem.
    Check,
    /// Search the whole library (query language: README, "Searching").
    Search {
        query: String,
        /// Only this kind: article, person, organization, book.
        #[arg(long)]
        kind: Option<String>,
        /// At most this many results.
        #[arg(long, default_value_t = 20)]
        limit: u32,
        /// Search for the words as typed, never for a correction of their spelling.
        #[arg(long)]
        exact: bool,
    },
    /// Organizations (or people) on a time axis: leadership tenures and events.
    Timeline {
        /// An organization's lane (repeatable); with neither --org nor --person, every one.
        #[arg(long = "org")]
        organizations: Vec<String>,
        /// A person's lane: their roles across organizations (repeatable).
        #[arg(long = "person")]
        people: Vec<String>,
        /// First year shown.
        #[arg(long)]
        from: Option<i32>,
        /// Last year shown.
        #[arg(long)]
        to: Option<i32>,
        /// Only events of this kind (repeatable): congress, founding, dissolution…
        #[arg(long = "event-kind")]
        event_kinds: Vec<String>,
    },
    /// Books: export them for a reference manager, or cite one.
    Books {
        #[command(subcommand)]
        command: books::BooksCommand,
    },
    /// Your annotations: add, list, delete (notes.sqlite in the data folder).
    Notes {
        #[command(subcommand)]
        command: notes::NotesCommand,
    },
    /// An article with your notes as a file to hand on.
    Export {
        #[command(subcommand)]
        command: export::ExportCommand,
    },
    /// Blogs beside the starter library: add one, sync, list, remove.
    Blog {
        #[command(subcommand)]
        command: blog::BlogCommand,
    },
    /// Import changed content into the library database (--rebuild: from scratch).
    Import {
        #[arg(long)]
        rebuild: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum What {
    Articles,
    People,
    Organizations,
    Books,
}

fn main() -> ExitCode {
    // Output piped into a program that stops reading (`| head`) ends the CLI quietly, as it
    // does any Unix tool, instead of a panic at the next line printed.
    sigpipe::reset();
    let cli = Cli::parse();
    match run(&cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("lectern-cli: {e}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: &Cli) -> Result<ExitCode> {
    if let Command::Check = cli.command {
        return check(cli);
    }
    let data = cli
        .data
        .clone()
        .or_else(lectern_core::default_data_dir)
        .ok_or_else(|| {
            lectern_core::Error::new(
                lectern_core::ErrorKind::Io,
                "no data folder: pass --data DIR",
            )
        })?;
    let library = Library::open(&data, &cli.content)?;
    let report = match cli.command {
        Command::Import { rebuild: true } => library.rebuild()?,
        _ => library.import()?,
    };
    match &cli.command {
        Command::List { what } => match what {
            What::Articles => print(cli.json, &library.list_articles()?, |a| {
                let authors: Vec<&str> = a.authors.iter().map(|p| p.name.as_str()).collect();
                let series = a
                    .series
                    .as_ref()
                    .map(|s| format!("  [part {} of {}]", s.part, s.total));
                format!(
                    "{}  {}  {} — {}{}",
                    a.date,
                    a.slug,
                    a.title,
                    authors.join(", "),
                    series.unwrap_or_default()
                )
            }),
            What::People => print(cli.json, &library.list_people()?, |p| {
                format!("{}  {}  {}", p.id, p.name, life(&p.born, &p.died))
            }),
            What::Organizations => print(cli.json, &library.list_organizations()?, |o| {
                format!("{}  {}  {}", o.id, o.name, life(&o.founded, &o.dissolved))
            }),
            What::Books => books::list(&library, cli.json)?,
        },
        Command::Show { id, kind } => {
            let asked = match kind {
                Some(kind) => format!("{kind}/{id}"),
                None => id.clone(),
            };
            let entry = library.show(&asked)?;
            let key = format!("{}/{}", entry.kind, entry.id);
            let (bars, marks) = history(&library, &entry.kind, &entry.id)?;
            let mentions = match entry.kind.as_str() {
                "person" | "organization" => Some(mention_rows(&library, &key)?),
                _ => None,
            };
            if cli.json {
                let shown = Shown {
                    entry: &entry,
                    history: (!bars.is_empty()).then_some(&bars),
                    events: (!marks.is_empty()).then_some(&marks),
                    mentions: mentions.as_ref(),
                };
                println!("{}", to_json(&shown));
            } else {
                println!(
                    "{} {} ({})\n{}\n\n{}",
                    entry.kind, entry.id, entry.path, entry.title, entry.text
                );
                print_history(&entry.kind, &bars, &marks);
                if let Some(rows) = &mentions {
                    println!("\nMentioned in {} articles:", rows.len());
                    for r in rows {
                        println!("  {}× {} [{}]", r.count, r.title, r.article);
                    }
                }
            }
        }
        Command::Mentions { id } => {
            print(cli.json, &mention_rows(&library, id)?, |r| {
                let lines: Vec<String> = r.snippets.iter().map(|s| format!("    {s}")).collect();
                format!(
                    "{}× {} [{}]\n{}",
                    r.count,
                    r.title,
                    r.article,
                    lines.join("\n")
                )
            });
        }
        Command::Search {
            query,
            kind,
            limit,
            exact,
        } => {
            let kinds = match kind.as_deref() {
                None => Vec::new(),
                Some(k) => vec![SearchKind::parse(k).ok_or_else(|| {
                    lectern_core::Error::new(
                        lectern_core::ErrorKind::NotFound,
                        format!("--kind {k}: use article, person, organization or book"),
                    )
                })?],
            };
            let options = SearchOptions {
                kinds,
                limit: *limit,
                as_typed: false,
                exact: *exact,
            };
            let results = library.search(query, &options)?;
            if !cli.json {
                if let Some(c) = &results.corrected {
                    println!(
                        "Showing results for {}. Search instead for {} with --exact.\n",
                        c.query, c.typed
                    );
                }
            }
            let rows: Vec<SearchRow> = results
                .hits
                .iter()
                .map(|h| SearchRow {
                    kind: h.kind.name(),
                    id: &h.id,
                    title: &h.title,
                    snippet: &h.passage.html,
                    score: h.score,
                    matched: h.matched,
                })
                .collect();
            print(cli.json, &rows, |r| {
                format!("{:<12} {}  {}\n    {}", r.kind, r.id, r.title, r.snippet)
            });
            if !cli.json && results.total == 0 {
                match &results.suggestion {
                    Some(s) => println!("Nothing matched. Did you mean: {s}"),
                    None => println!("Nothing matched."),
                }
            }
        }
        Command::Timeline {
            organizations,
            people,
            from,
            to,
            event_kinds,
        } => {
            let query = TimelineQuery {
                organizations: organizations.clone(),
                people: people.clone(),
                from: *from,
                to: *to,
                event_kinds: event_kinds.clone(),
            };
            let timeline = library.timeline(&query)?;
            if cli.json {
                println!("{}", to_json(&timeline));
            } else {
                for lane in &timeline.lanes {
                    let indent = "  ".repeat(lane.depth as usize);
                    println!("{indent}{}  {}", lane.name, life(&lane.from, &lane.to));
                    for b in &lane.bars {
                        let who = match lane.kind {
                            LaneKind::Organization => &b.person.name,
                            LaneKind::Person => &b.organization.name,
                        };
                        println!("{indent}  {}  {who}, {}", tenure(b), b.role);
                    }
                    for m in &lane.marks {
                        println!("{indent}  {}  {}", m.date, m.label);
                    }
                }
            }
        }
        Command::Import { .. } => {
            if cli.json {
                println!("{}", to_json(&report));
            } else {
                println!(
                    "{} added, {} updated, {} removed, {} unchanged, {} problems, {} ms",
                    report.added,
                    report.updated,
                    report.removed,
                    report.unchanged,
                    report.problems,
                    report.millis
                );
            }
        }
        Command::Books { command } => books::run(&library, command, cli.json)?,
        Command::Notes { command } => notes::run(&library, command, cli.json)?,
        Command::Export { command } => export::run(&library, command)?,
        Command::Blog { command } => blog::run(&library, command, cli.json)?,
        Command::Check => unreachable!("handled above"),
    }
    Ok(ExitCode::SUCCESS)
}

/// Imports the content into a throwaway in-memory library and prints every problem.
fn check(cli: &Cli) -> Result<ExitCode> {
    let library = Library::open_in_memory(&cli.content)?;
    let report = library.import()?;
    let problems = library.list_problems()?;
    if cli.json {
        println!("{}", to_json(&problems));
    } else {
        for p in &problems {
            println!("{p}");
        }
    }
    eprintln!(
        "{} files checked, {} problems",
        report.added,
        problems.len()
    );
    Ok(if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// One search result as printed: `{kind, id, title, snippet, score}`.
#[derive(Serialize)]
struct SearchRow<'a> {
    kind: &'static str,
    id: &'a str,
    title: &'a str,
    /// The passage, HTML-escaped, with the matched words in `<mark>`.
    snippet: &'a str,
    score: f32,
    /// `as typed`, or `corrected` when the results are those of a corrected query.
    matched: Matched,
}

/// One article's mentions as printed: `{article, title, count, snippets}`.
#[derive(Serialize)]
struct MentionRow {
    article: String,
    title: String,
    count: u32,
    /// The sentences that hold the mentions.
    snippets: Vec<String>,
}

fn mention_rows(library: &Library, id: &str) -> Result<Vec<MentionRow>> {
    Ok(library
        .mentions(id)?
        .into_iter()
        .map(|m| MentionRow {
            article: m.article,
            title: m.title,
            count: m.count,
            snippets: m.snippets.into_iter().map(|s| s.text).collect(),
        })
        .collect())
}

fn print<T: Serialize>(json: bool, items: &[T], line: impl Fn(&T) -> String) {
    if json {
        println!("{}", to_json(&items));
    } else {
        for item in items {
            println!("{}", line(item));
        }
    }
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string_pretty(value).expect("views serialize to JSON")
}

/// `show --json`: the entry, with what the text output adds to it.
#[derive(Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    entry: &'a EntryDetail,
    /// A person's roles, or an organization's leaders, in order.
    #[serde(skip_serializing_if = "Option::is_none")]
    history: Option<&'a Vec<Bar>>,
    /// An organization's events.
    #[serde(skip_serializing_if = "Option::is_none")]
    events: Option<&'a Vec<Mark>>,
    /// The articles that name a person or organization.
    #[serde(skip_serializing_if = "Option::is_none")]
    mentions: Option<&'a Vec<MentionRow>>,
}

/// A person's roles, or an organization's leaders and events, in order.
fn history(library: &Library, kind: &str, id: &str) -> Result<(Vec<Bar>, Vec<Mark>)> {
    let query = match kind {
        "person" => TimelineQuery {
            people: vec![id.to_owned()],
            ..Default::default()
        },
        "organization" => TimelineQuery {
            organizations: vec![id.to_owned()],
            ..Default::default()
        },
        _ => return Ok(Default::default()),
    };
    let (mut bars, mut marks) = (Vec::new(), Vec::new());
    for lane in library.timeline(&query)?.lanes {
        bars.extend(lane.bars);
        marks.extend(lane.marks);
    }
    Ok((bars, marks))
}

fn print_history(kind: &str, bars: &[Bar], marks: &[Mark]) {
    if !bars.is_empty() {
        println!("\n{}:", if kind == "person" { "Roles" } else { "Leaders" });
    }
    for b in bars {
        let whom = if kind == "person" {
            &b.organization.name
        } else {
            &b.person.name
        };
        println!("  {}  {whom}, {} [{}]", tenure(b), b.role, b.source);
    }
    if !marks.is_empty() {
        println!("\nEvents:");
    }
    for m in marks {
        println!("  {}  {} [{}]", m.date, m.label, m.source);
    }
}

/// A tenure's dates as written, `1922–1925`; `…` where a date is not given, `dissolution`
/// where it ends with the organization.
fn tenure(b: &Bar) -> String {
    let end = match (&b.to, b.until_dissolution) {
        (Some(to), _) => to.as_str(),
        (None, true) => "dissolution",
        (None, false) => "…",
    };
    format!("{}–{end}", b.from.as_deref().unwrap_or("…"))
}

fn life(from: &Option<String>, to: &Option<String>) -> String {
    match (from, to) {
        (None, None) => String::new(),
        (f, t) => format!(
            "{}–{}",
            f.as_deref().unwrap_or("?"),
            t.as_deref().unwrap_or("")
        ),
    }
}
