//! Which packs and options apply to each file of a run, from the
//! configuration: packs are loaded once per distinct list, options built once
//! per distinct set of severities.

use std::collections::HashMap;

use crate::LintOptions;
use crate::check::{Found, Job};
use crate::config::{Config, ConfigError, RuleSetting};
use crate::pack::{DEFAULT_PACK, PackError, PackRef, PackSet};

/// Everything needed to lint a list of files.
#[derive(Debug)]
pub struct Plan {
    packs: Vec<PackSet>,
    options: Vec<LintOptions>,
    files: Vec<(Found, usize, usize)>,
}

/// Why a plan cannot be made.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum PlanError {
    /// A pack does not load.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Pack(#[from] PackError),
    /// The configuration names something that does not exist.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Config(#[from] ConfigError),
}

/// Loads the packs named (ids or paths); none means the default pack.
pub fn load_packs(names: &[String]) -> Result<PackSet, PackError> {
    let refs: Vec<PackRef> = if names.is_empty() {
        vec![PackRef::Builtin(DEFAULT_PACK.to_owned())]
    } else {
        names.iter().map(|n| PackRef::parse(n)).collect()
    };
    PackSet::load(&refs)
}

impl Plan {
    /// Settles packs and options for each of `files`; `base` holds the options
    /// that come from the command line.
    pub fn build(
        config: &Config,
        files: Vec<Found>,
        base: &LintOptions,
    ) -> Result<Plan, PlanError> {
        let mut plan = Plan {
            packs: Vec::new(),
            options: Vec::new(),
            files: Vec::with_capacity(files.len()),
        };
        let mut pack_index: HashMap<Vec<String>, usize> = HashMap::new();
        let mut option_index: HashMap<Vec<(String, Option<&'static str>)>, usize> = HashMap::new();
        for file in files {
            let settings = config.settings_for(&file.path);
            let p = match pack_index.get(&settings.packs) {
                Some(&i) => i,
                None => {
                    plan.packs.push(load_packs(&settings.packs)?);
                    pack_index.insert(settings.packs.clone(), plan.packs.len() - 1);
                    plan.packs.len() - 1
                }
            };
            let key = key_of(&settings.rules);
            let o = match option_index.get(&key) {
                Some(&i) => i,
                None => {
                    plan.options.push(LintOptions {
                        rules: settings.rules.clone(),
                        feedback_pattern: Some(config.feedback.clone()),
                        ..base.clone()
                    });
                    option_index.insert(key, plan.options.len() - 1);
                    plan.options.len() - 1
                }
            };
            plan.files.push((file, p, o));
        }
        if plan.packs.is_empty() {
            // Check the configuration even when there is nothing to lint.
            plan.packs.push(load_packs(&config.pack_refs())?);
        }
        let known = plan
            .packs
            .iter()
            .flat_map(|p| p.rules().iter().map(|r| r.meta.id.as_str()));
        config.check_rules(known)?;
        Ok(plan)
    }

    /// One job per file, in the order given.
    pub fn jobs(&self) -> Vec<Job<'_>> {
        self.files
            .iter()
            .map(|(found, p, o)| Job {
                path: found.path.as_path(),
                named: found.named,
                packs: &self.packs[*p],
                options: &self.options[*o],
            })
            .collect()
    }

    /// The packs and options of the first file (for standard input, the
    /// only one).
    pub fn first(&self) -> Option<(&PackSet, &LintOptions)> {
        let (_, p, o) = self.files.first()?;
        Some((&self.packs[*p], &self.options[*o]))
    }

    /// Every pack set loaded.
    pub fn pack_sets(&self) -> &[PackSet] {
        &self.packs
    }
}

fn key_of(rules: &[RuleSetting]) -> Vec<(String, Option<&'static str>)> {
    rules
        .iter()
        .map(|r| (r.rule.clone(), r.severity.map(|s| s.as_str())))
        .collect()
}
