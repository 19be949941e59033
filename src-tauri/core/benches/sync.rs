//! Notes sync on real files: three devices A, B and C (data folders in a tempdir, each with
//! its own notes.sqlite) each make N annotations of their own (merged in as an import is, so
//! each one has its sync record in the outbox) and sync once, writing their logs to a shared
//! sync folder. Then it times: (a) a fresh fourth device D merging everything (3N records) in
//! its first sync; (b) device A's sync merging B's and C's 2N records, the first time it sees
//! them; (c) A's sync merging 1,000 new changes made on B and C (edits, deletions, bookmarks,
//! reading positions); (d) an idle sync on A, nothing new (median and p95 of 50 runs); (e) the
//! sync folder's size and file count as B does 20 small syncs of one change each, before and
//! after the one that compacts B's log (more than 16 segment files), with how long that took.
//! Setup time is printed on its own.
//! Run: `cargo bench -p lectern-core --bench sync` (`-- --annotations N`, default 10000).

use lectern_core::notes::anchor::Status;
use lectern_core::notes::{Annotation, Incoming, Notes};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Articles the annotations are spread over.
const ARTICLES: usize = 100;
/// New changes made on B and C together, for (c).
const CHANGES: usize = 1_000;
/// Idle runs timed, for (d).
const IDLE_RUNS: usize = 50;
/// Small syncs of one change each, for (e).
const SMALL_SYNCS: usize = 20;

const ADJECTIVES: [&str; 8] = [
    "weary", "eager", "silent", "stubborn", "young", "elderly", "northern", "visiting",
];
const TOPICS: [&str; 8] = [
    "the united front",
    "the land question",
    "the trade agreements",
    "the party press",
    "the situation in Germany",
    "the new economic policy",
    "the colonial theses",
    "the rules of the congress",
];

fn slug(article: usize) -> String {
    format!("article-{article:03}")
}

/// The quote of passage `j`: found once in its article's text.
fn quote(j: usize) -> String {
    format!("Passage {j}: the {} delegates", ADJECTIVES[j % 8])
}

/// An article's text: `passages` numbered sentences, ten to a paragraph.
fn text(article: usize, passages: usize) -> String {
    let mut out = String::new();
    for j in 0..passages {
        out.push_str(&quote(j));
        out.push_str(&format!(
            " of {} argued about {} until the evening.",
            slug(article),
            TOPICS[(j + article) % 8]
        ));
        out.push(if j % 10 == 9 { '\n' } else { ' ' });
    }
    out
}

/// A device: a data folder of its own, syncing through the shared folder.
struct Device {
    name: &'static str,
    _data: tempfile::TempDir,
    notes: Notes,
    /// The ids of the annotations it made.
    own: Vec<String>,
}

impl Device {
    fn new(name: &'static str, root: &Path, folder: &Path) -> Device {
        let data = tempfile::tempdir_in(root).unwrap();
        let notes = Notes::open(data.path()).unwrap();
        notes
            .set_sync_folder(Some(folder), Some(data.path()))
            .unwrap();
        Device {
            name,
            _data: data,
            notes,
            own: Vec::new(),
        }
    }

    /// `n` annotations of its own, device number `d` of three: annotation `k` on article
    /// `k % ARTICLES`, on a passage no other device annotates.
    fn annotate(&mut self, d: usize, n: usize, per_article: usize) {
        let stamp = jiff::Timestamp::now().to_string();
        let incoming: Vec<Incoming> = (0..n)
            .map(|k| {
                let passage = d * per_article + k / ARTICLES;
                Incoming {
                    item: k as u32 + 1,
                    annotation: Annotation {
                        id: format!("urn:uuid:{}", uuid::Uuid::new_v4()),
                        article: slug(k % ARTICLES),
                        quote: quote(passage),
                        prefix: String::new(),
                        suffix: String::new(),
                        start: 0,
                        end: 0,
                        note: format!(
                            "Note {k} from device {}: compare with *passage {}*.",
                            self.name,
                            passage + 1
                        ),
                        html: String::new(),
                        tags: vec![format!("tag-{}", k % 20)],
                        color: "yellow".into(),
                        status: Status::Anchored,
                        confidence: 1.0,
                        created: stamp.clone(),
                        modified: stamp.clone(),
                        whole_article: false,
                        parent: None,
                        uri: None,
                    },
                }
            })
            .collect();
        self.own = incoming.iter().map(|i| i.annotation.id.clone()).collect();
        let passages = 3 * per_article;
        let text_of = |article: &str| {
            let i: usize = article.strip_prefix("article-")?.parse().ok()?;
            Some(text(i, passages))
        };
        let merged = self.notes.merge(incoming, &text_of).unwrap();
        assert_eq!(merged.added as usize, n, "{merged:?}");
        assert_eq!(self.notes.outbox().unwrap().len(), n);
        let anchored = self
            .notes
            .list_unrendered(&Default::default())
            .unwrap()
            .iter()
            .filter(|a| a.status == Status::Anchored)
            .count();
        assert_eq!(anchored, n, "every quote placed");
    }

    /// One sync, timed (ms).
    fn sync(&self) -> (lectern_core::notes::sync::SyncReport, f64) {
        let began = Instant::now();
        let report = self.notes.sync().unwrap();
        let ms = began.elapsed().as_secs_f64() * 1e3;
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        (report, ms)
    }

    fn folder(&self, sync: &Path) -> PathBuf {
        sync.join(self.notes.device_id().unwrap().as_str())
    }
}

/// Bytes and files under `path`.
fn size(path: &Path) -> (u64, u64) {
    let mut total = (0, 0);
    for entry in std::fs::read_dir(path).unwrap() {
        let entry = entry.unwrap();
        let meta = entry.metadata().unwrap();
        if meta.is_dir() {
            let (b, f) = size(&entry.path());
            total = (total.0 + b, total.1 + f);
        } else {
            total = (total.0 + meta.len(), total.1 + 1);
        }
    }
    total
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

fn main() {
    let n: usize = std::env::args()
        .skip_while(|a| a != "--annotations")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    assert!(n >= 200, "--annotations takes at least 200");
    let per_article = n.div_ceil(ARTICLES);
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir(root.path().join("sync")).unwrap();
    let sync = root.path().join("sync").canonicalize().unwrap();

    // Setup: A, B and C each make N annotations, then sync once in turn.
    let began = Instant::now();
    let mut devices: Vec<Device> = ["A", "B", "C"]
        .into_iter()
        .map(|name| Device::new(name, root.path(), &sync))
        .collect();
    for (d, device) in devices.iter_mut().enumerate() {
        device.annotate(d, n, per_article);
    }
    let annotated = began.elapsed().as_secs_f64();
    let mut first = Vec::new();
    for device in &devices {
        let (report, ms) = device.sync();
        assert_eq!(report.sent as usize, n);
        first.push(format!(
            "{} {:.2} s (sent {}, merged {})",
            device.name,
            ms / 1e3,
            report.sent,
            report.merged
        ));
    }
    println!(
        "setup: 3 × {n} annotations made (merged as an import, {ARTICLES} articles) in {annotated:.2} s; \
         first syncs: {}; setup total {:.2} s",
        first.join(", "),
        began.elapsed().as_secs_f64()
    );
    let (total, files) = size(&sync);
    println!(
        "sync folder after the first syncs: {:.2} MB in {files} files ({:.0} bytes a record)",
        mb(total),
        total as f64 / (3 * n) as f64
    );
    let [a, b, c] = &devices[..] else {
        unreachable!()
    };

    // (a) A fresh device merges everything.
    let d = Device::new("D", root.path(), &sync);
    let (report, ms) = d.sync();
    assert_eq!(report.merged as usize, 3 * n);
    println!(
        "(a) full merge: fresh device D merged {} records ({} notes) in its first sync: {ms:.0} ms \
         ({:.1} µs a record)",
        report.merged,
        report.notes_changed,
        ms * 1e3 / report.merged as f64
    );

    // (b) A sees B's and C's logs for the first time.
    let (report, ms) = a.sync();
    assert_eq!(report.merged as usize, 2 * n);
    println!(
        "(b) A merged B's and C's {} records ({} notes) in one sync: {ms:.0} ms ({:.1} µs a record)",
        report.merged,
        report.notes_changed,
        ms * 1e3 / report.merged as f64
    );

    // (c) 1,000 changes on B and C. B and C catch up first, so A merges only the changes.
    let began = Instant::now();
    b.sync();
    c.sync();
    let catch_up = began.elapsed().as_secs_f64();
    let began = Instant::now();
    for (x, others) in [(b, a.own.as_slice()), (c, a.own.as_slice())] {
        // B edits the first half of A's notes, C the second: no two devices touch one note.
        let offset = if x.name == "B" { 0 } else { n / 2 };
        for i in 0..CHANGES / 2 {
            let article = slug((i * 7 + offset) % ARTICLES);
            match i % 10 {
                0 => x.notes.delete_note(&x.own[n - 1 - i / 10]).unwrap(),
                1 => {
                    x.notes.toggle_bookmark(&article).unwrap();
                }
                2 => x.notes.save_position(&article, (i * 37) as u32).unwrap(),
                k => {
                    let id = if k % 2 == 0 {
                        &x.own[i % (n / 2)]
                    } else {
                        &others[(offset + i) % n]
                    };
                    let tags = (k == 3).then(|| vec!["revisited".to_owned()]);
                    let color = (k == 5).then(|| "green".to_owned());
                    x.notes
                        .edit_note(
                            id,
                            Some(format!("Edited on {} ({i}).", x.name)),
                            tags,
                            color,
                        )
                        .unwrap();
                }
            }
        }
    }
    let changed = began.elapsed().as_secs_f64();
    let (sent_b, _) = b.sync();
    let (sent_c, _) = c.sync();
    assert_eq!((sent_b.sent + sent_c.sent) as usize, CHANGES);
    let (report, ms) = a.sync();
    assert_eq!(report.merged as usize, CHANGES);
    println!(
        "(c) A merged {} new changes of B and C ({} notes, {} bookmarks and positions changed, \
         {} articles): {ms:.1} ms  [setup: catch-up syncs of B and C {catch_up:.2} s, \
         {CHANGES} changes made one by one {changed:.2} s]",
        report.merged,
        report.notes_changed,
        report.reading_changed,
        report.articles.len()
    );
    let shown = a.notes.list_unrendered(&Default::default()).unwrap().len();
    assert_eq!(
        shown,
        3 * n - CHANGES / 10,
        "A shows every note not deleted"
    );

    // (d) Idle: nothing new anywhere.
    let mut idle: Vec<f64> = (0..IDLE_RUNS)
        .map(|_| {
            let (report, ms) = a.sync();
            assert_eq!((report.sent, report.merged), (0, 0));
            ms
        })
        .collect();
    idle.sort_by(f64::total_cmp);
    println!(
        "(d) idle sync on A ({IDLE_RUNS} runs): median {:.2} ms, p95 {:.2} ms, min {:.2} ms, max {:.2} ms",
        idle[IDLE_RUNS / 2],
        idle[(IDLE_RUNS * 95 / 100).min(IDLE_RUNS - 1)],
        idle[0],
        idle[IDLE_RUNS - 1]
    );

    // (e) B syncs one change at a time until its log is compacted (having first merged C's
    // changes, so that each of its syncs sends one change and merges nothing).
    b.sync();
    let b_folder = b.folder(&sync);
    let show = |when: &str| {
        let (bytes, files) = size(&sync);
        let (b_bytes, b_files) = size(&b_folder);
        println!(
            "    {when:<34} B's log {:>7.2} MB in {b_files:>2} files; whole folder {:>7.2} MB in {files:>2} files",
            mb(b_bytes),
            mb(bytes)
        );
    };
    println!("(e) B: {SMALL_SYNCS} syncs of one change each");
    show("before");
    let mut small = Vec::new();
    for k in 0..SMALL_SYNCS {
        b.notes
            .edit_note(
                &b.own[k % 3],
                Some(format!("Small change {k}.")),
                None,
                None,
            )
            .unwrap();
        let before = (size(&sync), size(&b_folder));
        let (report, ms) = b.sync();
        assert_eq!((report.sent, report.merged), (1, 0));
        if report.compacted > 0 {
            let ((bytes, files), (b_bytes, b_files)) = before;
            println!(
                "    {:<34} B's log {:>7.2} MB in {b_files:>2} files; whole folder {:>7.2} MB in {files:>2} files",
                format!("before sync {} (compacts)", k + 1),
                mb(b_bytes),
                mb(bytes)
            );
            show(&format!("after sync {} ({ms:.0} ms)", k + 1));
            println!(
                "    sync {} compacted {} segment files into one in {ms:.0} ms",
                k + 1,
                report.compacted
            );
        } else {
            small.push(ms);
        }
    }
    show("after all");
    small.sort_by(f64::total_cmp);
    println!(
        "    the other {} small syncs: median {:.2} ms, max {:.2} ms",
        small.len(),
        small[small.len() / 2],
        small[small.len() - 1]
    );
    drop(d);
}
