//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// The binary under test, with colour and environment made deterministic.
pub fn noticelint() -> Command {
    let mut cmd = Command::cargo_bin("noticelint").expect("binary is built");
    cmd.env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        // Tests on GitHub Actions must not write the job's summary.
        .env_remove("GITHUB_STEP_SUMMARY");
    cmd
}

/// A temporary folder to write documents and packs in and to run
/// `noticelint` in, so that paths print relative.
pub struct Workspace {
    dir: TempDir,
}

impl Workspace {
    pub fn new() -> Workspace {
        Workspace {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// The folder itself.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// The path of `name` in the folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.root().join(name)
    }

    /// Writes `name` (creating its folders) and returns its path.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        path
    }

    pub fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path(name)).unwrap()
    }

    pub fn read_to_string(&self, name: &str) -> String {
        std::fs::read_to_string(self.path(name)).unwrap()
    }

    /// Runs `run`, asserting that no file of the folder changed.
    pub fn unchanged<R>(&self, run: impl FnOnce() -> R) -> R {
        let before = snapshot(self.root());
        let result = run();
        assert_eq!(snapshot(self.root()), before, "a file changed");
        result
    }

    /// [`noticelint`] running in the folder.
    pub fn noticelint(&self) -> Command {
        let mut cmd = noticelint();
        cmd.current_dir(self.root());
        cmd
    }
}

/// Path of a file in the repository.
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// A pack with only a contact-block rule: findings land where a test wants them.
pub const CONTACT_PACK: &str = r"pack: t
rules:
  - id: contact
    kind: contact_block
    find: '联系方式'
    help: 写明联系方式
    fields:
      - { name: phone, title: 电话, label: '电话|联系方式', value: phone_cn }
";

/// Writes `CONTACT_PACK` into `dir` and returns its path.
pub fn contact_pack(dir: &Path) -> PathBuf {
    let path = dir.join("contact.yaml");
    std::fs::write(&path, CONTACT_PACK).unwrap();
    path
}

/// Parses `--format json` output.
pub fn json(output: &[u8]) -> serde_json::Value {
    serde_json::from_slice(output).expect("valid JSON")
}

/// Every file under `dir` with its bytes, to check that a run changed none.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file()
                && let Ok(bytes) = std::fs::read(&path)
            {
                out.push((path, bytes));
            }
        }
    }
    out.sort();
    out
}
