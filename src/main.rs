/// mimalloc instead of the system allocator: rendering makes and drops many small strings on
/// every thread, where it is measurably faster (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    handbook::cli::main()
}
