//! One SQL text for both backends.
//!
//! Queries are written with PostgreSQL's numbered placeholders (`$1`, `$2`, …). SQLite would read
//! `$1` as a *named* parameter and number parameters in order of first appearance, which silently
//! swaps arguments when a query names `$2` before `$1`; [`for_sqlite`] rewrites each `$N` to
//! SQLite's explicit `?N`, leaving string literals and quoted identifiers alone.

use std::borrow::Cow;

/// SQL text for PostgreSQL: the written form, unchanged.
pub fn for_postgres(sql: &str) -> Cow<'_, str> {
    Cow::Borrowed(sql)
}

/// Rewrites PostgreSQL placeholders (`$N`) to SQLite's explicit numbered form (`?N`).
pub fn for_sqlite(sql: &str) -> Cow<'_, str> {
    if !sql.contains('$') {
        return Cow::Borrowed(sql);
    }
    let mut out = String::with_capacity(sql.len());
    let mut quote: Option<char> = None;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                out.push(c);
                if c == q {
                    quote = None;
                }
            }
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                out.push(c);
            }
            None if c == '$' && chars.peek().is_some_and(char::is_ascii_digit) => out.push('?'),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::for_sqlite;

    #[test]
    fn rewrites_placeholders_outside_literals() {
        assert_eq!(
            for_sqlite("UPDATE t SET a = $2 WHERE b = $1 AND c = '$1' AND \"$3\" = $10"),
            "UPDATE t SET a = ?2 WHERE b = ?1 AND c = '$1' AND \"$3\" = ?10"
        );
        assert_eq!(for_sqlite("SELECT 1"), "SELECT 1");
        assert_eq!(for_sqlite("SELECT '$' || $1"), "SELECT '$' || ?1");
    }
}
