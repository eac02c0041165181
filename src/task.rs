//! Async work the panel shows: a request's latest result and whether one is running.
//!
//! Leptos' `Action` and `LocalResource` do this too, but they bring Suspense, transitions and
//! their async locks along, which the widget never uses: about 45 KB of wasm before
//! compression, downloaded by every visitor. [`Task`] is the part the panel needs: start a
//! job, keep only the latest job's result, tell whether one is running. [`resource`] reruns a
//! fetch when the signals it reads change, as `LocalResource` would. Both box what they are
//! given, so the wasm holds one copy of their machinery per result type, not one per call site.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::reactive::effect;

/// The latest result of a job and whether one is running. Starting a job while another runs
/// supersedes it: the older one's result is dropped, so a slow stale answer never replaces a
/// newer one. Until a job finishes, the previous result stays.
pub struct Task<T: Send + Sync + 'static> {
    value: RwSignal<Option<T>>,
    runs: Runs,
}

impl<T: Send + Sync + 'static> Clone for Task<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Task<T> {}

impl<T: Send + Sync + 'static> Task<T> {
    /// A task that has not run yet.
    pub fn new() -> Task<T> {
        Task {
            value: RwSignal::new(None),
            runs: Runs::new(),
        }
    }

    /// Starts `job`. Its result is kept if no other job started meanwhile and the task still
    /// exists (the view that made it may be gone by then).
    pub fn run(self, job: impl Future<Output = T> + 'static) {
        self.run_boxed(Box::pin(job));
    }

    fn run_boxed(self, job: Pin<Box<dyn Future<Output = T>>>) {
        let run = self.runs.start();
        spawn_local(async move {
            let output = job.await;
            if self.runs.finish(run) {
                _ = self.value.try_set(Some(output));
            }
        });
    }

    /// The latest result, if a job finished; tracked.
    pub fn get(self) -> Option<T>
    where
        T: Clone,
    {
        self.value.get()
    }

    /// Whether a job is running; tracked.
    pub fn pending(self) -> bool {
        self.runs.pending.get()
    }
}

/// Which job is the latest, and whether it is still running. Not generic, so every task
/// shares one copy of this in the wasm.
#[derive(Clone, Copy)]
struct Runs {
    started: StoredValue<u32>,
    pending: RwSignal<bool>,
}

impl Runs {
    fn new() -> Runs {
        Runs {
            started: StoredValue::new(0),
            pending: RwSignal::new(false),
        }
    }

    /// Marks a new job as running; returns its number.
    fn start(self) -> u32 {
        let run = self.started.get_value().wrapping_add(1);
        self.started.set_value(run);
        self.pending.set(true);
        run
    }

    /// Whether job `run` is still the latest; if so, it is no longer running.
    fn finish(self, run: u32) -> bool {
        let latest = self.started.try_get_value() == Some(run);
        if latest {
            _ = self.pending.try_set(false);
        }
        latest
    }
}

/// A [`Task`] that runs `fetch` once now and again whenever a signal `fetch` reads (before
/// its first `.await`) changes, or when [`Resource::refetch`] asks.
pub struct Resource<T: Send + Sync + 'static> {
    task: Task<T>,
    again: Trigger,
}

impl<T: Send + Sync + 'static> Clone for Resource<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Resource<T> {}

impl<T: Send + Sync + Clone + 'static> Resource<T> {
    /// The latest result, if a fetch finished; tracked.
    pub fn get(self) -> Option<T> {
        self.task.get()
    }

    /// Runs the fetch again (after a failure, say).
    pub fn refetch(self) {
        self.again.notify();
    }
}

/// Starts a [`Resource`] running `fetch`.
pub fn resource<T, F>(fetch: impl Fn() -> F + 'static) -> Resource<T>
where
    T: Send + Sync + 'static,
    F: Future<Output = T> + 'static,
{
    resource_boxed(Box::new(move || Box::pin(fetch())))
}

type BoxedFetch<T> = Box<dyn Fn() -> Pin<Box<dyn Future<Output = T>>>>;

fn resource_boxed<T: Send + Sync + 'static>(fetch: BoxedFetch<T>) -> Resource<T> {
    let resource = Resource {
        task: Task::new(),
        again: Trigger::new(),
    };
    effect(move || {
        resource.again.track();
        resource.task.run_boxed(fetch());
    });
    resource
}
