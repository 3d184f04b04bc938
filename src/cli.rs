//! Command-line arguments, and nothing else: parsing here, the work in `cmd/`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};

use crate::cmd;
use crate::cmd::init::ci::Ci;
use crate::console::{Console, Format, Verbosity};
use crate::content::Kind;

/// Exit codes (SPEC): 0 success, 1 content or build errors, 2 usage errors (clap's own).
pub const EXIT_ERRORS: u8 = 1;

#[derive(Debug, Parser)]
#[command(
    name = "handbook",
    version,
    about = "Publish a mentoring handbook, kept as Markdown and YAML, as a branded website",
    long_about = "Publish a mentoring handbook, kept as Markdown and YAML, as a branded website.\n\n\
Every command works on the handbook in the current folder, or in --root DIR. A handbook is a\n\
folder with book.yaml, content/ and (optionally) assets/ and templates/.",
    after_help = "Start with `handbook init my-handbook`, then `handbook build --root my-handbook`."
)]
pub struct Cli {
    /// The handbook's folder (the one with book.yaml)
    #[arg(long, global = true, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// Print only errors
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Print more about what is done
    #[arg(short, long, global = true)]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write the bundled mentoring handbook into DIR as a starting point
    Init {
        /// Where to create the handbook (default: the current folder)
        dir: Option<PathBuf>,
        /// The institution's name, written into book.yaml
        #[arg(long, value_name = "NAME")]
        institution: Option<String>,
        /// The CI workflow to write: `github` (.github/workflows/handbook.yml), `gitlab`
        /// (.gitlab-ci.yml) or `none`
        #[arg(long, value_enum, default_value_t = CiArg::Github)]
        ci: CiArg,
        /// The git address the CI workflow installs handbook from (default: a placeholder,
        /// which `check` warns about)
        #[arg(long, value_name = "GIT_URL", value_parser = cmd::init::ci::parse_source)]
        handbook_source: Option<String>,
    },
    /// Check everything (fields, links, anchors, citations, templates, colours) without building
    Check {
        /// `human`; `json`: one JSON object per line per diagnostic; `github`: GitHub workflow
        /// commands (annotations on the changed lines); `gitlab`: a GitLab code-quality report;
        /// all but `human` on standard output
        #[arg(long, value_enum, default_value_t = FormatArg::Human)]
        format: FormatArg,
        /// Fail (exit 1) on warnings too
        #[arg(long)]
        deny_warnings: bool,
        /// Also check that links to other sites and the addresses in sources.yaml answer
        /// (needs the network; answers that worked are kept for a week in .handbook-links.json)
        #[arg(long)]
        external: bool,
        /// How long --external waits for one answer
        #[arg(long, value_name = "SECONDS", default_value_t = 10.0, requires = "external", value_parser = parse_timeout)]
        external_timeout: f64,
    },
    /// Create a content file of a kind from its template, and print its path
    New {
        /// page, strategy, role, checklist or scenario
        #[arg(value_enum)]
        kind: KindArg,
        /// The title (also names the file)
        title: String,
    },
    /// Print JSON Schema for book.yaml, sources.yaml, checklists and front matter
    Schema {
        /// One of: book, sources, checklist, section, page, strategy, role, scenario (default: all, keyed by name)
        #[arg(long, value_name = "K", value_parser = clap::builder::PossibleValuesParser::new(crate::schema::KINDS))]
        kind: Option<String>,
    },
    /// Build, watch and serve the handbook, reloading the browser on every change
    Serve {
        /// Port to listen on (a free one is chosen when it is taken)
        #[arg(long, default_value_t = 3000)]
        port: u16,
        /// Address to listen on; anything but 127.0.0.1 or ::1 lets other machines connect
        #[arg(long, default_value = "127.0.0.1")]
        host: std::net::IpAddr,
        /// Open the handbook in the default browser
        #[arg(long)]
        open: bool,
    },
    /// Rebuild into the output folder on every change, without a server
    Watch {
        /// Output folder, relative to the current folder (default: <root>/public)
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Build the website into the output folder (default: <root>/public)
    Build {
        /// Output folder, relative to the current folder
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Where the site will be published, e.g. https://handbook.example.org/ (for sitemap.xml)
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Make links end in index.html, so the site works opened from a folder
        #[arg(long)]
        offline: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    Human,
    Json,
    Github,
    Gitlab,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CiArg {
    Github,
    Gitlab,
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum KindArg {
    Page,
    Strategy,
    Role,
    Checklist,
    Scenario,
}

impl KindArg {
    fn kind(self) -> Kind {
        match self {
            KindArg::Page => Kind::Page,
            KindArg::Strategy => Kind::Strategy,
            KindArg::Role => Kind::Role,
            KindArg::Checklist => Kind::Checklist,
            KindArg::Scenario => Kind::Scenario,
        }
    }
}

/// `--external-timeout`: a number of seconds, above zero and at most an hour.
fn parse_timeout(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(seconds) if seconds > 0.0 && seconds <= 3600.0 => Ok(seconds),
        _ => Err("give a number of seconds above 0, such as 10 or 2.5".to_string()),
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let verbosity = if cli.quiet {
        Verbosity::Quiet
    } else if cli.verbose {
        Verbosity::Verbose
    } else {
        Verbosity::Normal
    };
    let format = match cli.command {
        Command::Check { format, .. } => match format {
            FormatArg::Human => Format::Human,
            FormatArg::Json => Format::Json,
            FormatArg::Github => Format::Github,
            FormatArg::Gitlab => Format::Gitlab,
        },
        _ => Format::Human,
    };
    let console = Console::new(verbosity, format);
    let root = cli.root.clone().unwrap_or_else(|| PathBuf::from("."));
    let ok = match cli.command {
        Command::Init {
            dir,
            institution,
            ci,
            handbook_source,
        } => {
            let dir = dir.or(cli.root).unwrap_or_else(|| PathBuf::from("."));
            let ci = match ci {
                CiArg::Github => Ci::Github,
                CiArg::Gitlab => Ci::Gitlab,
                CiArg::None => Ci::None,
            };
            let source = handbook_source.as_deref();
            cmd::init::run(&console, &dir, institution.as_deref(), ci, source)
        }
        Command::New { kind, title } => cmd::new::run(&console, &root, kind.kind(), &title),
        Command::Schema { kind } => cmd::schema::run(&console, kind.as_deref()),
        Command::Serve { port, host, open } => cmd::serve::serve(&console, &root, host, port, open),
        Command::Watch { out } => cmd::serve::watch(&console, &root, out),
        Command::Check {
            deny_warnings,
            external,
            external_timeout,
            ..
        } => {
            let external = external.then(|| Duration::from_secs_f64(external_timeout));
            cmd::check::run(&console, &root, deny_warnings, external)
        }
        Command::Build {
            out,
            base_url,
            offline,
        } => cmd::build::run(&console, &root, out, base_url, offline),
    };
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_ERRORS)
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
