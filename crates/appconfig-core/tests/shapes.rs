//! `SHAPES`, the table the npm package validates `JSON.parse` output with, against the model's
//! own `Deserialize` impls: the same members with the same wire names, and for each member a
//! value of its type parses while values of other types are refused naming the member, by
//! serde_json's reader and by the core's own (`json_tree`, the browser transport's) alike.

mod common;

use appconfig_core::shape::{shape, MemberType, Shape, OPERATION_OUTPUTS, SHAPES};
use appconfig_core::{
    json_tree::{read_json_body, FromJson},
    model::{
        ActionInvocation, Application, Applications, AppliedExtension, DeploymentEvent,
        DeploymentStrategy, DeploymentSummary, Deployments, Environment, Environments,
        HostedConfigurationVersionSummary, HostedConfigurationVersions, Monitor,
    },
    response::parse_json_body,
    Deployment,
};
use serde::de::{self, DeserializeOwned, Visitor};
use serde_json::{json, Value};

/// A deserializer that records the member names a `Deserialize` impl asks for, then stops.
struct Capture<'a>(&'a mut Option<&'static [&'static str]>);

#[derive(Debug)]
struct Stop;
impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("stop")
    }
}
impl std::error::Error for Stop {}
impl de::Error for Stop {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Stop
    }
}

impl<'de> de::Deserializer<'de> for Capture<'_> {
    type Error = Stop;
    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
        Err(Stop)
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Stop> {
        *self.0 = Some(fields);
        Err(Stop)
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

fn fields_of<T: DeserializeOwned>() -> &'static [&'static str] {
    let mut out = None;
    let _ = T::deserialize(Capture(&mut out));
    out.expect("a structure")
}

fn model_fields(name: &str) -> &'static [&'static str] {
    match name {
        "Deployment" => fields_of::<Deployment>(),
        "DeploymentEvent" => fields_of::<DeploymentEvent>(),
        "ActionInvocation" => fields_of::<ActionInvocation>(),
        "AppliedExtension" => fields_of::<AppliedExtension>(),
        "Application" => fields_of::<Application>(),
        "Applications" => fields_of::<Applications>(),
        "Monitor" => fields_of::<Monitor>(),
        "Environment" => fields_of::<Environment>(),
        "Environments" => fields_of::<Environments>(),
        "DeploymentSummary" => fields_of::<DeploymentSummary>(),
        "Deployments" => fields_of::<Deployments>(),
        "DeploymentStrategy" => fields_of::<DeploymentStrategy>(),
        "HostedConfigurationVersionSummary" => fields_of::<HostedConfigurationVersionSummary>(),
        "HostedConfigurationVersions" => fields_of::<HostedConfigurationVersions>(),
        other => panic!("no model type for shape {other}"),
    }
}

/// Parses `body` as the top-level shape `name` with both readers (serde_json's and the core's
/// own, `json_tree`); the error text, if any. The two must agree on whether it parses, and on
/// the member an error names.
fn parse(name: &str, body: &Value) -> Result<(), String> {
    let text = body.to_string();
    let (serde, tree) = (
        parse_with(name, &text, false),
        parse_with(name, &text, true),
    );
    match (&serde, &tree) {
        (Ok(()), Ok(())) => {}
        (Err(a), Err(b)) => {
            let member = |e: &str| {
                e.split(" has the wrong type")
                    .next()
                    .unwrap_or(e)
                    .to_owned()
            };
            assert_eq!(
                member(a),
                member(b),
                "{name} {text}: the readers name different members"
            );
        }
        _ => panic!("{name} {text}: serde_json's reader says {serde:?}, json_tree's {tree:?}"),
    }
    tree
}

fn parse_with(name: &str, text: &str, tree: bool) -> Result<(), String> {
    fn read<T: serde::de::DeserializeOwned + FromJson>(b: &[u8], tree: bool) -> Result<(), String> {
        let r = if tree {
            read_json_body::<T>(200, b).map(drop)
        } else {
            parse_json_body::<T>(200, b).map(drop)
        };
        r.map_err(|e| e.to_string())
    }
    let b = text.as_bytes();
    match name {
        "Deployment" => read::<Deployment>(b, tree),
        "Applications" => read::<Applications>(b, tree),
        "Application" => read::<Application>(b, tree),
        "Environment" => read::<Environment>(b, tree),
        "Environments" => read::<Environments>(b, tree),
        "Deployments" => read::<Deployments>(b, tree),
        "DeploymentStrategy" => read::<DeploymentStrategy>(b, tree),
        "HostedConfigurationVersions" => read::<HostedConfigurationVersions>(b, tree),
        other => panic!("{other} is no output"),
    }
}

fn good(t: MemberType) -> Value {
    match t {
        MemberType::String => json!("v"),
        MemberType::Integer => json!(7),
        MemberType::Double => json!(12.5),
        MemberType::Timestamp => json!("2021-09-17T21:43:54.205Z"),
        MemberType::StringMap => json!({"k": "v"}),
        MemberType::Structure(s) => sample(shape(s).unwrap()),
        MemberType::List(s) => json!([sample(shape(s).unwrap())]),
        _ => unreachable!(),
    }
}

fn sample(s: &Shape) -> Value {
    let mut o = serde_json::Map::new();
    for (name, t) in s.members {
        o.insert((*name).into(), good(*t));
    }
    Value::Object(o)
}

/// Values of the wrong type for `t`, and the member path suffix the error names.
fn wrong(t: MemberType) -> Vec<(Value, &'static str)> {
    let structure = vec![(json!("x"), ""), (json!(5), ""), (json!(["a"]), "")];
    match t {
        MemberType::String => vec![
            (json!(5), ""),
            (json!(true), ""),
            (json!({}), ""),
            (json!([]), ""),
        ],
        MemberType::Integer => vec![
            (json!("1"), ""),
            (json!(1.5), ""),
            (json!(3_000_000_000u64), ""),
            (json!(true), ""),
        ],
        MemberType::Double => vec![(json!("fast"), ""), (json!({}), "")],
        MemberType::Timestamp => vec![
            (json!(true), ""),
            (json!("yesterday"), ""),
            (json!("2021-09-17T21:43:54"), ""),
            (json!("2021-13-01T00:00:00Z"), ""),
            (json!(1e300), ""),
        ],
        MemberType::StringMap => vec![(json!("x"), ""), (json!({"k": 1}), ".k"), (json!([]), "")],
        MemberType::Structure(_) => structure,
        MemberType::List(_) => vec![
            (json!("x"), ""),
            (json!({}), ""),
            (json!([5]), "[0]"),
            (json!([[1]]), "[0]"),
        ],
        _ => unreachable!(),
    }
}

/// Every member below `s` at `path`, with a body builder putting a value there.
fn members(
    s: &'static Shape,
    path: String,
    out: &mut Vec<(String, MemberType, Vec<String>)>,
    keys: Vec<String>,
) {
    for (name, t) in s.members {
        let mut k = keys.clone();
        k.push((*name).to_string());
        let p = if path.is_empty() {
            (*name).to_string()
        } else {
            format!("{path}.{name}")
        };
        out.push((p.clone(), *t, k.clone()));
        if let MemberType::List(inner) = t {
            let mut k2 = k.clone();
            k2.push("[0]".into());
            members(shape(inner).unwrap(), format!("{p}[0]"), out, k2);
        }
    }
}

/// `{a: [{b: value}]}` from keys `["a", "[0]", "b"]`.
fn nest(keys: &[String], value: Value) -> Value {
    match keys.split_first() {
        None => value,
        Some((k, rest)) if k == "[0]" => json!([nest(rest, value)]),
        Some((k, rest)) => {
            let mut o = serde_json::Map::new();
            o.insert(k.clone(), nest(rest, value));
            Value::Object(o)
        }
    }
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn every_structure_has_the_models_members() {
    for s in SHAPES {
        let ours: Vec<&str> = s.members.iter().map(|(n, _)| *n).collect();
        assert_eq!(ours, model_fields(s.name), "members of {}", s.name);
    }
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn every_shape_is_reachable_from_an_output() {
    for s in SHAPES {
        let reachable = OPERATION_OUTPUTS.iter().any(|(_, out)| {
            let mut seen = vec![*out];
            let mut i = 0;
            while i < seen.len() {
                for (_, t) in shape(seen[i]).unwrap().members {
                    if let MemberType::List(n) | MemberType::Structure(n) = t {
                        if !seen.contains(n) {
                            seen.push(n);
                        }
                    }
                }
                i += 1;
            }
            seen.contains(&s.name)
        });
        assert!(reachable, "{} is in no output", s.name);
    }
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn a_full_sample_of_every_output_parses() {
    for (op, out) in OPERATION_OUTPUTS {
        let body = sample(shape(out).unwrap());
        parse(out, &body).unwrap_or_else(|e| panic!("{op}: {e}"));
        // Epoch seconds are timestamps too.
        if body.get("StartedAt").is_some() {
            let mut b = body.clone();
            b["StartedAt"] = json!(1_631_915_034.205);
            parse(out, &b).unwrap_or_else(|e| panic!("{op}: {e}"));
        }
    }
}

#[test]
#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
fn every_member_refuses_other_types_naming_its_path() {
    let mut checked = 0;
    for (_, out) in OPERATION_OUTPUTS {
        let mut all = Vec::new();
        members(shape(out).unwrap(), String::new(), &mut all, Vec::new());
        for (path, t, keys) in all {
            // The right type parses.
            parse(out, &nest(&keys, good(t))).unwrap_or_else(|e| panic!("{out} {path}: {e}"));
            // null is an absent member.
            parse(out, &nest(&keys, Value::Null))
                .unwrap_or_else(|e| panic!("{out} {path} null: {e}"));
            for (value, suffix) in wrong(t) {
                let err = parse(out, &nest(&keys, value.clone()))
                    .expect_err(&format!("{out} {path} = {value} must be refused"));
                let want = format!("member {path}{suffix} has the wrong type");
                assert!(err.contains(&want), "{out} {path} = {value}: {err}");
                checked += 1;
            }
        }
    }
    assert!(checked > 300, "{checked}");
}
