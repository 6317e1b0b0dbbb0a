//! Micro-benchmarks of the library on a 20 KB notice: decoding, parsing, date
//! extraction, pack loading, the whole lint, each rule of the default packs
//! alone, and writing the report. `bench/run.sh` measures the whole process;
//! `bench/RESULTS.md` has the figures.
//!
//! ```sh
//! cargo bench --bench lint                 # everything (a few minutes)
//! cargo bench --bench lint -- rule/        # only the per-rule group
//! ```
//!
//! The notices are `bench/fixtures/notice-20k.{txt,md}`, written by
//! `bench/generate.py` (see `bench/RESULTS.md` for the command): the text one
//! carries the four planted defects (a wrong term, an ASCII comma, a run-on,
//! an unclosed quote), the Markdown one none.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use noticelint::anchors::Anchors;
use noticelint::check::{self, FixMode};
use noticelint::cli::OutputFormat;
use noticelint::outline::Outline;
use noticelint::pack::DEFAULT_PACK;
use noticelint::problems::ProblemMemo;
use noticelint::report::{self, HumanOptions, ReportContext, RuleInfo};
use noticelint::rules::{CheckContext, Findings};
use noticelint::{Document, Format, LintOptions, PackRef, PackSet, Source, dates, lint};

const TEXT: &str = include_str!("../bench/fixtures/notice-20k.txt");
const MARKDOWN: &str = include_str!("../bench/fixtures/notice-20k.md");

fn default_packs() -> PackSet {
    PackSet::load(&[PackRef::Builtin(DEFAULT_PACK.to_owned())]).expect("built-in packs load")
}

/// Short measurements: the whole file runs in a few minutes on 2 cores and
/// the figures are stable to a few percent, which is what a comparison needs.
fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(30)
}

fn bench_input(c: &mut Criterion) {
    let mut group = c.benchmark_group("input");
    group.throughput(Throughput::Bytes(TEXT.len() as u64));
    // Encoding detection and decoding, as for a file read from disk.
    group.bench_function("decode/20k", |b| {
        b.iter_batched(
            || TEXT.as_bytes().to_vec(),
            |bytes| Source::from_bytes("notice.txt", bytes).expect("UTF-8"),
            BatchSize::SmallInput,
        )
    });
    // Source::new (line index) and block/section parsing.
    group.bench_function("parse/text/20k", |b| {
        b.iter(|| Document::parse(Source::new("notice.txt", black_box(TEXT)), Format::Text))
    });
    group.throughput(Throughput::Bytes(MARKDOWN.len() as u64));
    group.bench_function("parse/markdown/20k", |b| {
        b.iter(|| {
            Document::parse(
                Source::new("notice.md", black_box(MARKDOWN)),
                Format::Markdown,
            )
        })
    });
    group.throughput(Throughput::Bytes(TEXT.len() as u64));
    group.bench_function("dates/extract/20k", |b| {
        b.iter(|| dates::extract(black_box(TEXT)))
    });
    group.finish();
}

fn bench_packs(c: &mut Criterion) {
    let mut group = c.benchmark_group("packs");
    // Parsing the YAML, following `extends`, validating and compiling every
    // rule (regexes, Aho-Corasick automata) of the default pack set.
    group.bench_function("load/default", |b| b.iter(default_packs));
    group.finish();
}

fn bench_lint(c: &mut Criterion) {
    let packs = default_packs();
    let text = Document::parse(Source::new("notice.txt", TEXT), Format::Text);
    let markdown = Document::parse(Source::new("notice.md", MARKDOWN), Format::Markdown);
    let options = LintOptions::default();
    let mut group = c.benchmark_group("lint");
    group.throughput(Throughput::Bytes(TEXT.len() as u64));
    // Every rule plus the shared work (outline, dates, anchors, suppression).
    group.bench_function("full/text/20k", |b| {
        b.iter(|| lint(black_box(&text), &packs))
    });
    group.throughput(Throughput::Bytes(MARKDOWN.len() as u64));
    group.bench_function("full/markdown/20k", |b| {
        b.iter(|| lint(black_box(&markdown), &packs))
    });
    group.throughput(Throughput::Bytes(TEXT.len() as u64));
    // What `check` does per file short of reading it and writing the report:
    // decode, parse, look for a sidecar feedback list, lint.
    group.bench_function("bytes/text/20k", |b| {
        b.iter_batched(
            || TEXT.as_bytes().to_vec(),
            |bytes| {
                check::lint_bytes("notice.txt", bytes, &packs, &options, FixMode::Off)
                    .expect("lints")
            },
            BatchSize::SmallInput,
        )
    });
    // The work done once per document before the rules run.
    group.bench_function("prepare/outline/20k", |b| {
        b.iter(|| Outline::resolve(black_box(&text), packs.sections()))
    });
    let found = dates::extract(text.text());
    group.bench_function("prepare/anchors/20k", |b| {
        b.iter(|| Anchors::resolve(black_box(&text), &found, packs.anchors(), &[]))
    });
    let diagnostics = lint(&text, &packs);
    let severities: Vec<_> = packs.rules().iter().map(|r| r.meta.severity).collect();
    group.bench_function("prepare/suppression/20k", |b| {
        b.iter_batched(
            || diagnostics.clone(),
            |diagnostics| noticelint::suppression::apply(&text, &packs, &severities, diagnostics),
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

/// Each rule of the default packs alone, on the same prepared context as in
/// `lint_document`, so that the profile shows which rules cost what.
fn bench_rules(c: &mut Criterion) {
    let packs = default_packs();
    let doc = Document::parse(Source::new("notice.txt", TEXT), Format::Text);
    let outline = Outline::resolve(&doc, packs.sections());
    // As lint_document: dates in prose blocks only (a text document is all prose).
    let found = dates::extract(doc.text());
    let anchors = Anchors::resolve(&doc, &found, packs.anchors(), &[]);
    let mut group = c.benchmark_group("rule");
    group.throughput(Throughput::Bytes(TEXT.len() as u64));
    for rule in packs.rules() {
        group.bench_function(format!("{}/20k", rule.meta.id), |b| {
            b.iter(|| {
                // A fresh memo each time: a rule alone pays for the problems it reads.
                let problems = ProblemMemo::new(&doc);
                let cx = CheckContext {
                    doc: &doc,
                    outline: &outline,
                    rule: &rule.meta,
                    dates: &found,
                    anchors: &anchors,
                    anchor_specs: packs.anchors(),
                    feedback: packs.feedback(),
                    problems: &problems,
                };
                let mut out = Findings::default();
                rule.check.check(black_box(&cx), &mut out);
                out
            })
        });
    }
    group.finish();
}

/// Writing the findings of one 20 KB notice (four findings) in the default
/// human format and as JSON: output is part of what a user waits for.
fn bench_report(c: &mut Criterion) {
    let packs = default_packs();
    let rules = RuleInfo::from_packs(&packs);
    let reports = vec![
        check::lint_bytes(
            "notice.txt",
            TEXT.as_bytes().to_vec(),
            &packs,
            &LintOptions::default(),
            FixMode::Off,
        )
        .expect("lints"),
    ];
    assert!(
        !reports[0].diagnostics.is_empty(),
        "the text fixture carries findings"
    );
    let cx = ReportContext {
        human: HumanOptions { color: false },
        rules: &rules,
    };
    let mut group = c.benchmark_group("report");
    for (name, format) in [("human", OutputFormat::Human), ("json", OutputFormat::Json)] {
        group.bench_function(format!("{name}/20k"), |b| {
            let mut out = Vec::with_capacity(64 * 1024);
            b.iter(|| {
                out.clear();
                report::write(format, black_box(&reports), &mut out, &cx).expect("in memory");
                out.len()
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = config();
    targets = bench_input, bench_packs, bench_lint, bench_rules, bench_report
}
criterion_main!(benches);
