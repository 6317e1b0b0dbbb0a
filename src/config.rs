//! The project configuration, `noticelint.yaml`: which packs, which files,
//! which severities, set once for a documents repository.
//!
//! ```yaml
//! packs: [xuncha-zhenggai, packs/office.yaml]   # ids or paths relative to this file
//! include: ['notices/**']                        # globs relative to this file
//! exclude: ['notices/archive/**']
//! extensions: [txt, md]
//! feedback: '{stem}.feedback.yaml'               # sidecar next to each document
//! max_warnings: 20
//! rules: { sentence-end: off }                    # severity per rule, for every file
//! overrides:
//!   - files: 'notices/2023/**'
//!     packs: [gongwen-base]
//!     rules: { gongwen-base/terms: warning }
//! ```
//!
//! The file is found by searching upward from the working directory, or given
//! with `--config`. Settings for a file are the top level ones, then each
//! matching override in order (later ones win).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use miette::Diagnostic as MietteDiagnostic;
use serde::Deserialize;
use serde_saphyr::Spanned;
use thiserror::Error;

use crate::diagnostic::Severity;
use crate::document::Source;
use crate::pack::{PackError, parse_severity, span_of, yaml};

/// File name searched for.
pub const CONFIG_FILE: &str = "noticelint.yaml";

/// Sidecar pattern used when the configuration sets none.
pub const DEFAULT_FEEDBACK_PATTERN: &str = "{stem}.feedback.yaml";

/// A configuration that cannot be used (exit code 2).
#[derive(Debug, Error, MietteDiagnostic)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read configuration `{path}`: {error}")]
    Read {
        /// The path.
        path: String,
        /// The I/O error.
        error: std::io::Error,
    },
    /// The file is defective at a known place.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Invalid(PackError),
}

impl From<PackError> for ConfigError {
    fn from(error: PackError) -> Self {
        ConfigError::Invalid(error.about("configuration"))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    packs: Option<Vec<Spanned<String>>>,
    include: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    extensions: Option<Vec<Spanned<String>>>,
    feedback: Option<Spanned<String>>,
    max_warnings: Option<usize>,
    #[serde(default)]
    rules: BTreeMap<String, Spanned<String>>,
    #[serde(default)]
    overrides: Vec<OverrideFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OverrideFile {
    files: Spanned<String>,
    packs: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    rules: BTreeMap<String, Spanned<String>>,
}

/// A severity set for a rule: `None` turns it off. The rule is a full id
/// (`pack/rule`) or a bare rule id matching that rule in any pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleSetting {
    /// `pack/rule` or `rule`.
    pub rule: String,
    /// The severity, `None` for off.
    pub severity: Option<Severity>,
    /// Where it is written, for errors about unknown rules.
    span: std::ops::Range<usize>,
}

impl RuleSetting {
    /// Whether this setting names `id` (`pack/rule`).
    pub fn applies_to(&self, id: &str) -> bool {
        self.rule == id
            || (!self.rule.contains('/')
                && id
                    .rsplit_once('/')
                    .is_some_and(|(_, bare)| bare == self.rule))
    }
}

#[derive(Debug, Clone)]
struct Override {
    glob: String,
    files: GlobSet,
    packs: Option<Vec<String>>,
    rules: Vec<RuleSetting>,
}

/// A loaded configuration (or the defaults when there is no file).
#[derive(Debug, Clone)]
pub struct Config {
    /// The file it came from.
    pub path: Option<PathBuf>,
    /// Directory globs and pack paths are relative to.
    pub root: PathBuf,
    source: Option<Source>,
    packs: Vec<String>,
    include: Option<(Vec<String>, GlobSet)>,
    exclude: (Vec<String>, GlobSet),
    /// File extensions linted when walking directories.
    pub extensions: Vec<String>,
    /// Sidecar feedback list pattern; `{stem}` is the document's name without extension.
    pub feedback: String,
    /// Warnings allowed before the run fails.
    pub max_warnings: Option<usize>,
    rules: Vec<RuleSetting>,
    overrides: Vec<Override>,
}

/// What applies to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileSettings {
    /// Packs to load (ids or paths).
    pub packs: Vec<String>,
    /// Severity settings, in order (later ones win).
    pub rules: Vec<RuleSetting>,
}

impl Config {
    /// The defaults, rooted at `root`: the default pack, `.txt` and `.md`.
    pub fn defaults(root: &Path) -> Config {
        Config {
            path: None,
            root: root.to_path_buf(),
            source: None,
            packs: Vec::new(),
            include: None,
            exclude: (Vec::new(), GlobSet::empty()),
            extensions: crate::check::DEFAULT_EXTENSIONS
                .iter()
                .map(|e| (*e).to_owned())
                .collect(),
            feedback: DEFAULT_FEEDBACK_PATTERN.to_owned(),
            max_warnings: None,
            rules: Vec::new(),
            overrides: Vec::new(),
        }
    }

    /// The nearest `noticelint.yaml` in `start` or a directory above it.
    pub fn discover(start: &Path) -> Option<PathBuf> {
        start
            .ancestors()
            .map(|dir| dir.join(CONFIG_FILE))
            .find(|path| path.is_file())
    }

    /// Reads and validates a configuration file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let name = crate::check::display_path(path);
        let text = crate::pack::yaml::read_file(path).map_err(|error| ConfigError::Read {
            path: name.clone(),
            error,
        })?;
        let root = std::path::absolute(path)
            .ok()
            .and_then(|p| p.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| PathBuf::from("."));
        let mut config = Config::parse(&name, &text, &root)?;
        config.path = Some(path.to_path_buf());
        Ok(config)
    }

    /// Parses configuration text named `name`; paths are relative to `root`.
    pub fn parse(name: &str, text: &str, root: &Path) -> Result<Config, ConfigError> {
        let source = Source::new(name, text.strip_prefix('\u{feff}').unwrap_or(text));
        let file: ConfigFile = if yaml::is_blank(source.text()) {
            yaml::from_str("{}").map_err(|e| PackError::from_yaml(&source, &e))?
        } else {
            yaml::from_source(&source)?
        };
        let mut config = Config::defaults(root);
        if let Some(packs) = file.packs {
            config.packs = packs.into_iter().map(|p| p.value).collect();
        }
        if let Some(include) = file.include {
            config.include = Some(globs(&source, &include)?);
        }
        config.exclude = globs(&source, &file.exclude)?;
        if let Some(extensions) = file.extensions {
            config.extensions = Vec::new();
            for ext in extensions {
                let value = ext.value.trim_start_matches('.').to_owned();
                if value.is_empty() || value.contains(['/', '\\', '*']) {
                    return Err(PackError::at_value(
                        &source,
                        &ext.referenced,
                        format!("`{}` is not a file extension", ext.value),
                        "not an extension",
                        Some("write extensions without a dot, e.g. `md`".to_owned()),
                    )
                    .into());
                }
                config.extensions.push(value);
            }
        }
        if let Some(feedback) = file.feedback {
            // Relative, without `..`: a configuration cannot make noticelint
            // read (and quote in its errors) a file elsewhere as a feedback list.
            if feedback.value.trim().is_empty()
                || feedback.value.contains("..")
                || feedback.value.starts_with(['/', '\\'])
                || Path::new(&feedback.value).components().any(|c| {
                    matches!(
                        c,
                        std::path::Component::Prefix(_) | std::path::Component::RootDir
                    )
                })
            {
                return Err(PackError::at_value(
                    &source,
                    &feedback.referenced,
                    "the feedback pattern must name a file next to the document",
                    "invalid pattern",
                    Some("e.g. `{stem}.feedback.yaml` or `反馈/{stem}.yaml`".to_owned()),
                )
                .into());
            }
            config.feedback = feedback.value;
        }
        config.max_warnings = file.max_warnings;
        config.rules = settings(&source, file.rules)?;
        for o in file.overrides {
            let (_, files) = globs(&source, std::slice::from_ref(&o.files))?;
            config.overrides.push(Override {
                glob: o.files.value,
                files,
                packs: o.packs.map(|p| p.into_iter().map(|p| p.value).collect()),
                rules: settings(&source, o.rules)?,
            });
        }
        config.source = Some(source);
        Ok(config)
    }

    /// The top-level packs as they are loaded: pack files relative to the
    /// configuration's folder.
    pub fn pack_refs(&self) -> Vec<String> {
        self.packs.iter().map(|p| self.pack_ref(p)).collect()
    }

    /// Replaces the top-level packs (`--pack` on the command line).
    pub fn set_packs(&mut self, packs: Vec<String>) {
        self.packs = packs;
    }

    /// `file` relative to the root, with `/` separators, for glob matching.
    fn relative(&self, file: &Path) -> PathBuf {
        let absolute = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        let mut clean = PathBuf::new();
        for part in absolute.components() {
            match part {
                std::path::Component::CurDir => {}
                std::path::Component::ParentDir => {
                    clean.pop();
                }
                other => clean.push(other),
            }
        }
        clean
            .strip_prefix(&self.root)
            .map(Path::to_path_buf)
            .unwrap_or(clean)
    }

    /// Whether `file` is linted: it matches `include` (when set) and not `exclude`.
    pub fn includes(&self, file: &Path) -> bool {
        let relative = self.relative(file);
        let included = self
            .include
            .as_ref()
            .is_none_or(|(_, set)| set.is_match(&relative));
        included && !self.exclude.1.is_match(&relative)
    }

    /// Packs and severities for `file`.
    pub fn settings_for(&self, file: &Path) -> FileSettings {
        let relative = self.relative(file);
        let mut settings = FileSettings {
            packs: self.pack_refs(),
            rules: self.rules.clone(),
        };
        for o in self
            .overrides
            .iter()
            .filter(|o| o.files.is_match(&relative))
        {
            if let Some(packs) = &o.packs {
                settings.packs = packs.iter().map(|p| self.pack_ref(p)).collect();
            }
            settings.rules.extend(o.rules.iter().cloned());
        }
        settings
    }

    /// A pack named in the file: ids as they are, paths relative to the root.
    fn pack_ref(&self, pack: &str) -> String {
        let is_path =
            pack.contains(['/', '\\']) || pack.ends_with(".yaml") || pack.ends_with(".yml");
        if is_path && self.path.is_some() && Path::new(pack).is_relative() {
            self.root.join(pack).to_string_lossy().into_owned()
        } else {
            pack.to_owned()
        }
    }

    /// Checks that every rule named in the configuration exists in `known`
    /// (full ids `pack/rule`).
    pub fn check_rules<'a>(
        &self,
        known: impl Iterator<Item = &'a str> + Clone,
    ) -> Result<(), ConfigError> {
        let Some(source) = &self.source else {
            return Ok(());
        };
        let all = self
            .rules
            .iter()
            .chain(self.overrides.iter().flat_map(|o| &o.rules));
        for setting in all {
            if !known.clone().any(|id| setting.applies_to(id)) {
                return Err(PackError::at(
                    source,
                    setting.span.clone(),
                    format!("unknown rule `{}`", setting.rule),
                    "no loaded pack has this rule",
                    Some(
                        "write `pack/rule` or a rule id, as `noticelint packs` lists them"
                            .to_owned(),
                    ),
                )
                .into());
            }
        }
        Ok(())
    }

    /// A readable summary of what applies to `file`, for `noticelint config`.
    pub fn describe(&self, file: &Path) -> String {
        let settings = self.settings_for(file);
        let mut out = String::new();
        let source = self
            .path
            .as_ref()
            .map_or("none (defaults)".to_owned(), |p| p.display().to_string());
        out.push_str(&format!("config: {source}\n"));
        out.push_str(&format!("root: {}\n", self.root.display()));
        out.push_str(&format!("path: {}\n", file.display()));
        out.push_str(&format!("included: {}\n", self.includes(file)));
        let packs = if settings.packs.is_empty() {
            vec![crate::pack::DEFAULT_PACK.to_owned()]
        } else {
            settings.packs.clone()
        };
        out.push_str(&format!("packs: [{}]\n", packs.join(", ")));
        if let Some((globs, _)) = &self.include {
            out.push_str(&format!("include: [{}]\n", globs.join(", ")));
        }
        if !self.exclude.0.is_empty() {
            out.push_str(&format!("exclude: [{}]\n", self.exclude.0.join(", ")));
        }
        out.push_str(&format!("extensions: [{}]\n", self.extensions.join(", ")));
        out.push_str(&format!("feedback: {}\n", self.feedback));
        if let Some(max) = self.max_warnings {
            out.push_str(&format!("max_warnings: {max}\n"));
        }
        let applied: Vec<&str> = self
            .overrides
            .iter()
            .filter(|o| o.files.is_match(self.relative(file)))
            .map(|o| o.glob.as_str())
            .collect();
        if !applied.is_empty() {
            out.push_str(&format!("overrides: [{}]\n", applied.join(", ")));
        }
        if !settings.rules.is_empty() {
            out.push_str("rules:\n");
            for r in &settings.rules {
                out.push_str(&format!(
                    "  {}: {}\n",
                    r.rule,
                    r.severity.map_or("off", Severity::as_str)
                ));
            }
        }
        out
    }
}

fn globs(
    source: &Source,
    patterns: &[Spanned<String>],
) -> Result<(Vec<String>, GlobSet), ConfigError> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = Glob::new(&pattern.value).map_err(|e| {
            PackError::at(
                source,
                span_of(source, &pattern.referenced),
                format!("invalid glob `{}`: {}", pattern.value, e.kind()),
                "this glob",
                None,
            )
        })?;
        builder.add(glob);
    }
    let set = builder
        .build()
        .map_err(|e| PackError::at(source, 0..0, format!("invalid globs: {e}"), "here", None))?;
    Ok((patterns.iter().map(|p| p.value.clone()).collect(), set))
}

fn settings(
    source: &Source,
    rules: BTreeMap<String, Spanned<String>>,
) -> Result<Vec<RuleSetting>, ConfigError> {
    rules
        .into_iter()
        .map(|(rule, value)| {
            Ok(RuleSetting {
                severity: parse_severity(source, &value)?,
                span: span_of(source, &value.referenced),
                rule,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, String> {
        Config::parse("noticelint.yaml", text, Path::new("/repo")).map_err(|e| e.to_string())
    }

    #[test]
    fn settings_follow_overrides_in_order() {
        let config = parse(
            "packs: [xuncha-zhenggai]\nrules: {sentence-end: off}\noverrides:\n  - files: 'old/**'\n    packs: [gongwen-base]\n    rules: {gongwen-base/terms: warning}\n  - files: 'old/2020/**'\n    rules: {terms: off}\n",
        )
        .unwrap();
        let top = config.settings_for(Path::new("/repo/new/a.md"));
        assert_eq!(top.packs, ["xuncha-zhenggai"]);
        assert_eq!(top.rules.len(), 1);
        assert!(top.rules[0].applies_to("gongwen-base/sentence-end"));
        assert!(!top.rules[0].applies_to("gongwen-base/sentence-ends"));
        let old = config.settings_for(Path::new("/repo/old/2020/b.txt"));
        assert_eq!(old.packs, ["gongwen-base"]);
        let last = old.rules.last().unwrap();
        assert_eq!((last.rule.as_str(), last.severity), ("terms", None));
        assert_eq!(old.rules[1].severity, Some(Severity::Warning));
    }

    #[test]
    fn include_and_exclude_are_relative_to_the_root() {
        let config = parse("include: ['notices/**']\nexclude: ['notices/archive/**']\n").unwrap();
        assert!(config.includes(Path::new("/repo/notices/a.md")));
        assert!(!config.includes(Path::new("/repo/notices/archive/a.md")));
        assert!(!config.includes(Path::new("/repo/other/a.md")));
        assert!(config.includes(Path::new("/repo/notices/./x/../b.txt")));
    }

    #[test]
    fn defects_point_into_the_file() {
        let e = parse("packs: [a]\nmax_warning: 3\n").unwrap_err();
        assert!(
            e.contains("invalid configuration noticelint.yaml:2:1"),
            "{e}"
        );
        let e = parse("exclude: ['a/[']\n").unwrap_err();
        assert!(e.contains("noticelint.yaml:1:"), "{e}");
        assert!(e.contains("invalid glob"), "{e}");
        let e = parse("rules: {terms: loud}\n").unwrap_err();
        assert!(e.contains("unknown severity `loud`"), "{e}");
        let e = parse("extensions: ['*.md']\n").unwrap_err();
        assert!(e.contains("not a file extension"), "{e}");
        let e = parse("overrides:\n  - packs: [a]\n").unwrap_err();
        assert!(e.contains("files"), "{e}");
        let config = parse("rules: {nope: off}\n").unwrap();
        let e = config
            .check_rules(["gongwen-base/terms"].into_iter())
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown rule `nope`"), "{e}");
        assert!(e.contains("noticelint.yaml:1:"), "{e}");
    }

    #[test]
    fn empty_file_is_the_defaults() {
        let config = parse("").unwrap();
        assert_eq!(config.extensions, ["txt", "md"]);
        assert_eq!(config.feedback, DEFAULT_FEEDBACK_PATTERN);
    }
}
