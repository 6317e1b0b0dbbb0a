//! A progress line on standard error while many files are linted on a
//! terminal: `linted 1200/5000 files`, redrawn a few times a second and
//! erased at the end.

use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

/// How often the line is redrawn.
const INTERVAL: Duration = Duration::from_millis(100);

/// Runs `work`, giving it a function to call once per file done; when
/// `show`, draws the progress of `total` files meanwhile.
pub fn run<T>(total: usize, show: bool, work: impl FnOnce(&(dyn Fn() + Sync)) -> T) -> T {
    let done = AtomicUsize::new(0);
    let finished = AtomicBool::new(false);
    let tick = || {
        done.fetch_add(1, Ordering::Relaxed);
    };
    if !show {
        return work(&tick);
    }
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let mut drawn = false;
            // Short runs finish before the first redraw and print nothing.
            std::thread::sleep(INTERVAL * 3);
            while !finished.load(Ordering::Relaxed) {
                let n = done.load(Ordering::Relaxed);
                let _ = write!(std::io::stderr(), "\rlinted {n}/{total} files");
                drawn = true;
                std::thread::sleep(INTERVAL);
            }
            if drawn {
                let _ = write!(std::io::stderr(), "\r\x1b[2K");
            }
        });
        let result = work(&tick);
        finished.store(true, Ordering::Relaxed);
        result
    })
}
