//! `handbook schema [--kind K]`: JSON Schema for the files editors write.

use crate::console::Console;
use crate::schema;

pub fn run(console: &Console, kind: Option<&str>) -> bool {
    let value = match kind {
        None => schema::all(),
        Some(name) => match schema::by_name(name) {
            Some(value) => value,
            None => {
                console.failure(&format!(
                    "no schema named `{name}`; the names are: {}",
                    schema::KINDS.join(", ")
                ));
                return false;
            }
        },
    };
    println!(
        "{}",
        serde_json::to_string_pretty(&value).unwrap_or_default()
    );
    true
}
