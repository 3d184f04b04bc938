/// mimalloc instead of the system allocator: rendering makes and drops many small strings on
/// every thread, where it is measurably faster (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    without_transparent_huge_pages();
    handbook::cli::main()
}

/// Where the kernel backs memory with transparent huge pages by default (`enabled` is `always`
/// on many distributions), the allocator's first touch of a fresh 2 MiB region makes the kernel
/// zero all of it, however little is used, and again each time freed memory is handed back and
/// reused: building handbook.pdf for 1,000 pages spent about 0.7 s of its 2.7 s of CPU zeroing
/// pages (perf, `clear_page_erms`), a handbook without the PDF none that mattered. Regular pages
/// are zeroed only where memory is used. The flag is this process's (a program it starts, such as
/// the browser `serve --open` opens, inherits it, to no harm).
fn without_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes plain integers and changes only this process's memory
    // policy; a kernel without it returns an error, which leaves things as they were.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
