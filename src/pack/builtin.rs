//! Packs shipped inside the binary, from `rules/*.yaml`.

/// A built-in pack: its id and YAML text.
#[derive(Debug, Clone, Copy)]
pub struct BuiltinPack {
    /// The id `--pack` and `extends` use.
    pub id: &'static str,
    /// The pack's YAML.
    pub yaml: &'static str,
}

/// Every built-in pack.
pub const BUILTIN_PACKS: &[BuiltinPack] = &[
    BuiltinPack {
        id: "gongwen-base",
        yaml: include_str!("../../rules/gongwen-base.yaml"),
    },
    BuiltinPack {
        id: "xuncha-zhenggai",
        yaml: include_str!("../../rules/xuncha-zhenggai.yaml"),
    },
];

/// The pack used when none is named.
pub const DEFAULT_PACK: &str = "xuncha-zhenggai";

/// Looks up a built-in pack by id.
pub fn builtin(id: &str) -> Option<&'static BuiltinPack> {
    BUILTIN_PACKS.iter().find(|p| p.id == id)
}
