//! The code keeps the shape that makes it easy to change: the top-level modules of `src/`
//! form no reference cycle (each stage depends only on the stages before it), nor do the
//! files and subfolders of any folder, no function is over 100 lines, no file in `src/` is
//! over 400 lines and no test file over 800.

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

/// The module path of a file of `src/` (`render/print/mod.rs` -> `[render, print]`).
fn module_path(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap();
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if !matches!(stem, "mod" | "lib" | "main") {
        parts.push(stem.to_string());
    }
    parts
}

/// Every path a file names from `crate`, `super` or `self` (also in `use` groups, one level
/// of nesting), made absolute: `super::print::Place` in `render/pages.rs` ->
/// `[render, print, Place]`.
fn named_paths(text: &str, module: &[String]) -> Vec<Vec<String>> {
    let group =
        regex::Regex::new(r"\b((?:crate|super|self)(?:::\w+)*)::\{((?:[^{}]|\{[^{}]*\})*)\}")
            .unwrap();
    let plain = regex::Regex::new(r"\b(?:crate|super|self)(?:::\w+)+").unwrap();
    let mut written: Vec<String> = plain
        .find_iter(text)
        .map(|m| m.as_str().to_string())
        .collect();
    let inner = regex::Regex::new(r"(\w+(?:::\w+)*)(?:::\{([^{}]*)\})?").unwrap();
    for g in group.captures_iter(text) {
        for item in inner.captures_iter(&g[2]) {
            match item.get(2) {
                Some(nested) => written.extend(
                    nested
                        .as_str()
                        .split(',')
                        .map(str::trim)
                        .filter(|n| !n.is_empty())
                        .map(|n| format!("{}::{}::{n}", &g[1], &item[1])),
                ),
                None => written.push(format!("{}::{}", &g[1], &item[1])),
            }
        }
    }
    // Inside `x.rs` and inside `x/mod.rs` alike, `super` is x's parent.
    let own_len = module.len();
    written
        .into_iter()
        .filter_map(|path| {
            let mut parts = path.split("::").peekable();
            let mut base: Vec<String> = match parts.next()? {
                "crate" => Vec::new(),
                "self" => module.to_vec(),
                _ => module[..own_len.checked_sub(1)?].to_vec(),
            };
            while parts.peek() == Some(&"super") {
                parts.next();
                base.pop()?;
            }
            base.extend(parts.map(str::to_string));
            Some(base)
        })
        .collect()
}

/// For every folder of `src/` with a `mod.rs`: its nodes (files and subfolders but mod.rs)
/// and an edge where one names an item of another (directly, or as the folder re-exports it).
fn folder_graphs() -> BTreeMap<String, BTreeMap<String, BTreeSet<String>>> {
    let src = repo().join("src");
    let files: Vec<(PathBuf, Vec<String>, String)> = rust_files(&src)
        .into_iter()
        .map(|f| {
            let module = module_path(&src, &f);
            let text = std::fs::read_to_string(&f).unwrap();
            (f, module, text)
        })
        .collect();
    let reexport =
        regex::Regex::new(r"pub(?:\([^)]*\))? use (\w+)::(?:\{([^}]*)\}|(\w+))").unwrap();
    let mut graphs = BTreeMap::new();
    for (mod_file, folder, mod_text) in &files {
        if mod_file.file_name().unwrap() != "mod.rs" {
            continue;
        }
        // Items the folder re-exports, by the node that defines them.
        let mut owner: BTreeMap<String, String> = BTreeMap::new();
        for r in reexport.captures_iter(mod_text) {
            let names = r.get(2).or(r.get(3)).unwrap().as_str();
            for name in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                let name = name.rsplit("::").next().unwrap().to_string();
                owner.insert(name, r[1].to_string());
            }
        }
        let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (file, module, text) in &files {
            let under = file
                .parent()
                .unwrap()
                .starts_with(mod_file.parent().unwrap());
            if !under || file == mod_file || !module.starts_with(folder) {
                continue;
            }
            let node = module[folder.len()].clone();
            let code = text.split("#[cfg(test)]").next().unwrap();
            let edges = graph.entry(node.clone()).or_default();
            for path in named_paths(code, module) {
                if path.len() <= folder.len() || !path.starts_with(folder) {
                    continue;
                }
                let next = &path[folder.len()];
                let target = owner.get(next).unwrap_or(next);
                if *target != node {
                    edges.insert(target.clone());
                }
            }
        }
        let nodes: BTreeSet<String> = graph.keys().cloned().collect();
        for edges in graph.values_mut() {
            edges.retain(|n| nodes.contains(n));
        }
        graphs.insert(folder.join("/"), graph);
    }
    graphs
}

#[test]
fn no_folder_of_src_has_a_cycle() {
    let graphs = folder_graphs();
    assert!(graphs.len() >= 10, "only {} folders found", graphs.len());
    let cycles: Vec<String> = graphs
        .iter()
        .filter_map(|(folder, graph)| {
            let cycle = find_cycle(graph)?;
            Some(format!("src/{folder}: {}", cycle.join(" -> ")))
        })
        .collect();
    assert!(
        cycles.is_empty(),
        "files refer to each other in a cycle:\n{}",
        cycles.join("\n")
    );
}

/// Functions of `src/` (outside `#[cfg(test)]` modules) longer than `limit` lines, from the
/// `fn` line to the closing brace.
fn long_functions(limit: usize) -> Vec<String> {
    let src = repo().join("src");
    let start = regex::Regex::new(
        r"^(\s*)(?:pub(?:\([^)]*\))?\s+)?(?:const\s+)?(?:async\s+)?(?:unsafe\s+)?fn\s+(\w+)",
    )
    .unwrap();
    let mut long = Vec::new();
    for file in rust_files(&src) {
        let text = std::fs::read_to_string(&file).unwrap();
        let code = text.split("#[cfg(test)]\nmod").next().unwrap();
        let lines: Vec<&str> = code.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            let Some(found) = start.captures(line) else {
                continue;
            };
            if line.trim_end().ends_with(';') {
                continue;
            }
            let close = format!("{}}}", &found[1]);
            let Some(end) = lines[i..].iter().position(|l| l.trim_end() == close) else {
                continue;
            };
            if end + 1 > limit {
                let rel = file.strip_prefix(&src).unwrap().display();
                long.push(format!("src/{rel}: {} ({} lines)", &found[2], end + 1));
            }
        }
    }
    long
}

#[test]
fn functions_stay_under_a_hundred_lines() {
    let long = long_functions(100);
    assert!(long.is_empty(), "functions over 100 lines: {long:?}");
    // The finder sees functions: every one is under 100 lines, but not under 20.
    assert!(!long_functions(20).is_empty());
}
