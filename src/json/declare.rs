//! The macros that declare how an API type maps to JSON, once per type, generating both its
//! [`Decode`](super::Decode) and its [`Encode`](super::Encode). Each lists every field (or
//! variant) of the type by its Rust name, as serde's derive does, and neither direction can
//! leave one out: decoding builds the value with a struct expression and encoding takes it
//! apart with a pattern, both without `..`, and enums are matched without a wildcard. So a
//! field or variant added to an API type fails to compile here until it is declared.
//!
//! Member names are the field names (no type the widget maps renames a field, and
//! `tests/json.rs` would fail if one did); variant names are converted to snake case by the
//! compiler, as the API's `#[serde(rename_all = "snake_case")]` does. A field may carry a rule
//! after a colon, for its serde attributes:
//! - none: required (an `Option` may still be missing or `null`, and is left out when `None`,
//!   which is what `#[serde(default, skip_serializing_if = "Option::is_none")]` says);
//! - `default`: `#[serde(default)]`, may be missing;
//! - `omit_default`: `#[serde(default, skip_serializing_if = …)]` for a value left out when it
//!   is its default (`false` for `TextSpan::mark`).
//!
//! The widget only reads some types and only writes others; the direction it never calls is
//! dropped by the linker, so generating both costs the shipped wasm nothing.

use js_sys::{Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use super::Variants;

/// A struct as a JSON object: `json_object!(Type { field, field: rule, … })`.
macro_rules! json_object {
    ($type:ident { $($field:ident $(: $rule:ident)?),* $(,)? }) => {
        impl $crate::json::Decode for $type {
            fn decode(value: &wasm_bindgen::JsValue) -> Option<Self> {
                let members = $crate::json::Members::of(value)?;
                Some($type { $($field: read_member!(members, $field $(: $rule)?)),* })
            }
        }

        impl $crate::json::Encode for $type {
            fn encode(&self) -> wasm_bindgen::JsValue {
                let $type { $($field),* } = self;
                $crate::json::object(&[$((stringify!($field), write_member!($field $(: $rule)?))),*])
            }
        }
    };
}

/// A unit enum as the snake case name of its variant: `json_enum!(Type { Variant, … })`.
macro_rules! json_enum {
    ($type:ident { $($variant:ident),* $(,)? }) => {
        impl $crate::json::Variants for $type {
            const VARIANTS: &'static [(&'static str, Self)] =
                &[$((snake_case!($variant), $type::$variant)),*];
        }

        impl $crate::json::Decode for $type {
            fn decode(value: &wasm_bindgen::JsValue) -> Option<Self> {
                $crate::json::declare::variant(value)
            }
        }

        impl $crate::json::Encode for $type {
            fn encode(&self) -> wasm_bindgen::JsValue {
                wasm_bindgen::JsValue::from_str(match self {
                    $($type::$variant => snake_case!($variant)),*
                })
            }
        }
    };
}

/// An enum of struct variants, externally tagged as serde does by default: one member named
/// after the variant, holding its fields. `json_tagged!(Type { Variant { field, … }, … })`.
macro_rules! json_tagged {
    ($type:ident { $($variant:ident { $($field:ident $(: $rule:ident)?),* $(,)? }),* $(,)? }) => {
        impl $crate::json::Decode for $type {
            fn decode(value: &wasm_bindgen::JsValue) -> Option<Self> {
                let (tag, fields) = $crate::json::declare::tagged(value)?;
                let members = $crate::json::Members::of(&fields)?;
                $(
                    if tag == snake_case!($variant) {
                        return Some($type::$variant {
                            $($field: read_member!(members, $field $(: $rule)?)),*
                        });
                    }
                )*
                None
            }
        }

        impl $crate::json::Encode for $type {
            fn encode(&self) -> wasm_bindgen::JsValue {
                let (name, fields) = match self {
                    $($type::$variant { $($field),* } => (
                        snake_case!($variant),
                        $crate::json::object(&[
                            $((stringify!($field), write_member!($field $(: $rule)?))),*
                        ]),
                    )),*
                };
                $crate::json::object(&[(name, fields)])
            }
        }
    };
}

/// One member read from `members` by the field's rule.
macro_rules! read_member {
    ($members:ident, $field:ident) => {
        $members.get(stringify!($field))?
    };
    ($members:ident, $field:ident: default) => {
        $members.get::<Option<_>>(stringify!($field))?.unwrap_or_default()
    };
    ($members:ident, $field:ident: omit_default) => {
        read_member!($members, $field: default)
    };
}

/// One field's value as a member by its rule; `undefined` is left out by `JSON.stringify`.
macro_rules! write_member {
    ($field:ident $(: default)?) => {
        $crate::json::Encode::encode($field)
    };
    ($field:ident: omit_default) => {
        if $crate::json::declare::is_default($field) {
            wasm_bindgen::JsValue::UNDEFINED
        } else {
            $crate::json::Encode::encode($field)
        }
    };
}

/// Variant `$ident` (`OriginNotAllowed`) as serde's `snake_case` writes it
/// (`origin_not_allowed`), a string constant computed by the compiler.
macro_rules! snake_case {
    ($ident:ident) => {
        const {
            $crate::json::declare::ascii(
                &const {
                    $crate::json::declare::snake_case::<
                        { $crate::json::declare::snake_case_length(stringify!($ident)) },
                    >(stringify!($ident))
                },
            )
        }
    };
}

/// How long [`snake_case`] makes `ident`: one byte more per capital after the first letter.
pub const fn snake_case_length(ident: &str) -> usize {
    let ident = ident.as_bytes();
    let (mut i, mut length) = (0, 0);
    while i < ident.len() {
        length += if i > 0 && ident[i].is_ascii_uppercase() {
            2
        } else {
            1
        };
        i += 1;
    }
    length
}

/// `ident` in snake case, `N` bytes long: an underscore before each capital but the first, and
/// every letter in lower case.
pub const fn snake_case<const N: usize>(ident: &str) -> [u8; N] {
    let ident = ident.as_bytes();
    let mut name = [0; N];
    let (mut i, mut length) = (0, 0);
    while i < ident.len() {
        if i > 0 && ident[i].is_ascii_uppercase() {
            name[length] = b'_';
            length += 1;
        }
        name[length] = ident[i].to_ascii_lowercase();
        length += 1;
        i += 1;
    }
    name
}

/// `bytes`, which are ASCII, as a string.
pub const fn ascii(bytes: &'static [u8]) -> &'static str {
    match core::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => panic!("a Rust identifier in snake case is ASCII"),
    }
}

/// Whether `value` is its type's default, which `omit_default` leaves out.
pub fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// The unit variant that `value` names.
pub fn variant<T: Variants>(value: &JsValue) -> Option<T> {
    let name = value.as_string()?;
    T::VARIANTS
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(_, variant)| *variant)
}

/// The tag and the fields of an externally tagged variant, `{"answer_posted": {…}}`: an object
/// with exactly one member.
pub fn tagged(value: &JsValue) -> Option<(String, JsValue)> {
    let keys = Object::keys(value.dyn_ref::<Object>()?);
    let tag = keys.get(0).as_string().filter(|_| keys.length() == 1)?;
    let fields = Reflect::get(value, &JsValue::from_str(&tag)).ok()?;
    Some((tag, fields))
}
