//! `Deserialize` for the model's structures, written by a macro instead of serde's derive.
//!
//! The derive also reads a structure from a JSON array of its members in order (`visit_seq`),
//! which AWS never sends and which doubles each structure's code in the npm package's wasm. These
//! impls read objects only: an array where a structure belongs is an `invalid type: sequence`
//! error, which `response::parse_json_body` reports as "expected an object, got an array".
//! Otherwise they behave as the derive with `rename_all = "PascalCase"` on all-`Option` members:
//! unknown members are skipped, absent and `null` members are `None`, a repeated member is a
//! `duplicate field` error.

/// `deserialize_struct!(Name { field => "WireName", ... });` for a struct whose members are all
/// `Option`s.
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
                        $(let mut $field = None;)+
                        while let Some(key) = map.next_key::<String>()? {
                            match key.as_str() {
                                $($wire => {
                                    if $field.is_some() {
                                        return Err(<A::Error as serde::de::Error>::duplicate_field($wire));
                                    }
                                    $field = Some(map.next_value()?);
                                })+
                                _ => {
                                    map.next_value::<serde::de::IgnoredAny>()?;
                                }
                            }
                        }
                        Ok($name { $($field: $field.flatten(),)+ })
                    }
                }
                const FIELDS: &[&str] = &[$($wire),+];
                d.deserialize_struct(stringify!($name), FIELDS, V)
            }
        }
    };
}
