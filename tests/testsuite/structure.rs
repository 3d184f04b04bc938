//! The code keeps the shape that makes it easy to change: the top-level modules of `src/`
//! form no reference cycle (each stage depends only on the stages before it), no file in
//! `src/` is over 400 lines and no test file over 800.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "rs"))
        .map(|e| e.into_path())
        .collect()
}

/// The top-level module a file of `src/` belongs to (`None` for lib.rs and main.rs).
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel
        .components()
        .next()?
        .as_os_str()
        .to_string_lossy()
        .into_owned();
    match first.strip_suffix(".rs") {
        Some("lib") | Some("main") => None,
        Some(name) => Some(name.to_string()),
        None => Some(first),
    }
}

/// Which top-level modules each top-level module names as `crate::x` (also inside
/// `use crate::{x, y}`).
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = repo().join("src");
    let path = regex::Regex::new(r"crate::(\w+)").unwrap();
    let group = regex::Regex::new(r"crate::\{([^}]*)\}").unwrap();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in rust_files(&src) {
        let Some(module) = module_of(&src, &file) else {
            continue;
        };
        let text = std::fs::read_to_string(&file).unwrap();
        let mut names: Vec<String> = path
            .captures_iter(&text)
            .map(|c| c[1].to_string())
            .collect();
        for g in group.captures_iter(&text) {
            names.extend(g[1].split(',').filter_map(|p| {
                let name = p.trim().split("::").next()?.trim();
                (!name.is_empty()).then(|| name.to_string())
            }));
        }
        let edges = graph.entry(module.clone()).or_default();
        edges.extend(names.into_iter().filter(|n| *n != module));
    }
    let known: BTreeSet<String> = graph.keys().cloned().collect();
    for edges in graph.values_mut() {
        edges.retain(|n| known.contains(n));
    }
    graph
}

/// A cycle in `graph`, as the list of modules around it, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = stack.iter().position(|n| n == node) {
            let mut cycle = stack[i..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn top_level_modules_form_no_cycle() {
    let graph = module_graph();
    assert!(graph.len() >= 10, "only {} modules found", graph.len());
    assert!(
        graph["render"].contains("content"),
        "the graph sees `crate::content` in render"
    );
    if let Some(cycle) = find_cycle(&graph) {
        panic!(
            "modules refer to each other in a cycle: {}",
            cycle.join(" -> ")
        );
    }
}

#[test]
fn the_cycle_finder_finds_cycles() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    graph.entry("a".into()).or_default().insert("b".into());
    graph.entry("b".into()).or_default().insert("c".into());
    graph.entry("c".into()).or_default();
    assert_eq!(find_cycle(&graph), None);
    graph.get_mut("c").unwrap().insert("a".into());
    assert_eq!(
        find_cycle(&graph),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
}

fn too_long(dir: &Path, limit: usize) -> Vec<String> {
    rust_files(dir)
        .into_iter()
        .filter_map(|file| {
            let lines = std::fs::read_to_string(&file).unwrap().lines().count();
            (lines > limit).then(|| format!("{} ({lines} lines)", file.display()))
        })
        .collect()
}

#[test]
fn files_stay_short() {
    let src = too_long(&repo().join("src"), 400);
    assert!(src.is_empty(), "src files over 400 lines: {src:?}");
    let tests = too_long(&repo().join("tests"), 800);
    assert!(tests.is_empty(), "test files over 800 lines: {tests:?}");
}
