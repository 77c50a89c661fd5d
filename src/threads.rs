//! Running two independent stages at once, natively, when the input is large enough to
//! gain from a second thread (see [`crate::Options::threads`]).

/// Runs `a` and `b` and returns both results: `b` on a thread of its own if `parallel`,
/// else (and in the wasm module, or if no thread can be started) both on the calling
/// thread, one after the other.
pub(crate) fn join<A, B: Send>(parallel: bool, a: impl FnOnce() -> A, b: impl Fn() -> B + Sync) -> (A, B) {
    if !parallel || cfg!(target_arch = "wasm32") {
        return (a(), b());
    }
    std::thread::scope(|scope| {
        let b = &b;
        let handle = std::thread::Builder::new().spawn_scoped(scope, b);
        let a = a();
        let b = match handle {
            Ok(handle) => handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => b(),
        };
        (a, b)
    })
}
