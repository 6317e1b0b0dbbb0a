use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;

use clap::Parser;
use miette::{GraphicalReportHandler, GraphicalTheme};
use noticelint::check::{self, DEFAULT_EXTENSIONS};
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
        )?]
    } else {
        let paths = if args.paths.is_empty() {
            vec![".".into()]
        } else {
            args.paths
        };
        let files = check::discover(&paths, DEFAULT_EXTENSIONS)?;
        check::lint_files(&files, &packs, &options)?
    };
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let written = report::write(args.format, &reports, &mut out, &HumanOptions { color })
        .and_then(|()| out.flush());
    if let Err(error) = written
        && error.kind() != std::io::ErrorKind::BrokenPipe
    {
        return Err(Box::new(check::CheckError::Read {
            path: "<stdout>".to_owned(),
            error,
        }));
    }
    let summary = Summary::of(&reports);
    let too_many_warnings = args.max_warnings.is_some_and(|max| summary.warnings > max);
    Ok(if summary.errors > 0 || too_many_warnings {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
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
                "  {:<40} {:<20} {}\n",
                rule.meta.id, rule.meta.kind, severity
            ));
        }
    }
    let _ = std::io::stdout().write_all(out.as_bytes());
    Ok(ExitCode::SUCCESS)
}
