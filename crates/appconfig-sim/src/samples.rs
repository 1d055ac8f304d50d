//! The contents of the seeded hosted configuration versions, and of the versions a live
//! environment's chain deploys next: each version differs from the one before in a way a person
//! would make (a flag turned on, a limit raised, a line added), so "what changed" between two
//! deployments always has something to show.
//!
//! Feature flags follow AWS's `AWS.AppConfig.FeatureFlags` document (user guide, "Type reference
//! for AWS.AppConfig.FeatureFlags"): `version` "1", `flags` (definitions with attribute
//! constraints) and `values` (per flag `enabled` and attribute values); see EVIDENCE.md.

use serde_json::{json, Map, Value};

/// `Content-Type` of JSON content.
pub(crate) const JSON: &str = "application/json";
/// `Content-Type` of YAML content (what the console sets for YAML).
pub(crate) const YAML: &str = "application/x-yaml";
/// `Content-Type` of text content.
pub(crate) const TEXT: &str = "text/plain";

/// The payments feature flags, version `n` (production deploys 11 to 14, staging 21, 22 and
/// the chain's next ones).
pub(crate) fn payments_flags(n: i32) -> String {
    let mut flags = Map::new();
    let mut values = Map::new();
    let mut add = |key: &str, definition: Value, value: Value| {
        flags.insert(key.into(), definition);
        values.insert(key.into(), value);
    };
    let rollout = match n {
        ..=10 => 0,
        11 => 10,
        12..=13 => 25,
        _ => 100,
    };
    add(
        "apple-pay",
        json!({"name": "Apple Pay", "description": "Offer Apple Pay at checkout",
               "attributes": {"rollout-percent": {"constraints": {"type": "number", "minimum": 0, "maximum": 100}}}}),
        json!({"enabled": n >= 11, "rollout-percent": rollout}),
    );
    let limit = match n {
        ..=11 => 2500,
        12..=20 => 5000,
        _ => 5000 + 500 * (n % 4),
    };
    add(
        "card-limit",
        json!({"name": "Card limit", "description": "Largest card payment without review",
               "attributes": {"max-amount": {"constraints": {"type": "number", "required": true}},
                              "currency": {"constraints": {"type": "string", "enum": ["EUR", "USD"]}}}}),
        json!({"enabled": true, "max-amount": limit, "currency": "EUR"}),
    );
    add(
        "fraud-scoring",
        json!({"name": "Fraud scoring", "description": "Model that scores each payment",
               "attributes": {"model": {"constraints": {"type": "string", "enum": ["v6", "v7"]}},
                              "threshold": {"constraints": {"type": "number"}}}}),
        json!({"enabled": true, "model": if n >= 13 { "v7" } else { "v6" },
               "threshold": if n >= 21 && n % 3 == 0 { 0.85 } else { 0.8 }}),
    );
    add(
        "payment-router-v2",
        json!({"name": "Payment router v2", "description": "Route payments through the new router"}),
        json!({"enabled": n >= 14}),
    );
    if n >= 15 {
        let variant = ["one-page", "two-step", "express"][(n % 3) as usize];
        add(
            "checkout-v2",
            json!({"name": "Checkout v2", "description": "The redesigned checkout",
                   "attributes": {"variant": {"constraints": {"type": "string", "enum": ["one-page", "two-step", "express"]}}}}),
            json!({"enabled": n % 2 == 0, "variant": variant}),
        );
    }
    if n >= 22 {
        add(
            "gift-cards",
            json!({"name": "Gift cards", "description": "Pay with a gift card"}),
            json!({"enabled": n % 3 != 2}),
        );
    }
    if n >= 20 && n % 5 == 0 {
        add(
            "holiday-banner",
            json!({"name": "Holiday banner", "_deprecation": {"status": "planned"}}),
            json!({"enabled": true}),
        );
    }
    pretty(&json!({"version": "1", "flags": flags, "values": values}))
}

/// The storefront's JSON settings, version `n`.
pub(crate) fn storefront_settings(n: i32) -> String {
    let mut synonyms = vec!["sneakers=trainers", "tee=t-shirt"];
    if n >= 10 {
        synonyms.push("hoodie=sweatshirt");
    }
    if n >= 25 {
        synonyms.push("jacket=coat");
    }
    let mut payment_methods = vec!["card", "paypal"];
    if n % 4 == 0 {
        payment_methods.push("klarna");
    }
    pretty(&json!({
        "catalog": {
            "pageSize": 24 + (n % 3) * 12,
            "sort": if n % 2 == 0 { "relevance" } else { "newest" },
            "showOutOfStock": n % 5 == 0,
        },
        "search": {
            "provider": if n >= 30 { "opensearch" } else { "elasticsearch" },
            "synonyms": synonyms,
            "typoTolerance": {"enabled": true, "maxEdits": 1 + n % 2},
        },
        "checkout": {"paymentMethods": payment_methods, "guestCheckout": n >= 20},
        "cache": {"ttlSeconds": 60 * (1 + n % 4)},
        "build": format!("build-{}", 1000 + n),
    }))
}

/// The storefront's banner in YAML, version `n`.
pub(crate) fn storefront_banner(n: i32) -> String {
    let message = [
        "Free shipping on orders over 50 EUR",
        "Spring sale: 20% off outerwear",
        "New arrivals every Friday",
    ][(n % 3) as usize];
    let theme = if n % 2 == 0 { "dark" } else { "light" };
    let mut regions = String::from("    - eu-west\n    - eu-central\n");
    if n >= 6 {
        regions.push_str("    - us-east\n");
    }
    format!(
        "# Storefront banner (version {n})\nbanner:\n  enabled: {}\n  message: \"{message}\"\n  theme: {theme}\n  dismissible: true\n  regions:\n{regions}  schedule:\n    start: \"2026-0{}-01T08:00:00Z\"\n    end: \"2026-0{}-28T22:00:00Z\"\n",
        n % 7 != 0,
        1 + n % 9,
        1 + n % 9,
    )
}

/// The storefront's `robots.txt`, version `n`.
pub(crate) fn robots_txt(n: i32) -> String {
    let mut lines = vec![
        "# robots.txt for shop.example.com".to_owned(),
        format!("# version {n}"),
        "User-agent: *".to_owned(),
        "Disallow: /checkout/".to_owned(),
        "Disallow: /account/".to_owned(),
    ];
    if n >= 3 {
        lines.push("Disallow: /search?".to_owned());
    }
    if n % 2 == 0 {
        lines.push("Crawl-delay: 5".to_owned());
    }
    lines.push(String::new());
    lines.push("User-agent: GPTBot".to_owned());
    lines.push(
        if n >= 6 {
            "Disallow: /"
        } else {
            "Allow: /products/"
        }
        .to_owned(),
    );
    lines.push(String::new());
    lines.push("Sitemap: https://shop.example.com/sitemap.xml".to_owned());
    lines.join("\n") + "\n"
}

/// The extra environments' settings (`--extra-environments`).
pub(crate) fn extra_settings() -> String {
    pretty(&json!({"logLevel": "info", "refreshSeconds": 45}))
}

/// The content and content type a live environment's chain gives version `n` of a profile it
/// deploys: the payments flags for `pflags1`, a small JSON document otherwise.
pub(crate) fn chain_version(profile_id: &str, n: i32) -> (String, &'static str) {
    if profile_id == "pflags1" {
        (payments_flags(n), JSON)
    } else {
        (pretty(&json!({"release": n, "rolloutBatch": n % 10})), JSON)
    }
}

fn pretty(v: &Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enabled(doc: &str, flag: &str) -> Option<bool> {
        let v: Value = serde_json::from_str(doc).ok()?;
        v["values"][flag]["enabled"].as_bool()
    }

    #[test]
    fn staging_version_22_turns_flags_on_that_21_had_off() {
        let (v21, v22) = (payments_flags(21), payments_flags(22));
        assert_eq!(enabled(&v21, "checkout-v2"), Some(false));
        assert_eq!(enabled(&v22, "checkout-v2"), Some(true));
        assert_eq!(enabled(&v21, "gift-cards"), None, "added in 22");
        assert_eq!(enabled(&v22, "gift-cards"), Some(true));
    }

    #[test]
    fn every_flags_version_is_a_feature_flags_document_and_differs_from_the_last() {
        for n in 1..=40 {
            let doc: Value = serde_json::from_str(&payments_flags(n)).unwrap();
            assert_eq!(doc["version"], "1", "version {n}");
            let flags = doc["flags"].as_object().unwrap();
            let values = doc["values"].as_object().unwrap();
            assert_eq!(
                flags.keys().collect::<Vec<_>>(),
                values.keys().collect::<Vec<_>>(),
                "version {n}: a value for every flag"
            );
            if n > 20 {
                assert_ne!(payments_flags(n), payments_flags(n - 1), "version {n}");
            }
        }
    }

    #[test]
    fn the_other_contents_change_from_version_to_version() {
        for n in 2..=40 {
            assert_ne!(
                storefront_settings(n),
                storefront_settings(n - 1),
                "json {n}"
            );
            assert_ne!(storefront_banner(n), storefront_banner(n - 1), "yaml {n}");
            assert_ne!(robots_txt(n), robots_txt(n - 1), "text {n}");
        }
        let v: Value = serde_json::from_str(&storefront_settings(7)).unwrap();
        assert_eq!(v["build"], "build-1007");
    }
}
