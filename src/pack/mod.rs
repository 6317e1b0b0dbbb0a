//! Rule packs: loading YAML (built-in or from files), following `extends`,
//! validating every value and compiling rules, once per run.

mod builtin;
mod error;
pub mod pattern;
mod schema;
pub mod yaml;

use std::collections::HashSet;
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use serde_saphyr::Spanned;

pub use builtin::{BUILTIN_PACKS, BuiltinPack, DEFAULT_PACK, builtin};
pub use error::{InvalidPack, PackError, span_of};
pub use schema::{PackFile, RestOfRule, RuleSpec};

use crate::anchors::{self, AnchorSpec};
use crate::diagnostic::Severity;
use crate::document::Source;
use crate::feedback::FeedbackList;
use crate::outline::SectionSpec;
use crate::rules::{Check, KINDS};
use crate::scope::{Reference, ReferenceKind};

/// How a pack is named on the command line or in `extends`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackRef {
    /// A built-in pack id.
    Builtin(String),
    /// A YAML file.
    Path(PathBuf),
}

impl PackRef {
    /// A name containing a path separator or ending in `.yaml`/`.yml`, or naming
    /// an existing file, is a path; anything else is a built-in id.
    pub fn parse(name: &str) -> PackRef {
        let path = Path::new(name);
        let looks_like_path = name.contains(['/', '\\'])
            || name.ends_with(".yaml")
            || name.ends_with(".yml")
            || (builtin(name).is_none() && path.is_file());
        if looks_like_path {
            PackRef::Path(path.to_path_buf())
        } else {
            PackRef::Builtin(name.to_owned())
        }
    }
}

/// What a run knows about a rule besides its checker.
#[derive(Debug, Clone)]
pub struct RuleMeta {
    /// `pack/rule`.
    pub id: String,
    /// The rule kind.
    pub kind: String,
    /// `None` when the rule is off.
    pub severity: Option<Severity>,
    /// What the rule checks, in one sentence.
    pub description: Option<String>,
    /// Message override.
    pub message: Option<String>,
    /// Help override.
    pub help: Option<String>,
    /// Documentation link.
    pub url: Option<String>,
}

/// A rule ready to run.
#[derive(Debug)]
pub struct CompiledRule {
    /// Its identity and presentation.
    pub meta: RuleMeta,
    /// Its checker.
    pub check: Box<dyn Check>,
}

/// A loaded pack's description, for `noticelint packs` and reports.
#[derive(Debug, Clone)]
pub struct PackInfo {
    /// Pack id.
    pub id: String,
    /// Pack version.
    pub version: Option<String>,
    /// Title.
    pub title: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// `builtin:<id>` or the file path.
    pub origin: String,
    /// Ids of the packs it extends.
    pub extends: Vec<String>,
}

/// Every rule of the requested packs and of the packs they extend, compiled.
#[derive(Debug)]
pub struct PackSet {
    packs: Vec<PackInfo>,
    rules: Vec<CompiledRule>,
    sections: Vec<SectionSpec>,
    anchors: Vec<AnchorSpec>,
    feedback: Option<FeedbackList>,
}

impl Default for PackSet {
    fn default() -> Self {
        PackSet {
            packs: Vec::new(),
            rules: Vec::new(),
            sections: Vec::new(),
            anchors: anchors::builtin_specs(),
            feedback: None,
        }
    }
}

impl PackSet {
    /// Loads the given packs (and what they extend), each once.
    pub fn load(refs: &[PackRef]) -> Result<PackSet, PackError> {
        let mut loader = Loader::default();
        for pack in refs {
            loader.load(pack, None)?;
        }
        Ok(loader.set)
    }

    /// Loads one pack from YAML text (its `extends` may name built-in packs only).
    pub fn load_str(name: &str, yaml: &str) -> Result<PackSet, PackError> {
        let mut loader = Loader::default();
        loader.seen.insert(name.to_owned());
        loader.stack.push(name.to_owned());
        loader.load_source(&Source::new(name, yaml), None)?;
        Ok(loader.set)
    }

    /// Loaded packs, extended packs first.
    pub fn packs(&self) -> &[PackInfo] {
        &self.packs
    }

    /// Compiled rules in load order.
    pub fn rules(&self) -> &[CompiledRule] {
        &self.rules
    }

    /// Anchors defined by packs and by the engine.
    pub fn anchors(&self) -> &[AnchorSpec] {
        &self.anchors
    }

    /// The feedback list a pack carries (the last loaded pack's wins).
    pub fn feedback(&self) -> Option<&FeedbackList> {
        self.feedback.as_ref()
    }

    /// Sections that packs expect, in declaration order; rules refer to them by id.
    pub fn sections(&self) -> &[SectionSpec] {
        &self.sections
    }
}

#[derive(Default)]
struct Loader {
    set: PackSet,
    /// Identities (`builtin:id` or canonical path) loaded or being loaded.
    seen: HashSet<String>,
    /// Identities being loaded, for cycle detection.
    stack: Vec<String>,
}

/// Where an `extends` entry was written, to point errors at it.
struct ExtendsSite<'a> {
    source: &'a Source,
    span: Range<usize>,
    dir: Option<&'a Path>,
}

impl Loader {
    fn load(&mut self, pack: &PackRef, site: Option<ExtendsSite<'_>>) -> Result<(), PackError> {
        let (identity, source, dir) = match pack {
            PackRef::Builtin(id) => {
                let Some(builtin) = builtin(id) else {
                    let known = BUILTIN_PACKS
                        .iter()
                        .map(|p| p.id)
                        .collect::<Vec<_>>()
                        .join(", ");
                    return Err(match site {
                        Some(site) => PackError::at(
                            site.source,
                            site.span,
                            format!("unknown pack `{id}` in `extends`"),
                            "not a built-in pack or a file",
                            Some(format!(
                                "built-in packs: {known}; a file must be a relative path ending in .yaml"
                            )),
                        ),
                        None => PackError::Unknown {
                            name: id.clone(),
                            help: format!(
                                "built-in packs: {known}; or give the path of a pack file"
                            ),
                        },
                    });
                };
                (
                    format!("builtin:{id}"),
                    Source::new(format!("builtin:{id}"), builtin.yaml),
                    None,
                )
            }
            PackRef::Path(path) => {
                let path = match &site {
                    Some(site) => resolve_extends_path(path, site)?,
                    None => path.clone(),
                };
                let read_error = |source| PackError::Read {
                    path: path.display().to_string(),
                    error: source,
                };
                let canonical = path.canonicalize().map_err(|e| match &site {
                    Some(site) => PackError::at(
                        site.source,
                        site.span.clone(),
                        format!("cannot read extended pack `{}`: {e}", path.display()),
                        "extended here",
                        None,
                    ),
                    None => read_error(e),
                })?;
                // A pack may only extend regular files: opening a FIFO put in
                // its directory would block for ever.
                if let Some(site) = &site
                    && !canonical.is_file()
                {
                    return Err(PackError::at(
                        site.source,
                        site.span.clone(),
                        format!("extended pack `{}` is not a regular file", path.display()),
                        "extended here",
                        None,
                    ));
                }
                let text = yaml::read_file(&canonical).map_err(read_error)?;
                let name = path.display().to_string();
                let dir = canonical.parent().map(Path::to_path_buf);
                (
                    canonical.display().to_string(),
                    Source::new(name, text),
                    dir,
                )
            }
        };
        if self.stack.contains(&identity) {
            let chain = self
                .stack
                .iter()
                .chain([&identity])
                .cloned()
                .collect::<Vec<_>>()
                .join(" → ");
            let site = site.expect("a cycle is only closed by an extends entry");
            return Err(PackError::at(
                site.source,
                site.span,
                "`extends` cycle".to_owned(),
                "this pack extends itself through this entry",
                Some(chain),
            ));
        }
        if !self.seen.insert(identity.clone()) {
            return Ok(());
        }
        self.stack.push(identity);
        self.load_source(&source, dir.as_deref())?;
        self.stack.pop();
        Ok(())
    }

    fn check_reference(&self, source: &Source, reference: &Reference) -> Result<(), PackError> {
        let (what, known): (&str, Vec<&str>) = match reference.kind {
            ReferenceKind::Section => (
                "section",
                self.set.sections.iter().map(|s| s.id.as_str()).collect(),
            ),
            ReferenceKind::Anchor => (
                "anchor",
                self.set
                    .anchors
                    .iter()
                    .map(|a| a.id.as_str())
                    .chain([anchors::SIGNATURE_DATE])
                    .collect(),
            ),
        };
        if known.contains(&reference.name.as_str()) {
            return Ok(());
        }
        Err(PackError::at(
            source,
            reference.span.clone(),
            format!("unknown {what} `{}`", reference.name),
            format!("no such {what}"),
            Some(format!("known: {}", known.join(", "))),
        ))
    }

    fn load_source(&mut self, source: &Source, dir: Option<&Path>) -> Result<(), PackError> {
        if yaml::is_blank(source.text()) {
            return Err(PackError::at(
                source,
                0..0,
                "the pack is empty",
                "empty file",
                Some(
                    "a pack is a mapping with at least `pack: ID` and usually `rules:`".to_owned(),
                ),
            ));
        }
        // The budget bounds size, nesting and alias expansion (see `yaml`).
        let file: PackFile =
            yaml::from_str(source.text()).map_err(|e| PackError::from_yaml(source, &e))?;
        let pack_id = file.pack.value.clone();
        check_id(source, &file.pack, "pack id")?;
        if pack_id == crate::suppression::ENGINE_NAMESPACE {
            return Err(PackError::at_value(
                source,
                &file.pack.referenced,
                format!("pack id `{pack_id}` is reserved"),
                "reserved",
                Some(
                    "the engine's own findings (about suppression comments) are named noticelint/…; choose another id"
                        .to_owned(),
                ),
            ));
        }
        if let Some(other) = self.set.packs.iter().find(|p| p.id == pack_id) {
            return Err(PackError::at_value(
                source,
                &file.pack.referenced,
                format!("pack id `{pack_id}` is already used by {}", other.origin),
                "duplicate pack id",
                None,
            ));
        }
        for entry in &file.extends {
            let site = ExtendsSite {
                source,
                span: span_of(source, &entry.referenced),
                dir,
            };
            // Ids name built-in packs; paths end in .yaml/.yml or contain a separator.
            let value = &entry.value;
            let is_path =
                value.contains(['/', '\\']) || value.ends_with(".yaml") || value.ends_with(".yml");
            let pack = if is_path {
                PackRef::Path(PathBuf::from(value))
            } else {
                PackRef::Builtin(value.clone())
            };
            self.load(&pack, Some(site))?;
        }
        let mut ids: Vec<&Spanned<String>> = Vec::new();
        for rule in &file.rules {
            let spec = &rule.value;
            let id = spec.id.as_ref().expect("the schema requires an id");
            check_id(source, id, "rule id")?;
            if let Some(first) = ids.iter().find(|i| i.value == id.value) {
                let line = source
                    .position(span_of(source, &first.referenced).start)
                    .line;
                return Err(PackError::at_value(
                    source,
                    &id.referenced,
                    format!("duplicate rule id `{}`", id.value),
                    "used again here",
                    Some(format!(
                        "first used on line {line}; rule ids are unique within a pack"
                    )),
                ));
            }
            ids.push(id);
        }
        for spec in anchors::compile_anchors(file.anchors, source)? {
            self.set.anchors.retain(|a| a.id != spec.id);
            self.set.anchors.push(spec);
        }
        if let Some(feedback) = file.feedback {
            self.set.feedback = Some(feedback.compile(source, format!("pack {pack_id}"))?);
        }
        let mut compiled = Vec::with_capacity(file.rules.len());
        for rule in file.rules {
            let spec = rule.value;
            let id = spec.id.expect("checked above");
            let kind = spec.kind.expect("the schema requires a kind");
            let Some(options) = spec.options else {
                return Err(PackError::at_value(
                    source,
                    &kind.referenced,
                    format!("unknown rule kind `{}`", kind.value),
                    "unknown kind",
                    Some(format!("known kinds: {}", KINDS.join(", "))),
                ));
            };
            let severity = match &spec.severity {
                None => Some(Severity::Error),
                Some(s) => parse_severity(source, s)?,
            };
            let check = options.compile(source, span_of(source, &rule.referenced))?;
            self.set
                .sections
                .extend(check.section_specs().iter().cloned());
            compiled.push(CompiledRule {
                meta: RuleMeta {
                    id: format!("{pack_id}/{}", id.value),
                    kind: kind.value,
                    severity,
                    description: spec.description.map(|d| d.value),
                    message: spec.message.map(|m| m.value),
                    help: spec.help.map(|h| h.value),
                    url: spec.url.map(|u| u.value),
                },
                check,
            });
        }
        // Names rules refer to must exist once this pack and what it extends are loaded.
        for reference in compiled.iter().flat_map(|r| r.check.references()) {
            self.check_reference(source, reference)?;
        }
        self.set.rules.extend(compiled);
        self.set.packs.push(PackInfo {
            id: pack_id,
            version: file.version.map(|v| v.value),
            title: file.title,
            description: file.description,
            origin: source.name().to_owned(),
            extends: file.extends.into_iter().map(|e| e.value).collect(),
        });
        Ok(())
    }
}

/// Pack and rule ids: lowercase ASCII letters, digits and `-`, so that
/// `pack/rule` names stay unambiguous in every output format.
fn check_id(source: &Source, id: &Spanned<String>, what: &str) -> Result<(), PackError> {
    let valid = !id.value.is_empty()
        && id.value.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if valid {
        Ok(())
    } else {
        Err(PackError::at_value(
            source,
            &id.referenced,
            format!("invalid {what} `{}`", id.value),
            "not a valid id",
            Some(
                "ids use lowercase ASCII letters, digits and `-`, starting with a letter"
                    .to_owned(),
            ),
        ))
    }
}

/// `error`, `warning`, `info`, or `off` (`None`).
pub fn parse_severity(
    source: &Source,
    value: &Spanned<String>,
) -> Result<Option<Severity>, PackError> {
    match value.value.as_str() {
        "error" => Ok(Some(Severity::Error)),
        "warning" => Ok(Some(Severity::Warning)),
        "info" => Ok(Some(Severity::Info)),
        "off" => Ok(None),
        other => Err(PackError::at_value(
            source,
            &value.referenced,
            format!("unknown severity `{other}`"),
            "not a severity",
            Some("use error, warning, info or off".to_owned()),
        )),
    }
}

/// Resolves an `extends` path against the extending pack's directory. Packs may
/// only extend files inside their own directory, so a downloaded pack cannot
/// make the linter read arbitrary files.
fn resolve_extends_path(path: &Path, site: &ExtendsSite<'_>) -> Result<PathBuf, PackError> {
    let refuse = |why: &str| {
        PackError::at(
            site.source,
            site.span.clone(),
            format!("`extends` path `{}` {why}", path.display()),
            "refused",
            Some("a pack may extend built-in packs and files inside its own directory".to_owned()),
        )
    };
    let Some(dir) = site.dir else {
        return Err(refuse("cannot be used by a built-in pack"));
    };
    if path.is_absolute()
        || path.components().any(|c| {
            matches!(
                c,
                Component::ParentDir | Component::Prefix(_) | Component::RootDir
            )
        })
    {
        return Err(refuse("leaves the pack's directory"));
    }
    let joined = dir.join(path);
    if let Ok(canonical) = joined.canonicalize()
        && !canonical.starts_with(dir)
    {
        return Err(refuse("leaves the pack's directory through a link"));
    }
    Ok(joined)
}
