//! Any bytes, read as a Markdown spec and as a plain-text export, then lowered and generated in
//! every language: nothing may panic, and a spec that loads must generate or report errors.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for path in ["fuzz.md", "fuzz.txt"] {
        if let Ok(loaded) = trackgen::load_str(path, "fuzz", text) {
            let cx = trackgen::lang::Context::new(path, text);
            let mut d = loaded.diagnostics.clone();
            let _ = trackgen::lang::generate(&loaded.model, &cx, &trackgen::Language::ALL, &mut d);
        }
    }
});
