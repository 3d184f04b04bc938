//! The browser stems a typed word exactly as the build stemmed the index: search.js's
//! English stemmer (the block between `// <stemmer>` and `// </stemmer>`, in its part
//! themes/default/search/2-stemmer.js) and the build's
//! (rust-stemmers, through `search::text::Language`) give the same stem for 25,000 common
//! English words and every word of the bundled handbook.

use std::collections::BTreeSet;
use std::io::Write;
use std::process::{Command, Stdio};

use handbook::search::text::{Language, fold, words};

const SEARCH_JS: &str = include_str!("../../themes/default/search/2-stemmer.js");

/// The stemmer's block of search.js, as a script that stems each line of its input.
fn script() -> String {
    let start = SEARCH_JS
        .find("// <stemmer>")
        .expect("search.js marks its stemmer");
    let end = SEARCH_JS
        .find("// </stemmer>")
        .expect("search.js marks its stemmer's end");
    format!(
        "{}\nconst lines = require('fs').readFileSync(0, 'utf8').split('\\n').filter(Boolean);\nprocess.stdout.write(lines.map(stemEnglish).join('\\n') + '\\n');\n",
        &SEARCH_JS[start..end]
    )
}

fn node() -> Option<&'static str> {
    let found = Command::new("node").arg("--version").output().is_ok();
    if !found {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must install node (see .ci/run)"
        );
        eprintln!("skipping: no node on this machine");
    }
    found.then_some("node")
}

#[test]
fn search_js_stems_every_word_as_the_build_does() {
    let Some(node) = node() else { return };
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut list: BTreeSet<String> = std::fs::read_to_string(root.join("tests/data/words-en.txt"))
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    assert!(list.len() >= 20_000, "{} words", list.len());
    for file in walk(&root.join("content")) {
        let text = std::fs::read_to_string(&file).unwrap();
        list.extend(words(&text).into_iter().map(fold));
    }
    let list: Vec<String> = list.into_iter().collect();
    let english = Language::new("en");
    let expected: Vec<String> = list.iter().map(|w| english.stem(w)).collect();

    let mut child = Command::new(node)
        .args(["-e", &script()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let input = list.join("\n") + "\n";
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(got.len(), list.len());
    let differ: Vec<String> = (list.iter().zip(&expected).zip(&got))
        .filter(|((_, e), g)| e != g)
        .map(|((w, e), g)| format!("{w}: build {e}, search.js {g}"))
        .collect();
    assert!(
        differ.is_empty(),
        "{} of {} words stem differently:\n{}",
        differ.len(),
        list.len(),
        differ
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Every Markdown and YAML file under `dir`.
fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "md" || e == "yaml") {
            out.push(path);
        }
    }
    out
}
