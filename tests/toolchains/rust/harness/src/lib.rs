//! Behaviour tests of the generated `onlive-tracker` crate live in `tests/`.
