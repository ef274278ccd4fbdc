//! Every askama template of the TypeScript backend, in one place to audit: each one has
//! `escape = "none"` and a path with the output's extension (never `.html`/`.jinja`).

use askama::Template;

use super::view::IndexView;

/// `src/index.ts` (includes `enum.ts`, `interface.ts`, `event.ts`, `tracker.ts`).
#[derive(Template)]
#[template(path = "typescript/index.ts", escape = "none")]
pub struct IndexTemplate<'a> {
    /// The view.
    pub v: &'a IndexView,
}

/// `package.json`. Every field is already a JSON literal.
#[derive(Template)]
#[template(path = "typescript/package.json", escape = "none")]
pub struct PackageTemplate {
    /// The header sentence (a `"//"` key: JSON has no comments).
    pub header: String,
    /// Package name.
    pub name: String,
    /// Package version.
    pub version: String,
    /// One-line description.
    pub description: String,
    /// Pinned TypeScript version.
    pub typescript: String,
}

/// `tsconfig.json` (JSONC: tsc reads `//` comments).
#[derive(Template)]
#[template(path = "typescript/tsconfig.json", escape = "none")]
pub struct TsconfigTemplate {
    /// The `// @generated` line.
    pub header: String,
}
