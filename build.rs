//! Links the `rashomon` binary as a position-dependent executable (`-no-pie`).
//!
//! A search is a short process, and a position-independent executable spends a good part of
//! it starting up: the loader applies some 24,000 relocations and copies the pages they
//! touch. Linked at a fixed address, `rashomon --version` starts in about 1.1 ms instead of
//! 1.6 ms here (`perf stat -r 100`). The cost is that the binary's own address is not
//! randomized (libraries and the heap still are). Only the binary is linked this way; the
//! library and the tests are not.
//!
//! On x86_64 Linux with glibc, `.cargo/config.toml` goes further and links every binary
//! (tests and benches included) statically at a fixed address; this flag then changes
//! nothing, and still serves other Linux targets.

fn main() {
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
