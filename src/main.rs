mod progress;

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use miette::{GraphicalReportHandler, GraphicalTheme};
use noticelint::LintOptions;
use noticelint::baseline::Baseline;
use noticelint::check::{self, FixMode};
use noticelint::cli::{
    CheckArgs, Cli, ColorChoice, Command, ConfigArgs, ConfigSource, FailOn, OutputFormat, PacksArgs,
};
use noticelint::config::Config;
use noticelint::diagnostic::Severity;
use noticelint::feedback::FeedbackList;
use noticelint::pack::BUILTIN_PACKS;
use noticelint::plan::{Plan, load_packs};
use noticelint::report::{self, HumanOptions, ReportContext, RuleInfo, Summary, plural};

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
        Command::Config(args) => run_config(args),
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

fn load_config(source: &ConfigSource) -> Result<Config, Failure> {
    let cwd = std::env::current_dir().map_err(|error| {
        Box::new(check::CheckError::Read {
            path: ".".to_owned(),
            error,
        }) as Failure
    })?;
    if source.no_config {
        return Ok(Config::defaults(&cwd));
    }
    // A discovered file is shown relative to the working directory when below it.
    let discovered =
        || Config::discover(&cwd).map(|p| p.strip_prefix(&cwd).map(PathBuf::from).unwrap_or(p));
    match source.config.clone().or_else(discovered) {
        Some(path) => Ok(Config::load(&path)?),
        None => Ok(Config::defaults(&cwd)),
    }
}

fn run_config(args: ConfigArgs) -> Result<ExitCode, Failure> {
    let config = load_config(&args.source)?;
    let path = args.path.unwrap_or_else(|| ".".into());
    // Loading the packs checks the configuration's rule names.
    let found = check::Found {
        path: path.clone(),
        named: true,
    };
    Plan::build(&config, vec![found], &LintOptions::default())?;
    let _ = std::io::stdout().write_all(config.describe(&path).as_bytes());
    Ok(ExitCode::SUCCESS)
}

fn run_check(args: CheckArgs) -> Result<ExitCode, Failure> {
    let mut config = load_config(&args.source)?;
    if !args.packs.is_empty() {
        config.set_packs(args.packs.clone());
    }
    let feedback = match &args.feedback {
        Some(path) => Some(std::sync::Arc::new(
            FeedbackList::load(path).map_err(check::CheckError::from)?,
        )),
        None => None,
    };
    let base = LintOptions {
        anchors: args.anchors.clone(),
        feedback,
        encoding: args.encoding,
        max_file_size: (args.max_file_size > 0).then_some(args.max_file_size),
        ..LintOptions::default()
    };
    let mode = match (args.fix, args.dry_run, args.stdin) {
        (false, _, _) => FixMode::Off,
        (true, true, _) => FixMode::Diff,
        (true, false, true) => FixMode::Text,
        (true, false, false) => FixMode::Write,
    };
    // Plan the run: which files, with which packs and options.
    let (plan, stdin_bytes) = if args.stdin {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(|source| {
            Box::new(check::CheckError::Read {
                path: "<stdin>".to_owned(),
                error: source,
            }) as Failure
        })?;
        let found = check::Found {
            path: args.stdin_filename.clone().into(),
            named: true,
        };
        (Plan::build(&config, vec![found], &base)?, Some(bytes))
    } else {
        let paths = if args.paths.is_empty() {
            vec![".".into()]
        } else {
            args.paths.clone()
        };
        let (files, walk_skipped) = check::discover(&paths, &config.extensions)?;
        for skip in &walk_skipped {
            let _ = writeln!(std::io::stderr(), "skipped {}: {}", skip.path, skip.reason);
        }
        let files: Vec<check::Found> = files
            .into_iter()
            .filter(|f| config.includes(&f.path))
            .collect();
        (Plan::build(&config, files, &base)?, None)
    };
    // Rules of every pack set used, for reporters that describe them (SARIF).
    let mut rules: Vec<RuleInfo> = Vec::new();
    for packs in plan.pack_sets() {
        for rule in RuleInfo::from_packs(packs) {
            if !rules.iter().any(|r| r.id == rule.id) {
                rules.push(rule);
            }
        }
    }
    let baseline = args.baseline.as_deref().map(Baseline::load).transpose()?;
    let mut matcher = baseline.as_ref().map(Baseline::matcher);
    let mut recorded = args.write_baseline.as_ref().map(|_| Baseline::new());
    // Editors read the fixed document on stdout; the findings then go to stderr.
    let findings_to_stderr = mode == FixMode::Text;
    let terminal = if findings_to_stderr {
        std::io::stderr().is_terminal()
    } else {
        std::io::stdout().is_terminal()
    };
    let cx = ReportContext {
        human: HumanOptions {
            color: use_color(args.color, terminal),
        },
        rules: &rules,
    };
    let mut stream = report::Stream::new(args.format, args.statistics, &cx).map_err(|error| {
        Box::new(check::CheckError::Write {
            path: "<stdout>".to_owned(),
            error,
        }) as Failure
    })?;
    // The exit code counts every finding, whatever is shown.
    let mut summary = Summary::default();
    let mut fixes = FixTotals::default();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut stderr = std::io::stderr();
    let mut handle = |outcome: check::Outcome| -> Result<(), Failure> {
        let mut report = match outcome {
            Ok(report) => report,
            Err(skip) => {
                let _ = writeln!(std::io::stderr(), "skipped {}: {}", skip.path, skip.reason);
                return Ok(());
            }
        };
        if let Some(recorded) = &mut recorded {
            recorded.record(&report);
            return Ok(());
        }
        if let Some(matcher) = &mut matcher {
            matcher.apply(&mut report);
        }
        summary.add(&report);
        fixes.add(&report);
        if args.quiet {
            report.diagnostics.retain(|d| d.severity == Severity::Error);
        }
        let written = match mode {
            // The diff is the output.
            FixMode::Diff => match report.fixes.as_ref().and_then(|f| f.diff.as_deref()) {
                Some(diff) => out.write_all(diff.as_bytes()),
                None => Ok(()),
            },
            FixMode::Text => {
                let bytes = report.fixes.as_ref().and_then(|f| f.bytes.as_deref());
                out.write_all(bytes.unwrap_or_default())
                    .and_then(|()| stream.file(&report, &mut stderr))
            }
            FixMode::Off | FixMode::Write => stream.file(&report, &mut out),
        };
        written.or_else(ignore_broken_pipe)
    };
    match stdin_bytes {
        Some(bytes) => {
            let (packs, options) = plan.first().expect("one file planned");
            handle(Ok(check::lint_bytes(
                &args.stdin_filename,
                bytes,
                packs,
                options,
                mode,
            )?))?;
        }
        None => {
            let jobs = plan.jobs();
            let show = args.format == OutputFormat::Human
                && std::io::stderr().is_terminal()
                && std::env::var_os("CI").is_none()
                && jobs.len() > 1;
            progress::run(jobs.len(), show, |tick| {
                let threads = noticelint::ordered::thread_count(args.threads, jobs.len());
                check::lint_jobs_each(&jobs, mode, threads, tick, &mut handle)
            })?;
        }
    }
    if let (Some(path), Some(recorded)) = (&args.write_baseline, &recorded) {
        recorded.write(path)?;
        let _ = writeln!(
            std::io::stderr(),
            "Recorded {} in {}.",
            plural(recorded.entries.len(), "finding"),
            path.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let step_summary = stream.step_summary();
    let finished = if mode == FixMode::Diff {
        Ok(())
    } else if findings_to_stderr {
        stream.finish(&mut stderr)
    } else {
        stream.finish(&mut out)
    };
    finished
        .and_then(|()| out.flush())
        .or_else(ignore_broken_pipe)?;
    if let Some(matcher) = &matcher {
        let applied = matcher.applied();
        let _ = writeln!(
            std::io::stderr(),
            "{} left out as baselined; {} no longer found.",
            plural(applied.baselined, "finding"),
            plural(applied.gone, "baseline entry")
        );
    }
    if mode != FixMode::Off {
        let _ = write!(std::io::stderr(), "{}", fixes.describe(mode));
    }
    if args.format == OutputFormat::Github
        && mode != FixMode::Diff
        && let Some(markdown) = step_summary
    {
        append_step_summary(&markdown)?;
    }
    if mode == FixMode::Diff {
        return Ok(if fixes.files_changed > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        });
    }
    let max_warnings = args.max_warnings.or(config.max_warnings);
    let too_many_warnings = max_warnings.is_some_and(|max| summary.warnings > max);
    let fails = summary.errors > 0
        || too_many_warnings
        || (args.fail_on == FailOn::Warning && summary.warnings > 0);
    Ok(if fails {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A reader that went away (`noticelint … | head`) is not an error.
fn ignore_broken_pipe(error: std::io::Error) -> Result<(), Failure> {
    if error.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(Box::new(check::CheckError::Write {
            path: "<stdout>".to_owned(),
            error,
        }))
    }
}

/// Appends the run's Markdown summary to the file named by
/// `$GITHUB_STEP_SUMMARY` (set by GitHub Actions), when it is set.
fn append_step_summary(markdown: &str) -> Result<(), Failure> {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(&path)
        .and_then(|mut file| file.write_all(markdown.as_bytes()))
        .map_err(|error| {
            Box::new(check::CheckError::Write {
                path: format!("$GITHUB_STEP_SUMMARY ({})", path.to_string_lossy()),
                error,
            }) as Failure
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
    fn add(&mut self, report: &check::FileReport) {
        if let Some(fixes) = &report.fixes {
            self.applied += fixes.applied;
            self.unapplied += fixes.unapplied;
            if fixes.changed {
                self.files_changed += 1;
            }
        }
    }

    /// The line for stderr: `Fixed 3 findings in 1 file.`
    fn describe(&self, mode: FixMode) -> String {
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
                plural(self.unapplied, "fix"),
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
