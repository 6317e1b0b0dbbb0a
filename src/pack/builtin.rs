//! Packs shipped inside the binary, from `rules/*.yaml`.

/// A built-in pack: its id, its YAML, and the same data as JSON.
#[derive(Debug, Clone, Copy)]
pub struct BuiltinPack {
    /// The id `--pack` and `extends` use.
    pub id: &'static str,
    /// The pack's YAML, the source of truth.
    pub yaml: &'static str,
    /// The pack's data as JSON, translated from `yaml` by `build.rs`: it reads
    /// many times faster, but without the locations of the YAML.
    pub json: &'static str,
}

/// Every built-in pack.
pub const BUILTIN_PACKS: &[BuiltinPack] = &[
    BuiltinPack {
        id: "gongwen-base",
        yaml: include_str!("../../rules/gongwen-base.yaml"),
        json: include_str!(concat!(env!("OUT_DIR"), "/gongwen-base.json")),
    },
    BuiltinPack {
        id: "xuncha-zhenggai",
        yaml: include_str!("../../rules/xuncha-zhenggai.yaml"),
        json: include_str!(concat!(env!("OUT_DIR"), "/xuncha-zhenggai.json")),
    },
];

/// The pack used when none is named.
pub const DEFAULT_PACK: &str = "xuncha-zhenggai";

/// Looks up a built-in pack by id.
pub fn builtin(id: &str) -> Option<&'static BuiltinPack> {
    BUILTIN_PACKS.iter().find(|p| p.id == id)
}
