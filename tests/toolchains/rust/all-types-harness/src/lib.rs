//! Behaviour tests of the generated `all-types-tracker` crate live in `tests/`.
