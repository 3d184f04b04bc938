//! The CI workflow `init` writes beside the handbook: GitHub Actions (the default) or GitLab
//! CI/CD, from the templates in this folder, with the version of `handbook` that wrote it and
//! the git address it is installed from. Without an address (`--handbook-source`) the
//! workflow names a placeholder, which `check` warns about (`check::ci`).

/// Which CI workflow `init` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ci {
    Github,
    Gitlab,
    None,
}

pub use crate::check::ci::{GITHUB_FILE, GITLAB_FILE};

/// Stands for the git address of `handbook` until the committee gives it.
pub const PLACEHOLDER_SOURCE: &str = "https://git.example.org/handbook.git";

const GITHUB: &str = include_str!("github.yml");
const GITLAB: &str = include_str!("gitlab-ci.yml");

/// The workflow file to write, as (path, text), or none.
pub fn workflow(ci: Ci, source: Option<&str>) -> Option<(&'static str, String)> {
    let (path, template) = match ci {
        Ci::Github => (GITHUB_FILE, GITHUB),
        Ci::Gitlab => (GITLAB_FILE, GITLAB),
        Ci::None => return None,
    };
    // A JSON string is a YAML double-quoted scalar: any address stays one value.
    let source = serde_json::to_string(source.unwrap_or(PLACEHOLDER_SOURCE)).unwrap_or_default();
    let text = template
        .replace("@VERSION@", env!("CARGO_PKG_VERSION"))
        .replace("@SOURCE@", &source);
    Some((path, text))
}

/// `--handbook-source`: an address `cargo install --git` takes.
pub fn parse_source(text: &str) -> Result<String, String> {
    let url = url::Url::parse(text).map_err(|err| format!("not an address ({err})"))?;
    match url.scheme() {
        "https" | "http" | "ssh" | "git" | "file" => Ok(text.to_string()),
        other => Err(format!(
            "`{other}:` is not a scheme git clones from; give an https:// or ssh:// address"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_are_filled_in() {
        for ci in [Ci::Github, Ci::Gitlab] {
            let (_, text) = workflow(ci, Some("https://git.host/a \"b\".git")).unwrap();
            assert!(!text.contains("@VERSION@") && !text.contains("@SOURCE@"));
            assert!(text.contains(&format!("\"{}\"", env!("CARGO_PKG_VERSION"))));
            assert!(text.contains(r#"HANDBOOK_SOURCE: "https://git.host/a \"b\".git""#));
        }
        assert_eq!(workflow(Ci::None, None), None);
    }

    #[test]
    fn sources_are_addresses_git_clones_from() {
        assert!(parse_source("https://github.com/org/handbook").is_ok());
        assert!(parse_source("ssh://git@host/handbook.git").is_ok());
        assert!(parse_source("javascript:alert(1)").is_err());
        assert!(parse_source("handbook").is_err());
    }
}
