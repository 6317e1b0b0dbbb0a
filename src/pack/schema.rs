//! The YAML shape of a rule pack, as serde types that keep source locations.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{
    self, DeserializeSeed, Deserializer, IgnoredAny, IntoDeserializer, MapAccess, Visitor,
};
use serde_saphyr::Spanned;

use crate::anchors::AnchorOptions;
use crate::feedback::FeedbackSpec;
use crate::rules::KindOptions;

/// A pack file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackFile {
    /// Pack id; findings are named `<pack>/<rule id>`.
    pub pack: Spanned<String>,
    /// The pack's own version (free form, semver recommended).
    pub version: Option<Spanned<String>>,
    /// Human title.
    pub title: Option<String>,
    /// Longer description.
    pub description: Option<String>,
    /// Packs whose rules this pack includes: built-in ids or relative paths.
    #[serde(default)]
    pub extends: Vec<Spanned<String>>,
    /// Named dates found in each document.
    #[serde(default)]
    pub anchors: BTreeMap<String, Spanned<AnchorOptions>>,
    /// Feedback items every document checked with this pack must answer
    /// (used when no list is given for the document).
    pub feedback: Option<FeedbackSpec>,
    /// The rules.
    #[serde(default)]
    pub rules: Vec<Spanned<RuleSpec>>,
}

/// One rule entry: common keys plus the options of its kind.
#[derive(Debug)]
pub struct RuleSpec {
    /// Rule id, unique in its pack.
    pub id: Option<Spanned<String>>,
    /// Rule kind, e.g. `required_sections`.
    pub kind: Option<Spanned<String>>,
    /// `error`, `warning`, `info` or `off`.
    pub severity: Option<Spanned<String>>,
    /// What the rule checks, in one sentence (for rule listings and SARIF).
    pub description: Option<Spanned<String>>,
    /// Overrides the kind's default message.
    pub message: Option<Spanned<String>>,
    /// Overrides the kind's default help.
    pub help: Option<Spanned<String>>,
    /// Link to the rule's documentation.
    pub url: Option<Spanned<String>>,
    /// Options of the kind; `None` when the kind is unknown (reported later with
    /// the kind's location).
    pub options: Option<KindOptions>,
}

/// Keys every rule accepts, whatever its kind.
const COMMON_KEYS: &[&str] = &[
    "id",
    "kind",
    "severity",
    "description",
    "message",
    "help",
    "url",
];

impl RuleSpec {
    fn set_common<'de, A: MapAccess<'de>>(
        &mut self,
        key: &str,
        map: &mut A,
    ) -> Result<(), A::Error> {
        let (slot, name) = match key {
            "id" => (&mut self.id, "id"),
            "kind" => (&mut self.kind, "kind"),
            "severity" => (&mut self.severity, "severity"),
            "description" => (&mut self.description, "description"),
            "message" => (&mut self.message, "message"),
            "help" => (&mut self.help, "help"),
            "url" => (&mut self.url, "url"),
            _ => unreachable!("only called for common keys"),
        };
        if slot.is_some() {
            return Err(de::Error::duplicate_field(name));
        }
        *slot = Some(map.next_value()?);
        Ok(())
    }
}

impl<'de> Deserialize<'de> for RuleSpec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(RuleVisitor)
    }
}

struct RuleVisitor;

impl<'de> Visitor<'de> for RuleVisitor {
    type Value = RuleSpec;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a rule: a mapping with `id`, `kind` and the kind's options")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RuleSpec, A::Error> {
        let mut spec = RuleSpec {
            id: None,
            kind: None,
            severity: None,
            description: None,
            message: None,
            help: None,
            url: None,
            options: None,
        };
        // The kind decides how the remaining keys are read, so it must come first
        // among the non-common keys; common keys may stand anywhere.
        while spec.kind.is_none() {
            let Some(key) = map.next_key::<String>()? else {
                return Err(de::Error::missing_field("kind"));
            };
            if COMMON_KEYS.contains(&key.as_str()) {
                spec.set_common(&key, &mut map)?;
            } else {
                return Err(de::Error::custom(format_args!(
                    "`kind` must come before the option `{key}` in a rule"
                )));
            }
        }
        let kind = spec
            .kind
            .as_ref()
            .map(|k| k.value.clone())
            .unwrap_or_default();
        let rest = RestOfRule {
            map: &mut map,
            spec: &mut spec,
        };
        let options = KindOptions::deserialize_for(&kind, rest)?;
        if options.is_none() {
            // Unknown kind: skip its options, keep the common keys for the error.
            while let Some(key) = map.next_key::<String>()? {
                if COMMON_KEYS.contains(&key.as_str()) {
                    spec.set_common(&key, &mut map)?;
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        spec.options = options;
        if spec.id.is_none() {
            return Err(de::Error::missing_field("id"));
        }
        Ok(spec)
    }
}

/// The remaining entries of a rule mapping, read as the kind's options struct.
/// Common keys met on the way are stored in the [`RuleSpec`] instead, so the
/// options structs can deny unknown fields and keep value locations.
pub struct RestOfRule<'a, A> {
    map: &'a mut A,
    spec: &'a mut RuleSpec,
}

impl<'de, A: MapAccess<'de>> Deserializer<'de> for RestOfRule<'_, A> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_map(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
        byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map
        struct enum identifier ignored_any
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for RestOfRule<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        loop {
            let Some(key) = self.map.next_key::<String>()? else {
                return Ok(None);
            };
            if COMMON_KEYS.contains(&key.as_str()) {
                self.spec.set_common(&key, self.map)?;
            } else {
                return seed.deserialize(key.into_deserializer()).map(Some);
            }
        }
    }

    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}
