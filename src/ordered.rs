//! Work on many items in parallel, with the results handed over in the order
//! of the items: [`for_each_in_order`] streams them (linting files),
//! [`map`] collects them (compiling the rules of packs).
//!
//! A run over a documents repository must print the same report whatever the
//! number of threads, start printing before the last file is linted, and not
//! hold every report in memory. Worker threads take the items in order and
//! send each result to the calling thread, which puts them back in order and
//! hands them to `sink` while the workers go on: the output is written at the
//! same time as the files are linted. A worker never runs more than `window`
//! items ahead of the last result handed over, so at most `window` results
//! wait in memory, however slow one item is.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, PoisonError, mpsc};
use std::thread;

/// Most threads a run starts, whatever is asked for.
pub const MAX_THREADS: usize = 256;

/// The number of threads to use for `requested` (0: one per core) on `items`
/// pieces of work: at most [`MAX_THREADS`] and at most one per item; for a
/// single item, without asking the system for its cores (which reads cgroup
/// files on Linux).
pub fn thread_count(requested: usize, items: usize) -> usize {
    if items <= 1 {
        return 1;
    }
    let threads = if requested > 0 {
        requested
    } else {
        thread::available_parallelism().map_or(1, |n| n.get())
    };
    threads.min(MAX_THREADS).min(items)
}

/// Calls `work` on every item, on up to `threads` threads, and `sink` on each
/// result in the order of `items`. The first error of `sink` stops the run:
/// no item is started after it, and it is returned once the items being
/// worked on are done.
pub fn for_each_in_order<T, R, E>(
    items: &[T],
    threads: usize,
    window: usize,
    work: impl Fn(&T) -> R + Sync,
    mut sink: impl FnMut(R) -> Result<(), E>,
) -> Result<(), E>
where
    T: Sync,
    R: Send,
{
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        return items.iter().try_for_each(|item| sink(work(item)));
    }
    let window = window.max(threads);
    let next = AtomicUsize::new(0);
    let stop = Stop::default();
    let work = &work;
    thread::scope(|scope| {
        let (sender, receiver) = mpsc::channel::<(usize, R)>();
        for _ in 0..threads {
            let sender = sender.clone();
            let (next, stop) = (&next, &stop);
            scope.spawn(move || {
                // A panicking worker stops the others, which would otherwise
                // wait for ever for the result it will not send.
                let _stop_on_panic = stop.on_panic();
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(index) else {
                        return;
                    };
                    if !stop.wait_for(index, window) || sender.send((index, work(item))).is_err() {
                        return;
                    }
                }
            });
        }
        drop(sender);
        // Likewise when the sink panics: the workers must not wait for it.
        let _stop_on_panic = stop.on_panic();
        let mut waiting = BTreeMap::new();
        let mut expected = 0;
        let mut outcome = Ok(());
        'receive: for (index, result) in receiver.iter() {
            waiting.insert(index, result);
            while let Some(result) = waiting.remove(&expected) {
                if let Err(error) = sink(result) {
                    outcome = Err(error);
                    break 'receive;
                }
                expected += 1;
                stop.handed_over(expected);
            }
        }
        if outcome.is_err() {
            stop.stop();
        }
        drop(receiver);
        outcome
    })
}

/// What the workers of [`for_each_in_order`] wait on: how many results the
/// sink has taken, and whether the run is stopping.
#[derive(Default)]
struct Stop {
    taken: Mutex<(usize, bool)>,
    changed: Condvar,
}

impl Stop {
    fn lock(&self) -> std::sync::MutexGuard<'_, (usize, bool)> {
        self.taken.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits until item `index` is within `window` of the results taken;
    /// false when the run stops instead.
    fn wait_for(&self, index: usize, window: usize) -> bool {
        let mut state = self.lock();
        while index >= state.0 + window && !state.1 {
            state = self
                .changed
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
        !state.1
    }

    fn handed_over(&self, count: usize) {
        self.lock().0 = count;
        self.changed.notify_all();
    }

    fn stop(&self) {
        self.lock().1 = true;
        self.changed.notify_all();
    }

    /// A guard that stops the run if its thread panics.
    fn on_panic(&self) -> StopOnPanic<'_> {
        StopOnPanic(self)
    }
}

struct StopOnPanic<'a>(&'a Stop);

impl Drop for StopOnPanic<'_> {
    fn drop(&mut self) {
        if thread::panicking() {
            self.0.stop();
        }
    }
}

/// `items.into_iter().map(work).collect()`, on up to `threads` threads: each
/// thread takes the next item when it is done with one, so that a few slow
/// items do not leave the other threads idle. The results keep the order of
/// the items.
pub fn map<T, R>(items: Vec<T>, threads: usize, work: impl Fn(T) -> R + Sync) -> Vec<R>
where
    T: Send,
    R: Send,
{
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        return items.into_iter().map(work).collect();
    }
    let count = items.len();
    let queue = Mutex::new(items.into_iter().enumerate());
    let work = &work;
    let mut done: Vec<(usize, R)> = thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let queue = &queue;
                scope.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        let next = queue.lock().unwrap_or_else(PoisonError::into_inner).next();
                        let Some((index, item)) = next else {
                            return done;
                        };
                        done.push((index, work(item)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| match worker.join() {
                Ok(done) => done,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    debug_assert_eq!(done.len(), count);
    done.sort_unstable_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, result)| result).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;
    use std::time::Duration;

    #[test]
    fn thread_counts() {
        assert_eq!(thread_count(8, 1), 1);
        assert_eq!(thread_count(0, 0), 1);
        assert_eq!(thread_count(8, 3), 3);
        assert_eq!(thread_count(2, 100), 2);
        assert_eq!(thread_count(100_000, 100_000), MAX_THREADS);
        let cores = thread::available_parallelism().map_or(1, |n| n.get());
        assert_eq!(thread_count(0, 100_000), cores.min(MAX_THREADS));
    }

    #[test]
    fn map_keeps_the_order_and_uses_the_threads() {
        let items: Vec<String> = (0..300).map(|n| n.to_string()).collect();
        let threads_seen = Mutex::new(std::collections::HashSet::new());
        let lengths = map(items.clone(), 3, |s| {
            threads_seen.lock().unwrap().insert(thread::current().id());
            thread::sleep(Duration::from_micros(200));
            s.len()
        });
        assert_eq!(lengths, items.iter().map(String::len).collect::<Vec<_>>());
        assert!(threads_seen.lock().unwrap().len() > 1);
        assert_eq!(map(Vec::<u8>::new(), 4, |b| b), Vec::<u8>::new());
    }

    #[test]
    fn results_come_in_order_whatever_the_threads() {
        let items: Vec<u64> = (0..500).collect();
        for threads in [1, 2, 3, 8] {
            let mut seen = Vec::new();
            let result: Result<(), ()> = for_each_in_order(
                &items,
                threads,
                4,
                |&n| {
                    // Uneven work, so that results arrive out of order.
                    if n % 7 == 0 {
                        thread::sleep(Duration::from_micros(200));
                    }
                    n * n
                },
                |square| {
                    seen.push(square);
                    Ok(())
                },
            );
            assert_eq!(result, Ok(()));
            assert_eq!(seen, items.iter().map(|n| n * n).collect::<Vec<_>>());
        }
    }

    #[test]
    fn workers_stay_within_the_window() {
        let items: Vec<usize> = (0..200).collect();
        let window = 5;
        let handed = AtomicUsize::new(0);
        let result: Result<(), String> = for_each_in_order(
            &items,
            4,
            window,
            |&i| {
                let taken = handed.load(Ordering::SeqCst);
                assert!(
                    i < taken + window,
                    "item {i} started with {taken} handed over"
                );
                if i == 0 {
                    thread::sleep(Duration::from_millis(20));
                }
                i
            },
            |i| {
                handed.store(i + 1, Ordering::SeqCst);
                Ok(())
            },
        );
        assert_eq!(result, Ok(()));
    }

    /// Runs `f` on a thread and waits at most ten seconds for it to end.
    fn ends_in_time(f: impl FnOnce() + Send + 'static) -> thread::Result<()> {
        let (done, ended) = mpsc::channel();
        let handle = thread::spawn(move || {
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
            let _ = done.send(());
            if let Err(panic) = result {
                std::panic::resume_unwind(panic);
            }
        });
        ended
            .recv_timeout(Duration::from_secs(10))
            .expect("the run hung");
        handle.join()
    }

    #[test]
    fn a_panic_of_a_worker_ends_the_run_with_the_panic() {
        let result = ends_in_time(|| {
            let items: Vec<usize> = (0..1000).collect();
            let _: Result<(), ()> =
                for_each_in_order(&items, 2, 8, |&i| assert!(i != 5, "item 5"), |()| Ok(()));
        });
        assert!(result.is_err());
    }

    #[test]
    fn a_panic_of_the_sink_ends_the_run_with_the_panic() {
        let result = ends_in_time(|| {
            let items: Vec<usize> = (0..1000).collect();
            let _: Result<(), ()> = for_each_in_order(
                &items,
                2,
                8,
                |&i| i,
                |i| {
                    assert!(i != 5, "item 5");
                    Ok(())
                },
            );
        });
        assert!(result.is_err());
    }

    #[test]
    fn an_error_of_the_sink_stops_the_run() {
        let items: Vec<usize> = (0..10_000).collect();
        let started = AtomicUsize::new(0);
        let result = for_each_in_order(
            &items,
            2,
            8,
            |&i| {
                started.fetch_add(1, Ordering::SeqCst);
                i
            },
            |i| if i == 10 { Err(i) } else { Ok(()) },
        );
        assert_eq!(result, Err(10));
        // Items 0..10 were handed over; the workers may have been up to a
        // window ahead, but no further.
        assert!(started.load(Ordering::SeqCst) <= 10 + 8, "{started:?}");
    }
}
