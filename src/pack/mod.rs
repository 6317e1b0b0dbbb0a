//! Rule packs: loading YAML (built-in or from files), following `extends`,
//! validating every value and compiling rules, once per run.

mod builtin;
mod error;
pub mod pattern;
mod schema;
pub mod yaml;

use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use serde_saphyr::Spanned;

pub use builtin::{BUILTIN_PACKS, BuiltinPack, DEFAULT_PACK, builtin};
pub use error::{InvalidPack, PackError, span_of};
pub use schema::{PackFile, RestOfRule, RuleSpec};

use crate::anchors::{self, AnchorOptions, AnchorSpec};
use crate::diagnostic::Severity;
use crate::document::Source;
use crate::feedback::{FeedbackList, FeedbackSpec};
use crate::ordered;
use crate::outline::SectionSpec;
use crate::rules::{Check, KINDS, KindOptions};
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

impl PackSet {
    /// Loads the given packs (and what they extend), each once.
    pub fn load(refs: &[PackRef]) -> Result<PackSet, PackError> {
        Loader::run(|loader| refs.iter().try_for_each(|pack| loader.load(pack, None)))
    }

    /// Loads one pack from YAML text (its `extends` may name built-in packs only).
    pub fn load_str(name: &str, yaml: &str) -> Result<PackSet, PackError> {
        Loader::run(|loader| {
            loader.seen.insert(name.to_owned());
            loader.stack.push(name.to_owned());
            loader.load_source(Source::new(name, yaml), None, None)
        })
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

/// Reads packs and what they extend, then compiles all their anchors,
/// feedback lists and rules at once.
///
/// Reading is sequential (`extends` decides what to read next); compiling,
/// mostly regular expressions and automata, is most of the time of a load
/// and each piece compiles on its own, so the pieces are compiled in
/// parallel once every pack is read. Errors come out in the same order as
/// when loading one piece after the other.
#[derive(Default)]
struct Loader {
    /// Packs read, extended packs first.
    packs: Vec<PackInfo>,
    /// The same packs, waiting for what they compile.
    read: Vec<ReadPack>,
    /// What the packs compile (by index into `read`), in the order a
    /// sequential load meets it: a pack's anchors, its feedback list, its
    /// rules.
    work: Vec<(usize, Work)>,
    /// Identities (`builtin:id` or canonical path) loaded or being loaded.
    seen: HashSet<String>,
    /// Identities being loaded, for cycle detection.
    stack: Vec<String>,
    /// Read built-in packs from their YAML rather than their JSON.
    exact: bool,
    /// Names of the sources read from JSON: what is reported about them has
    /// no location.
    from_json: Vec<String>,
}

/// Where an `extends` entry was written, to point errors at it.
struct ExtendsSite<'a> {
    source: &'a Source,
    span: Range<usize>,
    dir: Option<&'a Path>,
}

impl Loader {
    /// Reads packs with `read`, then compiles them.
    ///
    /// Built-in packs are read from their JSON, which has no locations; so
    /// when something is wrong (which the tests of the built-in packs rule
    /// out for them, but not for a pack extending them), everything is read
    /// again from YAML, for the error a YAML-only load reports.
    fn run(read: impl Fn(&mut Loader) -> Result<(), PackError>) -> Result<PackSet, PackError> {
        let attempt = |exact: bool| -> (Result<PackSet, PackError>, Vec<String>) {
            let mut loader = Loader {
                exact,
                ..Loader::default()
            };
            let result = read(&mut loader);
            let from_json = std::mem::take(&mut loader.from_json);
            match result {
                Ok(()) => (loader.finish(), from_json),
                Err(error) => (Err(loader.first_error(error)), from_json),
            }
        };
        match attempt(false) {
            (Err(error), from_json)
                if error
                    .source_name()
                    .is_some_and(|name| from_json.iter().any(|n| n == name)) =>
            {
                attempt(true).0
            }
            (result, _) => result,
        }
    }

    fn load(&mut self, pack: &PackRef, site: Option<ExtendsSite<'_>>) -> Result<(), PackError> {
        let (identity, source, dir, json) = match pack {
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
                    (!self.exact).then_some(builtin.json),
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
                    None,
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
        self.load_source(source, dir.as_deref(), json)?;
        self.stack.pop();
        Ok(())
    }

    /// The error a sequential load would have met first: a rule of a pack
    /// read before `error` that does not compile, or else `error`.
    fn first_error(self, error: PackError) -> PackError {
        self.finish().err().unwrap_or(error)
    }

    /// Compiles every rule read (in parallel), then checks what rules refer
    /// to, pack by pack, as each pack was read.
    fn finish(self) -> Result<PackSet, PackError> {
        let Loader {
            packs, read, work, ..
        } = self;
        let defined = |id: &str| {
            work.iter()
                .any(|(_, w)| matches!(w, Work::Anchors(specs) if specs.contains_key(id)))
        };
        let builtin_anchors = !anchors::BUILTIN_IDS.iter().all(|id| defined(id));
        let mut tasks: Vec<Task<'_>> = Vec::with_capacity(work.len() + 1);
        if builtin_anchors {
            tasks.push(Task::BuiltinAnchors);
        }
        tasks.extend(work.into_iter().map(|(index, work)| Task::Pack {
            source: &read[index].source,
            work,
        }));
        let threads = ordered::thread_count(0, tasks.len()).min(MAX_COMPILE_THREADS);
        let mut compiled = compile_longest_first(tasks, threads).into_iter();
        let builtin = if builtin_anchors {
            let Some(Compiled::Anchors(Ok(builtin))) = compiled.next() else {
                unreachable!("the first task compiles the built-in anchors");
            };
            builtin
        } else {
            Vec::new()
        };
        // The packs' anchors, a redefined one where it was defined last.
        let mut anchors: Vec<AnchorSpec> = Vec::new();
        let mut set = PackSet {
            packs,
            rules: Vec::new(),
            sections: Vec::new(),
            anchors: Vec::new(),
            feedback: None,
        };
        for pack in read {
            if pack.has_anchors {
                let Some(Compiled::Anchors(specs)) = compiled.next() else {
                    unreachable!("one task for the anchors of a pack, in order");
                };
                for spec in specs? {
                    anchors.retain(|a| a.id != spec.id);
                    anchors.push(spec);
                }
            }
            if pack.has_feedback {
                let Some(Compiled::Feedback(list)) = compiled.next() else {
                    unreachable!("one task for the feedback list of a pack, in order");
                };
                set.feedback = Some(list?);
            }
            let mut rules = Vec::with_capacity(pack.metas.len());
            for meta in pack.metas {
                let meta = meta?;
                let Some(Compiled::Rule(check)) = compiled.next() else {
                    unreachable!("one task per rule, in order");
                };
                let check = check?;
                set.sections.extend(check.section_specs().iter().cloned());
                rules.push(CompiledRule { meta, check });
            }
            // Names rules refer to must exist once this pack and those read
            // before it are loaded.
            let known_anchors: Vec<&str> = anchors::BUILTIN_IDS
                .iter()
                .copied()
                .filter(|id| !anchors.iter().any(|a| a.id == *id))
                .chain(anchors.iter().map(|a| a.id.as_str()))
                .collect();
            for reference in rules.iter().flat_map(|r| r.check.references()) {
                check_reference(&pack.source, reference, &set.sections, &known_anchors)?;
            }
            set.rules.extend(rules);
        }
        // A pack may redefine a built-in anchor; the others come first.
        set.anchors = builtin;
        set.anchors
            .retain(|b| !anchors.iter().any(|a| a.id == b.id));
        set.anchors.extend(anchors);
        Ok(set)
    }

    /// Reads a pack's YAML.
    fn read_yaml(source: &Source) -> Result<PackFile, PackError> {
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
        yaml::from_source(source)
    }

    /// Reads the pack in `source`, or its data from `json` when given (see
    /// [`BuiltinPack::json`]), with what it extends.
    fn load_source(
        &mut self,
        pack: Source,
        dir: Option<&Path>,
        json: Option<&str>,
    ) -> Result<(), PackError> {
        let source = &pack;
        // The JSON is the YAML's data, so it only fails to read as a pack
        // where the YAML fails too, with a located error.
        let file = match json.map(serde_json::from_str::<PackFile>) {
            Some(Ok(file)) => {
                self.from_json.push(source.name().to_owned());
                file
            }
            _ => Self::read_yaml(source)?,
        };
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
        if let Some(other) = self.packs.iter().find(|p| p.id == pack_id) {
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
        // Nothing below fails: what the pack compiles is queued, and what is
        // wrong with a rule is reported in its turn (see `finish`).
        let index = self.read.len();
        let has_anchors = !file.anchors.is_empty();
        if has_anchors {
            self.work.push((index, Work::Anchors(file.anchors)));
        }
        let has_feedback = file.feedback.is_some();
        if let Some(spec) = file.feedback {
            self.work
                .push((index, Work::Feedback(spec, format!("pack {pack_id}"))));
        }
        let mut metas = Vec::with_capacity(file.rules.len());
        for rule in file.rules {
            let spec = rule.value;
            let id = spec.id.expect("checked above");
            let kind = spec.kind.expect("the schema requires a kind");
            let Some(options) = spec.options else {
                metas.push(Err(PackError::at_value(
                    source,
                    &kind.referenced,
                    format!("unknown rule kind `{}`", kind.value),
                    "unknown kind",
                    Some(format!("known kinds: {}", KINDS.join(", "))),
                )));
                continue;
            };
            let severity = match &spec.severity {
                None => Some(Severity::Error),
                Some(s) => match parse_severity(source, s) {
                    Ok(severity) => severity,
                    Err(error) => {
                        metas.push(Err(error));
                        continue;
                    }
                },
            };
            let span = span_of(source, &rule.referenced);
            self.work.push((index, Work::Rule(Box::new(options), span)));
            metas.push(Ok(RuleMeta {
                id: format!("{pack_id}/{}", id.value),
                kind: kind.value,
                severity,
                description: spec.description.map(|d| d.value),
                message: spec.message.map(|m| m.value),
                help: spec.help.map(|h| h.value),
                url: spec.url.map(|u| u.value),
            }));
        }
        self.packs.push(PackInfo {
            id: pack_id,
            version: file.version.map(|v| v.value),
            title: file.title,
            description: file.description,
            origin: source.name().to_owned(),
            extends: file.extends.into_iter().map(|e| e.value).collect(),
        });
        self.read.push(ReadPack {
            source: pack,
            has_anchors,
            has_feedback,
            metas,
        });
        Ok(())
    }
}

/// Checks that a section or anchor a rule names exists.
fn check_reference(
    source: &Source,
    reference: &Reference,
    sections: &[SectionSpec],
    anchors: &[&str],
) -> Result<(), PackError> {
    let (what, known): (&str, Vec<&str>) = match reference.kind {
        ReferenceKind::Section => ("section", sections.iter().map(|s| s.id.as_str()).collect()),
        ReferenceKind::Anchor => (
            "anchor",
            anchors
                .iter()
                .copied()
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

/// Most threads that compile rules: packs have a few dozen rules, and
/// starting more threads than that costs more than it saves.
const MAX_COMPILE_THREADS: usize = 4;

/// A pack read, waiting for what it compiles.
struct ReadPack {
    source: Source,
    has_anchors: bool,
    has_feedback: bool,
    /// Each rule's metadata, or what is wrong with the rule: reported when
    /// what comes before it has compiled, as a sequential load would.
    metas: Vec<Result<RuleMeta, PackError>>,
}

/// What a pack compiles, one piece at a time.
enum Work {
    /// The pack's `anchors:`.
    Anchors(BTreeMap<String, Spanned<AnchorOptions>>),
    /// The pack's feedback list, and its origin.
    Feedback(FeedbackSpec, String),
    /// A rule, written at the span of the pack.
    Rule(Box<KindOptions>, Range<usize>),
}

/// One piece of compilation: the engine's anchors, or a piece of a pack.
enum Task<'a> {
    BuiltinAnchors,
    Pack { source: &'a Source, work: Work },
}

enum Compiled {
    Anchors(Result<Vec<AnchorSpec>, PackError>),
    Feedback(Result<FeedbackList, PackError>),
    Rule(Result<Box<dyn Check>, PackError>),
}

impl Task<'_> {
    fn run(self) -> Compiled {
        match self {
            Task::BuiltinAnchors => Compiled::Anchors(Ok(anchors::builtin_specs())),
            Task::Pack { source, work } => match work {
                Work::Anchors(specs) => Compiled::Anchors(anchors::compile_anchors(specs, source)),
                Work::Feedback(spec, origin) => Compiled::Feedback(spec.compile(source, origin)),
                Work::Rule(options, span) => Compiled::Rule(options.compile(source, span)),
            },
        }
    }

    /// About how long the task takes to compile, in tenths of a millisecond
    /// (measured on the built-in packs); only the order matters.
    fn cost(&self) -> u32 {
        match self {
            Task::BuiltinAnchors => 3,
            Task::Pack { work, .. } => match work {
                Work::Anchors(specs) => 4 * specs.len() as u32,
                Work::Feedback(spec, _) => 1 + spec.pattern_count() as u32,
                Work::Rule(options, _) => options.compile_cost(),
            },
        }
    }
}

/// Runs the tasks on `threads` threads, the longest first so that no long
/// task starts last while the other threads wait; the results come back in
/// the order of `tasks`.
fn compile_longest_first(tasks: Vec<Task<'_>>, threads: usize) -> Vec<Compiled> {
    let mut queue: Vec<(usize, Task<'_>)> = tasks.into_iter().enumerate().collect();
    // Stable: tasks of the same cost keep their order.
    queue.sort_by_key(|(_, task)| std::cmp::Reverse(task.cost()));
    let mut done = ordered::map(queue, threads, |(index, task)| (index, task.run()));
    done.sort_unstable_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, compiled)| compiled).collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `Debug` of a pack file without the locations the JSON lacks.
    fn data_of(file: &PackFile) -> String {
        let location =
            regex::Regex::new(r"(referenced|defined): Location \{[^{}]*(\{[^{}]*\}[^{}]*)*\}")
                .expect("valid regex");
        location
            .replace_all(&format!("{file:#?}"), "$1: _")
            .into_owned()
    }

    #[test]
    fn the_json_of_every_builtin_pack_holds_the_data_of_its_yaml() {
        for pack in BUILTIN_PACKS {
            let from_yaml: PackFile = yaml::from_str(pack.yaml).expect("built-in YAML reads");
            let from_json: PackFile = serde_json::from_str(pack.json)
                .unwrap_or_else(|e| panic!("the JSON of {} does not read: {e}", pack.id));
            let (yaml, json) = (data_of(&from_yaml), data_of(&from_json));
            assert!(yaml.contains("kind: Some("), "{yaml}");
            assert!(!yaml.contains("Location"), "locations not stripped: {yaml}");
            assert_eq!(yaml, json, "the data of {} differs", pack.id);
        }
    }

    #[test]
    fn builtin_packs_are_read_from_their_json() {
        let mut loader = Loader::default();
        loader
            .load(&PackRef::Builtin(DEFAULT_PACK.to_owned()), None)
            .expect("the default pack loads");
        assert_eq!(
            loader.from_json,
            ["builtin:xuncha-zhenggai", "builtin:gongwen-base"],
            "with the pack it extends"
        );

        let mut loader = Loader {
            exact: true,
            ..Loader::default()
        };
        loader
            .load(&PackRef::Builtin(DEFAULT_PACK.to_owned()), None)
            .expect("the default pack loads");
        assert!(loader.from_json.is_empty());
    }

    #[test]
    fn an_error_in_a_pack_read_from_json_is_reported_at_its_yaml_location() {
        let yaml = "pack: shipped\nrules:\n  - id: r\n    kind: pattern\n    patterns: ['a(']\n";
        let json = r#"{"pack":"shipped","rules":[{"id":"r","kind":"pattern","patterns":["a("]}]}"#;
        let attempts = std::cell::Cell::new(0);
        let error = Loader::run(|loader| {
            attempts.set(attempts.get() + 1);
            let json = (!loader.exact).then_some(json);
            loader.load_source(Source::new("builtin:shipped", yaml), None, json)
        })
        .expect_err("the pattern does not compile");
        assert_eq!(attempts.get(), 2, "read again from YAML");
        let location = |error: &PackError| match error {
            PackError::Invalid(invalid) => invalid.location.clone(),
            other => panic!("not located: {other:?}"),
        };
        assert!(
            location(&error).starts_with("builtin:shipped:5:"),
            "{error:?}"
        );
        let from_yaml = PackSet::load_str("builtin:shipped", yaml).expect_err("does not compile");
        assert_eq!(location(&error), location(&from_yaml));
    }

    #[test]
    fn an_error_in_a_pack_read_from_yaml_is_not_read_again() {
        // The pack extends a built-in pack, read from JSON; its own error is
        // located already.
        let yaml = "pack: mine\nextends: [gongwen-base]\nrules:\n  - id: r\n    kind: pattern\n    patterns: ['a(']\n";
        let attempts = std::cell::Cell::new(0);
        let error = Loader::run(|loader| {
            attempts.set(attempts.get() + 1);
            loader.load_source(Source::new("mine.yaml", yaml), None, None)
        })
        .expect_err("the pattern does not compile");
        assert_eq!(attempts.get(), 1, "{error:?}");
        assert_eq!(error.source_name(), Some("mine.yaml"));
    }
}
