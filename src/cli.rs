//! Command-line interface: every flag defined once, with its documentation.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// A fast, strict linter for draft official notices (巡察整改进展情况的通报 and more).
///
/// Checks drafts against YAML rule packs and reports every finding with its
/// exact place, like a compiler.
#[derive(Debug, Parser)]
#[command(name = "noticelint", version, about, long_about = None)]
#[command(
    after_help = "Exit codes: 0 no findings that fail, 1 findings that fail, 2 usage, pack, config or I/O error."
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Lint files and directories (default: the current directory).
    Check(CheckArgs),
    /// List the built-in rule packs and their rules.
    Packs(PacksArgs),
    /// Print the effective configuration for a path.
    Config(ConfigArgs),
}

/// Where the configuration comes from.
#[derive(Debug, Args, Clone)]
pub struct ConfigSource {
    /// Configuration file (default: the nearest noticelint.yaml in the working
    /// directory or above).
    #[arg(long = "config", value_name = "FILE", global = true)]
    pub config: Option<PathBuf>,

    /// Ignore any noticelint.yaml.
    #[arg(long, conflicts_with = "config", global = true)]
    pub no_config: bool,
}

/// Options of `noticelint config`.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// The file or directory to describe (default: the current directory).
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,

    /// Where the configuration comes from.
    #[command(flatten)]
    pub source: ConfigSource,
}

/// Options of `noticelint check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories to lint; directories are walked recursively,
    /// honouring .gitignore, for .txt and .md files.
    #[arg(value_name = "PATH", conflicts_with = "stdin")]
    pub paths: Vec<PathBuf>,

    /// Rule pack: a built-in id or a YAML file (repeatable; default: xuncha-zhenggai).
    #[arg(long = "pack", value_name = "ID|PATH")]
    pub packs: Vec<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,

    /// Read the document from standard input.
    #[arg(long)]
    pub stdin: bool,

    /// Name of the document read from standard input (decides Markdown or text).
    #[arg(
        long,
        value_name = "NAME",
        requires = "stdin",
        default_value = "<stdin>"
    )]
    pub stdin_filename: String,

    /// When to use colours in human output; NO_COLOR is honoured with `auto`.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Set an anchor date, e.g. `feedback_date=2023-02-10` (repeatable); it wins
    /// over the date found in the document.
    #[arg(long = "anchor", value_name = "NAME=DATE", value_parser = parse_anchor)]
    pub anchors: Vec<(String, crate::dates::Interval)>,

    /// Feedback list (YAML `items: [{id, text, match?}]`) every document must
    /// answer; without it, a `NAME.feedback.yaml` next to each document, then
    /// front matter `feedback:`, then the pack's list is used.
    #[arg(long, value_name = "FILE")]
    pub feedback: Option<PathBuf>,

    /// Apply every safe fix and write the files back (atomically, keeping BOM
    /// and line endings); with --stdin, print the fixed document instead.
    /// The findings that remain are reported.
    #[arg(long)]
    pub fix: bool,

    /// With --fix: print a unified diff of the fixes and write nothing
    /// (exit 1 when there is something to fix).
    #[arg(long, requires = "fix")]
    pub dry_run: bool,

    /// Read documents in this encoding (utf-8, utf-16le, utf-16be, gb18030,
    /// gbk) instead of detecting it; fixed files are written back in it.
    #[arg(long, value_name = "NAME", value_parser = parse_encoding)]
    pub encoding: Option<crate::document::TextEncoding>,

    /// Do not read files larger than this many bytes (0: no limit). A named
    /// file over the limit is an error; one found in a directory is skipped.
    #[arg(long, value_name = "BYTES", default_value_t = 32 * 1024 * 1024)]
    pub max_file_size: u64,

    /// Lint on N threads (0: one per core; at most 256). The output is the
    /// same whatever N.
    #[arg(
        long,
        short = 'j',
        value_name = "N",
        default_value_t = 0,
        env = "NOTICELINT_THREADS"
    )]
    pub threads: usize,

    /// Fail when there are more than N warnings (by default warnings never fail).
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,

    /// Lowest severity that fails the run.
    #[arg(long, value_enum, value_name = "LEVEL", default_value_t = FailOn::Error)]
    pub fail_on: FailOn,

    /// Report errors only.
    #[arg(long, short)]
    pub quiet: bool,

    /// Print the number of findings per rule instead of the findings.
    #[arg(long)]
    pub statistics: bool,

    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Record the current findings in this baseline file (and exit 0).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["baseline", "fix"])]
    pub write_baseline: Option<PathBuf>,

    /// Where the configuration comes from.
    #[command(flatten)]
    pub source: ConfigSource,
}

/// Severity from which findings fail the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Errors, and warnings beyond --max-warnings.
    Error,
    /// Any warning or error.
    Warning,
}

/// Options of `noticelint packs`.
#[derive(Debug, Args)]
pub struct PacksArgs {
    /// Also list packs from these files.
    #[arg(long = "pack", value_name = "ID|PATH")]
    pub packs: Vec<String>,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Readable reports with source excerpts.
    Human,
    /// One versioned JSON document.
    Json,
    /// One JSON object per finding and line.
    Jsonl,
    /// SARIF 2.1.0, for code scanning services and SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: one annotation per finding.
    Github,
    /// JUnit XML: one test case per file, failed when it has errors.
    Junit,
    /// reviewdog's rdjson (columns in UTF-8 bytes).
    Rdjson,
}

/// Colour choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Colour when writing to a terminal and NO_COLOR is not set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

fn parse_anchor(text: &str) -> Result<(String, crate::dates::Interval), String> {
    crate::anchors::parse_override(text)
}

fn parse_encoding(name: &str) -> Result<crate::document::TextEncoding, String> {
    crate::document::TextEncoding::from_name(name).ok_or_else(|| {
        format!(
            "unknown encoding `{name}`; known: {}",
            crate::document::encoding::ENCODING_NAMES.join(", ")
        )
    })
}
