//! Publishing: a complete site, written beside the output folder, becomes the output folder.
//!
//! On Linux, `renameat2` with `RENAME_EXCHANGE` swaps the new site and the old one in one
//! step: the output folder is at every instant one complete site or the other. Where the
//! file system refuses the exchange (some network and overlay file systems; other systems
//! than Linux), two renames do it instead: the old site aside, then the new one in. A kill
//! between them leaves no output folder, but both sites complete beside it under names that
//! say so (`ready-…`, `old-…`), and the next run puts the newest back (see `recovery`).
//!
//! This module also holds the two hooks through which tests interrupt a write (see
//! `interrupt_if_asked`).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::beside::{Beside, Stage};

/// Makes the complete site at `ready` the output folder. Returns where the site it replaced
/// now is (to be removed), if there was one.
pub(super) fn publish(ready: &Path, beside: &Beside) -> io::Result<Option<PathBuf>> {
    let out = beside.out();
    let had_output = fs::symlink_metadata(out).is_ok();
    if exchange_allowed() {
        let flag = if had_output {
            exchange::EXCHANGE
        } else {
            exchange::NO_REPLACE
        };
        match exchange::rename(ready, out, flag) {
            // After an exchange the old site has the name the new one had.
            Ok(()) => return Ok(had_output.then(|| ready.to_path_buf())),
            Err(err) if exchange::is_refused(&err) => {}
            Err(err) => return Err(err),
        }
    }
    by_two_renames(ready, beside, had_output)
}

fn by_two_renames(ready: &Path, beside: &Beside, had_output: bool) -> io::Result<Option<PathBuf>> {
    let out = beside.out();
    if !had_output {
        fs::rename(ready, out)?;
        return Ok(None);
    }
    let old = beside.fresh(Stage::Old);
    fs::rename(out, &old)?;
    interrupt_if_asked(Moment::BetweenRenames);
    if let Err(err) = fs::rename(ready, out) {
        let _ = fs::rename(&old, out);
        return Err(err);
    }
    Ok(Some(old))
}

#[cfg(target_os = "linux")]
mod exchange {
    use std::ffi::CString;
    use std::io;
    use std::os::unix::ffi::OsStrExt;
    use std::path::Path;

    pub const EXCHANGE: libc::c_uint = libc::RENAME_EXCHANGE;
    pub const NO_REPLACE: libc::c_uint = libc::RENAME_NOREPLACE;

    pub fn rename(from: &Path, to: &Path, flag: libc::c_uint) -> io::Result<()> {
        let from = CString::new(from.as_os_str().as_bytes())?;
        let to = CString::new(to.as_os_str().as_bytes())?;
        // The system call rather than glibc's wrapper, which older C libraries lack.
        // SAFETY: both paths are NUL-terminated strings that live until the call returns;
        // AT_FDCWD makes relative paths relative to the current folder, as `fs::rename` does.
        let result = unsafe {
            libc::syscall(
                libc::SYS_renameat2,
                libc::AT_FDCWD,
                from.as_ptr(),
                libc::AT_FDCWD,
                to.as_ptr(),
                flag,
            )
        };
        if result == 0 {
            Ok(())
        } else {
            Err(io::Error::last_os_error())
        }
    }

    /// The file system (EINVAL), the kernel (ENOSYS) or a sandbox's filter (EPERM) does not
    /// offer the flag. Were EPERM a real lack of permission, the plain renames fail too.
    pub fn is_refused(err: &io::Error) -> bool {
        matches!(
            err.raw_os_error(),
            Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP | libc::EPERM)
        )
    }
}

#[cfg(not(target_os = "linux"))]
mod exchange {
    use std::io;
    use std::path::Path;

    pub const EXCHANGE: u32 = 0;
    pub const NO_REPLACE: u32 = 0;

    pub fn rename(_: &Path, _: &Path, _: u32) -> io::Result<()> {
        Err(io::ErrorKind::Unsupported.into())
    }

    pub fn is_refused(_: &io::Error) -> bool {
        true
    }
}

/// The moments of a write at which a test may interrupt it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Moment {
    /// The new site is complete beside the output folder, nothing published yet.
    AfterStaging,
    /// Two-rename fallback only: the old site moved aside, the new one not yet in.
    BetweenRenames,
    /// The new site published, the old one not yet removed.
    BeforeCleanup,
}

// The tests (tests/testsuite/swap.rs) show that an interruption at any moment leaves a
// complete site: `test_hooks` may ask for the process to be killed (SIGKILL, as `kill -9`
// would: no unwinding, no clean-up) at each moment of a write, and for the two-rename
// fallback where the exchange works.

pub(super) fn interrupt_if_asked(moment: Moment) {
    let name = match moment {
        Moment::AfterStaging => "after-staging",
        Moment::BetweenRenames => "between-renames",
        Moment::BeforeCleanup => "before-cleanup",
    };
    if crate::test_hooks::abort_asked(name) {
        die();
    }
}

fn exchange_allowed() -> bool {
    !crate::test_hooks::exchange_refused()
}

fn die() -> ! {
    #[cfg(unix)]
    // SAFETY: `kill` has no memory effects; SIGKILL ends this process at once. (Unlike
    // `abort`, it leaves no core dump behind.)
    unsafe {
        libc::kill(libc::getpid(), libc::SIGKILL);
    }
    std::process::abort()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(path: &Path, page: &str) {
        fs::create_dir_all(path).unwrap();
        fs::write(path.join("index.html"), page).unwrap();
    }

    fn page(beside: &Beside) -> String {
        fs::read_to_string(beside.out().join("index.html")).unwrap()
    }

    /// Both ways of publishing, each onto nothing and onto an old site.
    #[test]
    fn publishing_replaces_the_old_site_and_hands_it_back() {
        let tmp = tempfile::tempdir().unwrap();
        let beside = Beside::new(&tmp.path().join("public"));
        let ready = beside.fresh(Stage::Ready);
        site(&ready, "one");
        assert_eq!(publish(&ready, &beside).unwrap(), None);
        assert_eq!(page(&beside), "one");

        site(&ready, "two");
        let retired = publish(&ready, &beside).unwrap().unwrap();
        assert_eq!(page(&beside), "two");
        assert_eq!(
            fs::read_to_string(retired.join("index.html")).unwrap(),
            "one"
        );
        fs::remove_dir_all(&retired).unwrap();

        site(&ready, "three");
        let retired = by_two_renames(&ready, &beside, true).unwrap().unwrap();
        assert_eq!(page(&beside), "three");
        assert_eq!(
            fs::read_to_string(retired.join("index.html")).unwrap(),
            "two"
        );
        assert!(!ready.exists());

        let other = Beside::new(&tmp.path().join("site"));
        site(&ready, "four");
        assert_eq!(by_two_renames(&ready, &other, false).unwrap(), None);
        assert_eq!(page(&other), "four");
    }
}
