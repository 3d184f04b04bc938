//! Files compiled into the binary by `build.rs`: the default theme and the bundled handbook.

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
