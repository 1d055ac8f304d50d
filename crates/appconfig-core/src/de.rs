//! `Deserialize` for the model's structures, written by a macro instead of serde's derive, and
//! from the same member table their [`crate::json_tree::FromJson`] for the core's own reader.
//!
//! The derive also reads a structure from a JSON array of its members in order (`visit_seq`),
//! which AWS never sends and which doubles each structure's code in the npm package's wasm. These
//! impls read objects only: an array where a structure belongs is an `invalid type: sequence`
//! error, which `response::parse_json_body` reports as "expected an object, got an array".
//! Otherwise they behave as the derive with `rename_all = "PascalCase"` on all-`Option` members:
//! unknown members are skipped, absent and `null` members are `None`, a repeated member is a
//! `duplicate field` error.

/// `deserialize_struct!(Name { field => "WireName", ... });` for a `Default` struct whose members
/// are all `Option`s.
macro_rules! deserialize_struct {
    ($name:ident { $($field:ident => $wire:literal),+ $(,)? }) => {
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> serde::de::Visitor<'de> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str(concat!("struct ", stringify!($name)))
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> Result<$name, A::Error> {
                        // Members are stored straight into the result: an early return drops one
                        // value, not one local per member (which the derive inlines at every `?`).
                        let mut out = <$name as Default>::default();
                        let mut seen = 0u64;
                        while let Some(key) = map.next_key::<String>()? {
                            match key.as_str() {
                                $($wire => {
                                    const BIT: u64 = 1 << $crate::de::index_of(FIELDS, $wire);
                                    if seen & BIT != 0 {
                                        return Err(<A::Error as serde::de::Error>::duplicate_field($wire));
                                    }
                                    seen |= BIT;
                                    out.$field = $crate::de::next_value(&mut map)?;
                                })+
                                _ => {
                                    map.next_value::<serde::de::IgnoredAny>()?;
                                }
                            }
                        }
                        Ok(out)
                    }
                }
                const FIELDS: &[&str] = &[$($wire),+];
                d.deserialize_struct(stringify!($name), FIELDS, V)
            }
        }

        // The core's own reader (crate::json_tree), from the same member table. The loop over
        // the members, their names and the repeats is `read_members`, once for all structures;
        // here only each member's read, by its place in FIELDS.
        impl $crate::json_tree::FromJson for $name {
            #[inline(never)]
            fn from_json(
                v: &$crate::json_tree::Json<'_>,
            ) -> Result<Self, $crate::json_tree::ReadError> {
                const FIELDS: &[&str] = &[$($wire),+];
                let mut out = <$name as Default>::default();
                $crate::json_tree::read_members(
                    v,
                    concat!("struct ", stringify!($name)),
                    FIELDS,
                    &mut |i, value| {
                        $({
                            const I: usize = $crate::de::index_of(FIELDS, $wire);
                            if i == I {
                                out.$field = $crate::json_tree::FromJson::from_json(value)?;
                            }
                        })+
                        Ok(())
                    },
                )?;
                Ok(out)
            }
        }
    };
}

/// `map.next_value()`, kept out of line: one copy per member type (`Option<String>` serves ~40
/// members) instead of one inlined copy per member.
#[inline(never)]
pub(crate) fn next_value<'de, A, T>(map: &mut A) -> Result<T, A::Error>
where
    A: serde::de::MapAccess<'de>,
    T: serde::Deserialize<'de>,
{
    map.next_value()
}

/// The position of `name` in `fields` (at most 64 members), at compile time.
pub(crate) const fn index_of(fields: &[&str], name: &str) -> usize {
    let mut i = 0;
    while i < fields.len() {
        let (a, b) = (fields[i].as_bytes(), name.as_bytes());
        if a.len() == b.len() {
            let mut j = 0;
            while j < a.len() && a[j] == b[j] {
                j += 1;
            }
            if j == a.len() {
                assert!(i < 64, "too many members");
                return i;
            }
        }
        i += 1;
    }
    panic!("member not in FIELDS")
}
