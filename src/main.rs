use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

use clap::Parser;
use miette::{GraphicalReportHandler, GraphicalTheme};
use noticelint::check::{self, DEFAULT_EXTENSIONS, FixMode};
use noticelint::cli::{CheckArgs, Cli, ColorChoice, Command, PacksArgs};
use noticelint::feedback::FeedbackList;
use noticelint::pack::{BUILTIN_PACKS, DEFAULT_PACK, PackRef, PackSet};
use noticelint::report::{self, HumanOptions, Summary};

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() { 2 } else { 0 };
            let _ = err.print();
            return ExitCode::from(code);
        }
    };
    let result = match cli.command {
        Command::Check(args) => run_check(args),
        Command::Packs(args) => run_packs(args),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            print_error(error.as_ref());
            ExitCode::from(2)
        }
    }
}

fn print_error(error: &dyn miette::Diagnostic) {
    let theme = if std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
    {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let mut out = String::new();
    let handler = GraphicalReportHandler::new_themed(theme).with_context_lines(1);
    if handler.render_report(&mut out, error).is_err() {
        out = format!("error: {error}\n");
    }
    let _ = std::io::stderr().write_all(out.as_bytes());
}

type Failure = Box<dyn miette::Diagnostic + Send + Sync>;

fn load_packs(names: &[String]) -> Result<PackSet, Failure> {
    let refs: Vec<PackRef> = if names.is_empty() {
        vec![PackRef::Builtin(DEFAULT_PACK.to_owned())]
    } else {
        names.iter().map(|n| PackRef::parse(n)).collect()
    };
    Ok(PackSet::load(&refs)?)
}

fn run_check(args: CheckArgs) -> Result<ExitCode, Failure> {
    let packs = load_packs(&args.packs)?;
    let feedback = match &args.feedback {
        Some(path) => Some(std::sync::Arc::new(
            FeedbackList::load(path).map_err(check::CheckError::from)?,
        )),
        None => None,
    };
    let options = noticelint::LintOptions {
        anchors: args.anchors.clone(),
        feedback,
    };
    let mode = match (args.fix, args.dry_run, args.stdin) {
        (false, _, _) => FixMode::Off,
        (true, true, _) => FixMode::Diff,
        (true, false, true) => FixMode::Text,
        (true, false, false) => FixMode::Write,
    };
    let reports = if args.stdin {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(|source| {
            Box::new(check::CheckError::Read {
                path: "<stdin>".to_owned(),
                error: source,
            }) as Failure
        })?;
        vec![check::lint_bytes(
            &args.stdin_filename,
            bytes,
            &packs,
            &options,
            mode,
        )?]
    } else {
        let paths = if args.paths.is_empty() {
            vec![".".into()]
        } else {
            args.paths
        };
        let files = check::discover(&paths, DEFAULT_EXTENSIONS)?;
        check::lint_files(&files, &packs, &options, mode)?
    };
    let fixes = FixTotals::of(&reports);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = match mode {
        // The diff is the output; findings are what remains after it.
        FixMode::Diff => reports
            .iter()
            .filter_map(|r| r.fixes.as_ref()?.diff.as_deref())
            .try_for_each(|diff| out.write_all(diff.as_bytes())),
        // Editors read the fixed document on stdout; findings go to stderr.
        FixMode::Text => {
            let text = reports
                .iter()
                .find_map(|r| r.fixes.as_ref()?.text.as_deref())
                .unwrap_or_default();
            out.write_all(text.as_bytes()).and_then(|()| {
                let color = use_color(args.color, std::io::stderr().is_terminal());
                let mut err = std::io::stderr().lock();
                report::write(args.format, &reports, &mut err, &HumanOptions { color })
            })
        }
        FixMode::Off | FixMode::Write => {
            let color = use_color(args.color, std::io::stdout().is_terminal());
            report::write(args.format, &reports, &mut out, &HumanOptions { color })
        }
    }
    .and_then(|()| out.flush());
    if let Err(error) = written
        && error.kind() != std::io::ErrorKind::BrokenPipe
    {
        return Err(Box::new(check::CheckError::Read {
            path: "<stdout>".to_owned(),
            error,
        }));
    }
    if mode != FixMode::Off {
        let _ = std::io::stderr().write_all(fixes.describe(mode).as_bytes());
    }
    if mode == FixMode::Diff {
        return Ok(if fixes.files_changed > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        });
    }
    let summary = Summary::of(&reports);
    let too_many_warnings = args.max_warnings.is_some_and(|max| summary.warnings > max);
    Ok(if summary.errors > 0 || too_many_warnings {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn use_color(choice: ColorChoice, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    }
}

/// What `--fix` did over the whole run.
#[derive(Debug, Default)]
struct FixTotals {
    applied: usize,
    unapplied: usize,
    files_changed: usize,
}

impl FixTotals {
    fn of(reports: &[check::FileReport]) -> FixTotals {
        let mut totals = FixTotals::default();
        for fixes in reports.iter().filter_map(|r| r.fixes.as_ref()) {
            totals.applied += fixes.applied;
            totals.unapplied += fixes.unapplied;
            if fixes.changed {
                totals.files_changed += 1;
            }
        }
        totals
    }

    /// The line for stderr: `Fixed 3 findings in 1 file.`
    fn describe(&self, mode: FixMode) -> String {
        let plural = |n: usize, word: &str| {
            if n == 1 {
                format!("{n} {word}")
            } else {
                format!("{n} {word}s")
            }
        };
        let verb = if mode == FixMode::Diff {
            "Would fix"
        } else {
            "Fixed"
        };
        let mut line = format!(
            "{verb} {} in {}.\n",
            plural(self.applied, "finding"),
            plural(self.files_changed, "file")
        );
        if self.unapplied > 0 {
            line.push_str(&format!(
                "{} not applied: {} overlapping edits; fix by hand or run again.\n",
                if self.unapplied == 1 {
                    "1 fix".to_owned()
                } else {
                    format!("{} fixes", self.unapplied)
                },
                if self.unapplied == 1 {
                    "it has"
                } else {
                    "they have"
                }
            ));
        }
        line
    }
}

fn run_packs(args: PacksArgs) -> Result<ExitCode, Failure> {
    let mut names: Vec<String> = BUILTIN_PACKS.iter().map(|p| p.id.to_owned()).collect();
    names.extend(args.packs);
    let packs = load_packs(&names)?;
    let mut out = String::new();
    for pack in packs.packs() {
        out.push_str(&format!(
            "{} {} ({})\n",
            pack.id,
            pack.version.as_deref().unwrap_or("-"),
            pack.origin
        ));
        if let Some(title) = &pack.title {
            out.push_str(&format!("  {title}\n"));
        }
        if !pack.extends.is_empty() {
            out.push_str(&format!("  extends: {}\n", pack.extends.join(", ")));
        }
        let prefix = format!("{}/", pack.id);
        for rule in packs
            .rules()
            .iter()
            .filter(|r| r.meta.id.starts_with(&prefix))
        {
            let severity = rule.meta.severity.map_or("off", |s| s.as_str());
            out.push_str(&format!(
                "  {:<40} {:<20} {:<8} {}\n",
                rule.meta.id,
                rule.meta.kind,
                severity,
                rule.meta.description.as_deref().unwrap_or("")
            ));
        }
    }
    let _ = std::io::stdout().write_all(out.as_bytes());
    Ok(ExitCode::SUCCESS)
}
