//! The `trackgen` command line. All logic lives in `trackgen::cli` so tests can call it directly.

/// jemalloc instead of the system allocator (feature `jemalloc`, on by default; see Cargo.toml).
#[cfg(all(feature = "jemalloc", unix, not(target_env = "musl")))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> std::process::ExitCode {
    trackgen::cli::main()
}
