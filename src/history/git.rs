//! Reading the editions from the repository with gix: the `edition-*` tags, the trees of
//! their commits under the handbook's root, and the differences between them (with git's
//! rename detection). Nothing here reads the working tree.

use std::path::{Path, PathBuf};

use gix::bstr::ByteSlice;
use gix::diff::tree_with_rewrites::Change;
use gix::{ObjectId, Repository};

use super::{Edition, Editions, How, PageChange, TAG_PREFIX, facts, rule_changes};

/// A fault of the repository, in words.
type Fault = String;

/// One commit an edition was cut from.
struct Cut {
    name: Option<String>,
    commit: ObjectId,
    /// Seconds since the epoch, for the order.
    time: i64,
    date: Option<String>,
}

/// The editions of the handbook at `root`, whose pages are in its folder `content`, newest
/// first.
pub fn editions(root: &Path, content: &str) -> Result<Editions, Fault> {
    let start = root.canonicalize().map_err(|e| e.to_string())?;
    // Only "no repository here" means outside git; any other fault is reported.
    if let Err(err) = gix::discover::upwards(&start) {
        use gix::discover::upwards::Error;
        let none = matches!(
            err.downcast_any_ref::<Error>(),
            Some(
                Error::NoGitRepository { .. }
                    | Error::NoGitRepositoryWithinCeiling { .. }
                    | Error::NoGitRepositoryWithinFs { .. }
            )
        );
        return if none {
            Ok(Editions::NotGit)
        } else {
            Err(err.to_string())
        };
    }
    let repo = gix::discover(&start).map_err(|e| e.to_string())?;
    let Some(workdir) = repo.workdir() else {
        return Ok(Editions::NotGit);
    };
    let workdir = workdir.canonicalize().map_err(|e| e.to_string())?;
    let prefix = start
        .strip_prefix(&workdir)
        .map_err(|e| e.to_string())?
        .to_path_buf();
    let mut cuts = tags(&repo)?;
    if cuts.is_empty() {
        return Ok(Editions::NoTags);
    }
    cuts.sort_by(|a, b| (a.time, &a.name).cmp(&(b.time, &b.name)));
    let head = repo
        .head()
        .map_err(|e| e.to_string())?
        .id()
        .map(|id| id.detach());
    if let Some(head) = head
        && cuts.last().is_some_and(|last| last.commit != head)
    {
        cuts.push(Cut {
            name: None,
            commit: head,
            time: i64::MAX,
            date: None,
        });
    }
    let reader = Reader {
        repo: &repo,
        prefix,
        content: PathBuf::from(content),
    };
    let mut editions = Vec::with_capacity(cuts.len());
    for (i, cut) in cuts.iter().enumerate() {
        let before = i.checked_sub(1).map(|p| &cuts[p]);
        editions.push(reader.edition(cut, before)?);
    }
    editions.reverse();
    Ok(Editions::Listed(editions))
}

/// The `edition-*` tags, each peeled to its commit.
fn tags(repo: &Repository) -> Result<Vec<Cut>, Fault> {
    let refs = repo.references().map_err(|e| e.to_string())?;
    let full = format!("refs/tags/{TAG_PREFIX}");
    let mut cuts = Vec::new();
    for reference in refs.prefixed(full.as_str()).map_err(|e| e.to_string())? {
        let mut reference = reference.map_err(|e| e.to_string())?;
        let name = reference.name().as_bstr().to_str_lossy().into_owned();
        let Some(name) = name.strip_prefix(&full).map(str::to_string) else {
            continue;
        };
        let commit = reference.peel_to_commit().map_err(|e| e.to_string())?;
        let time = commit.time().map_err(|e| e.to_string())?;
        cuts.push(Cut {
            name: Some(name),
            commit: commit.id,
            time: time.seconds,
            date: time.format(gix::date::time::format::SHORT).ok(),
        });
    }
    Ok(cuts)
}

/// Reads trees and files under the handbook's root (`prefix`, in the repository).
struct Reader<'r> {
    repo: &'r Repository,
    prefix: PathBuf,
    /// The pages' folder, in the handbook's.
    content: PathBuf,
}

impl Reader<'_> {
    /// What changed from `before`'s commit to `cut`'s (nothing listed for the first).
    fn edition(&self, cut: &Cut, before: Option<&Cut>) -> Result<Edition, Fault> {
        let mut edition = Edition {
            name: cut.name.clone(),
            date: cut.date.clone(),
            first: before.is_none(),
            pages: Vec::new(),
            rules: Vec::new(),
        };
        let Some(before) = before else {
            return Ok(edition);
        };
        let (old, new) = (self.tree(before.commit)?, self.tree(cut.commit)?);
        let content = |tree: Option<&gix::Tree>| -> Result<Option<ObjectId>, Fault> {
            match tree {
                Some(tree) => self.subtree(tree, &self.content),
                None => Ok(None),
            }
        };
        let (old_content, new_content) = (content(old.as_ref())?, content(new.as_ref())?);
        edition.pages = self.pages(old_content, new_content)?;
        let book = |tree: Option<&gix::Tree>| -> Result<Option<String>, Fault> {
            match tree {
                Some(tree) => self.file(tree, "book.yaml"),
                None => Ok(None),
            }
        };
        let (old_book, new_book) = (book(old.as_ref())?, book(new.as_ref())?);
        edition.rules = rule_changes(old_book.as_deref(), new_book.as_deref());
        Ok(edition)
    }

    /// The tree of the handbook's root in `commit` (`None` where the commit has no such folder).
    fn tree(&self, commit: ObjectId) -> Result<Option<gix::Tree<'_>>, Fault> {
        let commit = self.repo.find_commit(commit).map_err(|e| e.to_string())?;
        let tree = commit.tree().map_err(|e| e.to_string())?;
        if self.prefix.as_os_str().is_empty() {
            return Ok(Some(tree));
        }
        match self.subtree(&tree, &self.prefix)? {
            Some(id) => Ok(Some(self.repo.find_tree(id).map_err(|e| e.to_string())?)),
            None => Ok(None),
        }
    }

    /// The id of the folder at `path` in `tree`, if there is one.
    fn subtree(&self, tree: &gix::Tree, path: &Path) -> Result<Option<ObjectId>, Fault> {
        let entry = tree.lookup_entry_by_path(path).map_err(|e| e.to_string())?;
        Ok(entry.filter(|e| e.mode().is_tree()).map(|e| e.object_id()))
    }

    /// The text of the file at `path` in `tree`, if there is one.
    fn file(&self, tree: &gix::Tree, path: &str) -> Result<Option<String>, Fault> {
        let entry = tree.lookup_entry_by_path(path).map_err(|e| e.to_string())?;
        match entry.filter(|e| e.mode().is_blob()) {
            Some(entry) => self.blob(entry.object_id()).map(Some),
            None => Ok(None),
        }
    }

    fn blob(&self, id: ObjectId) -> Result<String, Fault> {
        let blob = self.repo.find_blob(id).map_err(|e| e.to_string())?;
        Ok(String::from_utf8_lossy(&blob.data).into_owned())
    }

    /// The page files that differ between two content/ trees, with renames found as git
    /// finds them (50 % similar or more), sorted by path.
    fn pages(
        &self,
        old: Option<ObjectId>,
        new: Option<ObjectId>,
    ) -> Result<Vec<PageChange>, Fault> {
        let tree = |id: Option<ObjectId>| -> Result<Option<gix::Tree>, Fault> {
            id.map(|id| self.repo.find_tree(id).map_err(|e| e.to_string()))
                .transpose()
        };
        let (old, new) = (tree(old)?, tree(new)?);
        let options =
            gix::diff::Options::default().with_rewrites(Some(gix::diff::Rewrites::default()));
        let changes = self
            .repo
            .diff_tree_to_tree(old.as_ref(), new.as_ref(), Some(options))
            .map_err(|e| e.to_string())?;
        let mut pages = Vec::new();
        for change in changes {
            if let Some(page) = self.page(change)? {
                pages.push(page);
            }
        }
        pages.sort();
        Ok(pages)
    }

    /// One change as a page's, or `None` for files that are not pages and for drafts.
    fn page(&self, change: Change) -> Result<Option<PageChange>, Fault> {
        let (how, path, id, before, edited) = match change {
            Change::Addition {
                location,
                entry_mode,
                id,
                ..
            } if entry_mode.is_blob() => (How::Added, location, id, None, false),
            Change::Deletion {
                location,
                entry_mode,
                id,
                ..
            } if entry_mode.is_blob() => (How::Removed, location, id, None, false),
            Change::Modification {
                location,
                entry_mode,
                id,
                ..
            } if entry_mode.is_blob() => (How::Changed, location, id, None, false),
            Change::Rewrite {
                source_location,
                source_id,
                location,
                id,
                entry_mode,
                copy: false,
                ..
            } if entry_mode.is_blob() => {
                let edited = source_id != id;
                (
                    How::Renamed,
                    location,
                    id,
                    Some((source_location, source_id)),
                    edited,
                )
            }
            _ => return Ok(None),
        };
        let path = path.to_str_lossy().into_owned();
        if !is_page(&path) {
            return Ok(None);
        }
        let read = facts(&path, &self.blob(id)?);
        if read.draft {
            return Ok(None);
        }
        let before = match before {
            Some((old_path, old_id)) => {
                let old_path = old_path.to_str_lossy().into_owned();
                let title = facts(&old_path, &self.blob(old_id)?).title;
                Some((old_path, title))
            }
            None => None,
        };
        Ok(Some(PageChange {
            path,
            how,
            title: read.title,
            before,
            edited,
        }))
    }
}

/// A page's file, by its path under content/: Markdown, or a checklist's YAML (any YAML file
/// but the bibliography). Files editors' tools leave behind are not pages.
fn is_page(path: &str) -> bool {
    if crate::files::is_scratch_path(path) {
        return false;
    }
    path.ends_with(".md") || (path.ends_with(".yaml") && path != "sources.yaml")
}
