fn main() -> Result<(), trackgen::Error> {
    // Writes $OUT_DIR/shop.rs and prints cargo:rerun-if-changed=tracking/shop.md.
    trackgen::Builder::new().spec("tracking/shop.md").compile()
}
