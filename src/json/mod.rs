//! JSON in the widget, without serde. The browser's `JSON.parse` and `JSON.stringify` do the
//! text work; [`Decode`] and [`Encode`] map between the resulting JS values and our types,
//! declared once per type in [`types`] with the macros of [`declare`], which generate both
//! directions and fail to compile when an API type gains a field or variant the declaration
//! does not list. serde's generic visitors (and the float formatting its error messages pull
//! in) cost the wasm about 50 KB before compression, which the visitor downloads with every
//! widget; these mappings are a fraction of that. `tests/json.rs` checks every mapping, both
//! ways, against serde_json, so the two forms cannot drift apart.

#[macro_use]
mod declare;
mod types;

use js_sys::{Array, JSON, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// A type read from a JS value: a parsed JSON document, or an object a page passed in.
pub trait Decode: Sized {
    /// `value` as `Self`, or `None` if it does not have that shape.
    fn decode(value: &JsValue) -> Option<Self>;

    /// What a missing or `null` member reads as: a mistake, except for an `Option`.
    fn absent() -> Option<Self> {
        None
    }
}

/// A type written as a JS value, ready for `JSON.stringify`.
pub trait Encode {
    fn encode(&self) -> JsValue;
}

/// A unit enum, written as the name of its variant.
pub trait Variants: Copy + 'static {
    /// Every variant with its JSON name; the declaration's exhaustive `match` keeps it complete.
    const VARIANTS: &'static [(&'static str, Self)];
}

/// `json` as a `T`, or `None` if it is not valid JSON of that shape.
pub fn from_str<T: Decode>(json: &str) -> Option<T> {
    T::decode(&JSON::parse(json).ok()?)
}

/// `value` as JSON text.
pub fn to_string(value: &impl Encode) -> Option<String> {
    JSON::stringify(&value.encode()).ok()?.as_string()
}

/// The members of a JSON object, read by name.
pub struct Members<'a>(&'a JsValue);

impl<'a> Members<'a> {
    /// The members of `value`, if it is an object.
    pub fn of(value: &'a JsValue) -> Option<Members<'a>> {
        value.is_object().then_some(Members(value))
    }

    /// Member `name` as a `T`; see [`Decode::absent`] for a missing one.
    pub fn get<T: Decode>(&self, name: &str) -> Option<T> {
        let member = Reflect::get(self.0, &JsValue::from_str(name)).ok()?;
        if member.is_undefined() || member.is_null() {
            T::absent()
        } else {
            T::decode(&member)
        }
    }
}

/// An object with `members`; those whose value is `undefined` (a `None`) are left out by
/// `JSON.stringify`, as serde's `skip_serializing_if = "Option::is_none"` does.
pub fn object(members: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (name, value) in members {
        _ = Reflect::set(&object, &JsValue::from_str(name), value);
    }
    object.into()
}

impl Decode for String {
    fn decode(value: &JsValue) -> Option<Self> {
        value.as_string()
    }
}

impl Decode for bool {
    fn decode(value: &JsValue) -> Option<Self> {
        value.as_bool()
    }
}

impl Decode for i64 {
    fn decode(value: &JsValue) -> Option<Self> {
        let number = value.as_f64()?;
        (number.fract() == 0.0 && number.abs() <= MAX_SAFE_INTEGER).then_some(number as i64)
    }
}

impl Decode for u32 {
    fn decode(value: &JsValue) -> Option<Self> {
        u32::try_from(i64::decode(value)?).ok()
    }
}

impl Decode for f32 {
    fn decode(value: &JsValue) -> Option<Self> {
        value.as_f64().map(|number| number as f32)
    }
}

/// Beyond 2^53 a JS number no longer holds every integer exactly.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

impl<T: Decode> Decode for Option<T> {
    fn decode(value: &JsValue) -> Option<Self> {
        T::decode(value).map(Some)
    }

    fn absent() -> Option<Self> {
        Some(None)
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn decode(value: &JsValue) -> Option<Self> {
        let array = value.dyn_ref::<Array>()?;
        array.iter().map(|item| T::decode(&item)).collect()
    }
}

/// A pair is a two-element array, as serde writes tuples.
impl<A: Decode, B: Decode> Decode for (A, B) {
    fn decode(value: &JsValue) -> Option<Self> {
        let array = value.dyn_ref::<Array>().filter(|a| a.length() == 2)?;
        Some((A::decode(&array.get(0))?, B::decode(&array.get(1))?))
    }
}

impl Encode for String {
    fn encode(&self) -> JsValue {
        JsValue::from_str(self)
    }
}

impl Encode for bool {
    fn encode(&self) -> JsValue {
        JsValue::from_bool(*self)
    }
}

impl Encode for i64 {
    fn encode(&self) -> JsValue {
        JsValue::from_f64(*self as f64)
    }
}

impl Encode for u32 {
    fn encode(&self) -> JsValue {
        JsValue::from_f64((*self).into())
    }
}

impl Encode for f32 {
    fn encode(&self) -> JsValue {
        JsValue::from_f64((*self).into())
    }
}

impl<T: Encode> Encode for Option<T> {
    fn encode(&self) -> JsValue {
        self.as_ref().map_or(JsValue::UNDEFINED, Encode::encode)
    }
}

impl<T: Encode> Encode for Vec<T> {
    fn encode(&self) -> JsValue {
        self.iter().map(Encode::encode).collect::<Array>().into()
    }
}

impl<A: Encode, B: Encode> Encode for (A, B) {
    fn encode(&self) -> JsValue {
        Array::of2(&self.0.encode(), &self.1.encode()).into()
    }
}
