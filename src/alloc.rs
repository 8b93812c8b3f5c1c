//! The binary's allocator: mimalloc for the long jobs, the system's for the short ones.
//!
//! `ingest` and `bench` make and drop many small values, on two threads for ingest, and
//! run long enough for mimalloc's speed to pay: ingest of 10k claims is about a fifth
//! faster with it, a million claims about a quarter (see the README's "Allocator" part).
//! A whole-process `search` runs for about 2 ms, and there mimalloc's layout costs more
//! than it saves: it keeps each size of allocation on pages of its own, so a search
//! touches about 70 more pages (275 page faults against 204), and at exit it hands freed
//! memory back to the kernel page by page. In alternating runs `search choi` took as long
//! with it in one session and 10–15% longer in the next, as page faults grew dearer.
//!
//! The choice is made from the command line before `main` runs, by a function glibc calls
//! with the program's arguments while it loads the program (the way Rust's standard
//! library reads them on Linux). It is made once: whichever allocator serves the first
//! allocation serves every later one, so memory is always freed by the allocator that
//! gave it. Where that function is not called, or something allocates before it runs,
//! mimalloc serves the whole process.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU8, Ordering};

use mimalloc::MiMalloc;

const UNDECIDED: u8 = 0;
const MIMALLOC: u8 = 1;
const SYSTEM: u8 = 2;

/// Which allocator serves the process; settles on its first allocation at the latest.
static CHOICE: AtomicU8 = AtomicU8::new(UNDECIDED);

/// The subcommands that run long enough for mimalloc to pay.
const LONG_JOBS: [&[u8]; 2] = [b"ingest", b"bench"];

/// Options that may come before the subcommand and take a value as the next argument.
const GLOBAL_OPTIONS_WITH_VALUES: [&[u8]; 2] = [b"--index", b"--color"];

/// The allocator named in `CHOICE`; see the module's documentation.
pub struct Allocator;

impl Allocator {
    fn system(&self) -> bool {
        match CHOICE.load(Ordering::Relaxed) {
            // Nothing chosen before this first allocation: mimalloc, for good. (The load
            // first keeps a locked exchange off every later allocation.)
            UNDECIDED => CHOICE
                .compare_exchange(UNDECIDED, MIMALLOC, Ordering::Relaxed, Ordering::Relaxed)
                .is_err_and(|choice| choice == SYSTEM),
            choice => choice == SYSTEM,
        }
    }
}

// SAFETY: every call goes to the one allocator `CHOICE` settled on before the first
// allocation, which never changes afterwards, and both allocators uphold `GlobalAlloc`.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as received.
        unsafe {
            match self.system() {
                true => System.alloc(layout),
                false => MiMalloc.alloc(layout),
            }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as received.
        unsafe {
            match self.system() {
                true => System.alloc_zeroed(layout),
                false => MiMalloc.alloc_zeroed(layout),
            }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from the same allocator, the only one this process uses.
        unsafe {
            match self.system() {
                true => System.dealloc(ptr, layout),
                false => MiMalloc.dealloc(ptr, layout),
            }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as for `dealloc`.
        unsafe {
            match self.system() {
                true => System.realloc(ptr, layout, new_size),
                false => MiMalloc.realloc(ptr, layout, new_size),
            }
        }
    }
}

/// The allocator for a command line (without the program's name): the system's unless
/// its subcommand is one of [`LONG_JOBS`].
fn choice_for<'a>(args: impl IntoIterator<Item = &'a [u8]>) -> u8 {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if GLOBAL_OPTIONS_WITH_VALUES.contains(&arg) {
            args.next();
        } else if !arg.starts_with(b"-") {
            return match LONG_JOBS.contains(&arg) {
                true => MIMALLOC,
                false => SYSTEM,
            };
        }
    }
    SYSTEM
}

/// Called by glibc with the program's arguments before `main` (and before Rust's runtime
/// allocates anything); settles `CHOICE` unless an allocation already did.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
extern "C" fn choose(
    argc: std::ffi::c_int,
    argv: *const *const std::ffi::c_char,
    _env: *const *const std::ffi::c_char,
) {
    let count = usize::try_from(argc).unwrap_or(0);
    if argv.is_null() || count == 0 {
        return;
    }
    // SAFETY: glibc passes `argc` valid, NUL-terminated arguments in `argv`.
    let args = (1..count).map(|i| unsafe { std::ffi::CStr::from_ptr(*argv.add(i)) }.to_bytes());
    let choice = choice_for(args);
    let _ = CHOICE.compare_exchange(UNDECIDED, choice, Ordering::Relaxed, Ordering::Relaxed);
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[used]
#[unsafe(link_section = ".init_array")]
static CHOOSE: extern "C" fn(
    std::ffi::c_int,
    *const *const std::ffi::c_char,
    *const *const std::ffi::c_char,
) = choose;

#[cfg(test)]
mod tests {
    use super::*;

    fn choice(line: &str) -> u8 {
        choice_for(line.split_whitespace().map(str::as_bytes))
    }

    /// Long jobs get mimalloc wherever their subcommand stands; everything else, and a
    /// command line without a subcommand, gets the system's allocator.
    #[test]
    fn long_jobs_get_mimalloc() {
        assert_eq!(choice("ingest corpus"), MIMALLOC);
        assert_eq!(choice("--index idx --color never ingest"), MIMALLOC);
        assert_eq!(choice("--color=never bench --iterations 5"), MIMALLOC);
        assert_eq!(choice("search chef choi"), SYSTEM);
        assert_eq!(choice("--index ingest search choi"), SYSTEM);
        assert_eq!(choice("diff --json"), SYSTEM);
        assert_eq!(choice("--version"), SYSTEM);
        assert_eq!(choice(""), SYSTEM);
    }
}
