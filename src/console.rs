//! Everything `handbook` prints for people: diagnostics, summaries, notes. Commands call these
//! functions rather than printing themselves, so output follows one set of rules: colour only
//! on a terminal and never with `NO_COLOR`, nothing but errors under `--quiet`.

use std::io::{IsTerminal, Write};

use crate::diagnostic::{Diagnostic, Diagnostics, Severity, github_command, gitlab_report, tally};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Verbosity {
    Quiet,
    #[default]
    Normal,
    Verbose,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Human,
    Json,
    /// GitHub workflow commands, one per diagnostic.
    Github,
    /// A GitLab code-quality report (a JSON array).
    Gitlab,
}

#[derive(Debug, Clone, Copy)]
pub struct Console {
    pub verbosity: Verbosity,
    pub format: Format,
    color: bool,
}

impl Console {
    pub fn new(verbosity: Verbosity, format: Format) -> Console {
        let color = std::io::stderr().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        Console {
            verbosity,
            format,
            color,
        }
    }

    /// Every diagnostic, sorted by file and position, then a tally line.
    pub fn report(&self, diagnostics: Diagnostics) {
        let errors = diagnostics.error_count();
        let warnings = diagnostics.warning_count();
        let sorted = diagnostics.sorted();
        match self.format {
            Format::Json => {
                let mut out = std::io::stdout().lock();
                for d in &sorted {
                    let _ = writeln!(out, "{}", d.to_json());
                }
            }
            Format::Github => {
                let mut out = std::io::stdout().lock();
                for d in &sorted {
                    let _ = writeln!(out, "{}", github_command(d));
                }
            }
            Format::Gitlab => {
                let _ = writeln!(std::io::stdout().lock(), "{}", gitlab_report(&sorted));
            }
            Format::Human => {
                let mut err = std::io::stderr().lock();
                for d in sorted.iter().filter(|d| self.shows(d)) {
                    let _ = writeln!(err, "{}\n", d.render(self.color));
                }
                if errors > 0 || (warnings > 0 && self.verbosity != Verbosity::Quiet) {
                    let _ = writeln!(err, "{}", tally(errors, warnings));
                }
            }
        }
    }

    fn shows(&self, d: &Diagnostic) -> bool {
        d.severity == Severity::Error || self.verbosity != Verbosity::Quiet
    }

    /// A line of normal progress output (to stderr, so stdout stays clean for data).
    pub fn status(&self, message: &str) {
        if self.verbosity != Verbosity::Quiet && self.format == Format::Human {
            eprintln!("{message}");
        }
    }

    pub fn detail(&self, message: &str) {
        if self.verbosity == Verbosity::Verbose {
            eprintln!("{message}");
        }
    }

    /// A failure outside the handbook's files (an I/O error, a refused output folder).
    pub fn failure(&self, message: &str) {
        if self.color {
            eprintln!("\x1b[1;31merror\x1b[0m: {message}");
        } else {
            eprintln!("error: {message}");
        }
    }
}
