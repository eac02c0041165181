//! Minifies the loader (`loader/widget.js`) as it is served, since every brand page downloads
//! it: comment lines and whitespace go, string literals joined by `+` become one, consecutive
//! `var` statements one, `true` and `false` `!0` and `!1`, and the names the script declares
//! (its variables, functions, parameters) shrink to a letter or two.
//!
//! The loader is our own plain ES5 with a semicolon after every statement and each comment on
//! a line of its own, so a tokenizer is enough; a full JavaScript minifier would be a large
//! dependency for one 6 KB file. Strings and regular expressions pass through untouched, and
//! property names (after `.`, or keys of an object literal) are never renamed. The end-to-end
//! tests run the minified loader in Chromium.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Word,
    Text,
    Regex,
    Punct,
}

#[derive(Clone, Debug)]
struct Token {
    kind: Kind,
    text: String,
}

/// The loader's source, minified.
pub fn minify(source: &str) -> String {
    let code = source
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let tokens = drop_last_semicolons(merge_vars(merge_strings(tokenize(&code))));
    let names = short_names(&tokens);
    write(&tokens, &names)
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '$'
}

fn tokenize(code: &str) -> Vec<Token> {
    let chars: Vec<char> = code.chars().collect();
    let mut tokens: Vec<Token> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = (i, chars[i]);
        let kind = if c.is_whitespace() {
            i += 1;
            continue;
        } else if c == '"' || c == '\'' {
            i = literal_end(&chars, i, c);
            Kind::Text
        } else if c == '/' && regex_may_start(tokens.last()) {
            i = literal_end(&chars, i, '/');
            while i < chars.len() && is_word(chars[i]) {
                i += 1;
            }
            Kind::Regex
        } else if is_word(c) {
            while i < chars.len() && is_word(chars[i]) {
                i += 1;
            }
            Kind::Word
        } else {
            i += 1;
            Kind::Punct
        };
        tokens.push(Token {
            kind,
            text: chars[start..i].iter().collect(),
        });
    }
    tokens
}

/// Just past the literal opening at `start` and closed by `close`, escapes skipped.
fn literal_end(chars: &[char], start: usize, close: char) -> usize {
    let mut i = start + 1;
    while i < chars.len() && chars[i] != close {
        i += if chars[i] == '\\' { 2 } else { 1 };
    }
    (i + 1).min(chars.len())
}

/// Whether a `/` after `previous` opens a regular expression rather than dividing.
fn regex_may_start(previous: Option<&Token>) -> bool {
    previous.is_none_or(|token| match token.kind {
        Kind::Punct => "(,=:[!&|?{};".contains(token.text.as_str()),
        Kind::Word => token.text == "return",
        _ => false,
    })
}

/// `"a" + "b"` becomes `"ab"`: the loader writes its stylesheet one rule a line.
fn merge_strings(tokens: Vec<Token>) -> Vec<Token> {
    let mut merged: Vec<Token> = Vec::with_capacity(tokens.len());
    for token in tokens {
        let joinable = match merged.as_slice() {
            [.., left, plus] => {
                plus.text == "+"
                    && left.kind == Kind::Text
                    && token.kind == Kind::Text
                    && left.text[..1] == token.text[..1]
            }
            _ => false,
        };
        if joinable {
            merged.pop();
            let left = merged.last_mut().expect("checked above");
            left.text.pop();
            left.text.push_str(&token.text[1..]);
        } else {
            merged.push(token);
        }
    }
    merged
}

/// `var a = 1; var b = 2;` becomes `var a = 1, b = 2;`, and `true`/`false` become `!0`/`!1`.
fn merge_vars(tokens: Vec<Token>) -> Vec<Token> {
    let mut kept: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut depth = 0;
    // The nesting depth of the `var` statement being read, if any.
    let mut declaring = None;
    let mut tokens = tokens.into_iter().peekable();
    while let Some(mut token) = tokens.next() {
        match (token.kind, token.text.as_str()) {
            (Kind::Punct, "(" | "[" | "{") => depth += 1,
            (Kind::Punct, ")" | "]" | "}") => depth -= 1,
            (Kind::Word, "var") if declaring.is_none() => declaring = Some(depth),
            (Kind::Punct, ";") if declaring == Some(depth) => {
                if tokens.peek().is_some_and(|next| next.text == "var") {
                    tokens.next();
                    token.text = ",".to_owned();
                } else {
                    declaring = None;
                }
            }
            (Kind::Word, "true") => token = punct("!0"),
            (Kind::Word, "false") => token = punct("!1"),
            _ => {}
        }
        kept.push(token);
    }
    kept
}

fn punct(text: &str) -> Token {
    Token {
        kind: Kind::Punct,
        text: text.to_owned(),
    }
}

/// `;}` needs no `;`.
fn drop_last_semicolons(tokens: Vec<Token>) -> Vec<Token> {
    let mut kept: Vec<Token> = Vec::with_capacity(tokens.len());
    for token in tokens {
        if token.text == "}" && kept.last().is_some_and(|last| last.text == ";") {
            kept.pop();
        }
        kept.push(token);
    }
    kept
}

/// The names the script declares: after `var` (and its commas), `function` and `catch`.
fn declared(tokens: &[Token]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut add = |name: &str| {
        if !names.iter().any(|known| known == name) {
            names.push(name.to_owned());
        }
    };
    for (at, token) in tokens.iter().enumerate() {
        let method = at > 0 && tokens[at - 1].text == ".";
        let rest = &tokens[at + 1..];
        match token.text.as_str() {
            "var" => {
                let mut depth = 0;
                let mut expect_name = true;
                for next in rest {
                    match (next.kind, next.text.as_str()) {
                        (Kind::Punct, "(" | "[" | "{") => depth += 1,
                        (Kind::Punct, ")" | "]" | "}") => depth -= 1,
                        (Kind::Punct, ",") if depth == 0 => expect_name = true,
                        (Kind::Punct, ";") if depth == 0 => break,
                        (Kind::Word, name) if depth == 0 && expect_name => {
                            add(name);
                            expect_name = false;
                        }
                        _ => {}
                    }
                }
            }
            "function" | "catch" if !method => {
                let parameters = rest
                    .iter()
                    .take_while(|next| next.text != ")")
                    .filter(|next| next.kind == Kind::Word);
                for name in parameters {
                    add(&name.text);
                }
            }
            _ => {}
        }
    }
    names
}

/// Each declared name and its short form: letters no other word of the script uses.
fn short_names(tokens: &[Token]) -> Vec<(String, String)> {
    let names = declared(tokens);
    let taken: Vec<&str> = tokens
        .iter()
        .filter(|token| token.kind == Kind::Word && !names.contains(&token.text))
        .map(|token| token.text.as_str())
        .collect();
    let letters: Vec<char> = ('a'..='z').chain('A'..='Z').collect();
    let singles = letters.iter().map(|c| c.to_string());
    let pairs = letters
        .iter()
        .flat_map(|a| letters.iter().map(move |b| format!("{a}{b}")));
    let free = singles.chain(pairs).filter(|short| {
        !taken.contains(&short.as_str()) && !["do", "if", "in"].contains(&short.as_str())
    });
    names.into_iter().zip(free).collect()
}

fn write(tokens: &[Token], names: &[(String, String)]) -> String {
    let mut out = String::new();
    for (at, token) in tokens.iter().enumerate() {
        let previous = at
            .checked_sub(1)
            .map_or("", |before| tokens[before].text.as_str());
        let next = tokens.get(at + 1).map_or("", |after| after.text.as_str());
        let property = previous == "." || (next == ":" && (previous == "{" || previous == ","));
        let text = match names.iter().find(|(long, _)| *long == token.text) {
            Some((_, short)) if token.kind == Kind::Word && !property => short.as_str(),
            _ => token.text.as_str(),
        };
        let (Some(last), Some(first)) = (out.chars().last(), text.chars().next()) else {
            out.push_str(text);
            continue;
        };
        if (is_word(last) && is_word(first)) || (last == first && "+-".contains(first)) {
            out.push(' ');
        }
        out.push_str(text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortens_declared_names_and_leaves_strings_regexes_and_properties_alone() {
        let source = "// a comment\n(function () {\nvar launcher = make(\"launcher\"), pending = [];\n\
            function make(tag) { return { tag: tag, launcher: launcher }; }\n\
            if (/^launcher$/.test(pending.launcher)) launcher.pending = pending;\n\
            try { x(); } catch (error) { throw error; }\n})();";
        let minified = minify(source);
        assert_eq!(
            minified,
            "(function(){var a=c(\"launcher\"),b=[];function c(d){return{tag:d,launcher:a}}\
             if(/^launcher$/.test(b.launcher))a.pending=b;try{x()}catch(e){throw e}})();"
        );
    }

    #[test]
    fn joins_string_literals_and_keeps_words_and_operators_apart() {
        assert_eq!(
            minify("var css = \"a{}\" +\n\"b{}\" + 'c';\nvar n = 1 + +x;\nif (typeof n) return n;"),
            "var a=\"a{}b{}\"+'c',b=1+ +x;if(typeof b)return b;"
        );
    }

    #[test]
    fn the_loader_minifies_to_well_under_its_source() {
        let source = include_str!("../../loader/widget.js");
        let minified = minify(source);
        assert!(minified.len() * 4 < source.len() * 3, "{}", minified.len());
        for kept in [
            "PeerHelp",
            "module_or_path",
            "requestIdleCallback",
            "__PEERHELP_WASM__",
        ] {
            assert!(minified.contains(kept), "{kept}");
        }
        assert!(!minified.contains("launcher."), "names are shortened");
    }
}
