//! The simulated STS: `AssumeRole` and `GetCallerIdentity` in the query protocol (a
//! form-encoded `POST /` with `Action=...`, SigV4-signed for service `sts` in the simulator's
//! region), answered in XML as AWS sends them. `AssumeRole` hands out temporary credentials (key
//! id, secret, session token, expiration) that the AppConfig API then accepts, session token
//! checked, until they expire: so `aws-config` can drive a real `role_arn` profile against the
//! simulator.

use appconfig_core::DateTime;
use bytes::Bytes;
use http::{HeaderValue, Request, Response, StatusCode};

use crate::auth::{self, SignedRequest};
use crate::awserror::ApiError;
use crate::config::Key;
use crate::state::{lock, Shared};

/// The account id every simulated ARN names.
const ACCOUNT: &str = "123456789012";
const XMLNS: &str = "https://sts.amazonaws.com/doc/2011-06-15/";

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn xml(status: u16, body: String) -> Response<Bytes> {
    let mut r = Response::new(Bytes::from(body));
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST);
    r.headers_mut().insert(
        http::header::CONTENT_TYPE,
        HeaderValue::from_static("text/xml"),
    );
    r
}

/// STS's error document (`ErrorResponse`), with `Sender` for 4xx.
fn error(e: &ApiError, request_id: &str) -> Response<Bytes> {
    let kind = if e.status >= 500 {
        "Receiver"
    } else {
        "Sender"
    };
    xml(
        e.status,
        format!(
            "<ErrorResponse xmlns=\"{XMLNS}\">\n  <Error>\n    <Type>{kind}</Type>\n    <Code>{}</Code>\n    <Message>{}</Message>\n  </Error>\n  <RequestId>{request_id}</RequestId>\n</ErrorResponse>\n",
            e.code,
            escape(&e.message)
        ),
    )
}

/// `application/x-www-form-urlencoded` pairs.
fn form(body: &[u8]) -> Vec<(String, String)> {
    let text = String::from_utf8_lossy(body);
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(&s.replace('+', " "))
            .decode_utf8_lossy()
            .into_owned()
    };
    text.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

fn random_text(len: usize, upper: bool) -> String {
    let mut out = String::new();
    while out.len() < len {
        let u = uuid::Uuid::new_v4().simple().to_string();
        out.push_str(&if upper { u.to_ascii_uppercase() } else { u });
    }
    out.truncate(len);
    out
}

fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// STS's actions, as the form of a `POST /` names them.
const ACTIONS: [&str; 2] = ["AssumeRole", "GetCallerIdentity"];

/// True when a `POST /` is meant for STS rather than CloudWatch's query protocol, which shares
/// the path and the form encoding: AWS tells them apart by host; here the credential scope
/// names the service (`…/us-east-1/sts/aws4_request`), or, unsigned, the form's `Action` does.
pub(crate) fn is_sts(req: &Request<Bytes>) -> bool {
    let scope = req
        .headers()
        .get(http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|a| a.split("Credential=").nth(1))
        .and_then(|c| c.split([',', ' ']).next())
        .and_then(|c| c.split('/').nth(3));
    match scope {
        Some(service) => service == "sts",
        None => param(&form(req.body()), "Action").is_some_and(|a| ACTIONS.contains(&a)),
    }
}

/// Answers `POST /` (STS).
pub(crate) fn answer(shared: &Shared, req: &Request<Bytes>, now: DateTime) -> Response<Bytes> {
    let request_id = uuid::Uuid::new_v4().to_string();
    let params = form(req.body());
    let action = param(&params, "Action").unwrap_or("");
    shared.count(match action {
        "AssumeRole" => "AssumeRole",
        "GetCallerIdentity" => "GetCallerIdentity",
        _ => "UnknownOperation",
    });
    let keys = shared.keys_at(now);
    let caller = match auth::verify(
        &keys,
        &shared.config.region,
        "sts",
        &SignedRequest::of(req),
        now,
    ) {
        Ok(k) => k.clone(),
        Err(e) => return error(&e, &request_id),
    };
    match action {
        "GetCallerIdentity" => {
            let (arn, user_id) = identity(&caller);
            xml(
                200,
                format!(
                    "<GetCallerIdentityResponse xmlns=\"{XMLNS}\">\n  <GetCallerIdentityResult>\n    <Arn>{}</Arn>\n    <UserId>{}</UserId>\n    <Account>{ACCOUNT}</Account>\n  </GetCallerIdentityResult>\n  <ResponseMetadata>\n    <RequestId>{request_id}</RequestId>\n  </ResponseMetadata>\n</GetCallerIdentityResponse>\n",
                    escape(&arn),
                    escape(&user_id)
                ),
            )
        }
        "AssumeRole" => assume_role(shared, &params, now, &request_id),
        other => error(
            &ApiError::new(
                400,
                "InvalidAction",
                format!(
                    "Could not find operation {} for version 2011-06-15",
                    other.chars().take(64).collect::<String>()
                ),
            ),
            &request_id,
        ),
    }
}

/// The ARN and user id of a caller: an assumed role for temporary credentials, else the
/// simulator's user.
fn identity(caller: &Key) -> (String, String) {
    let id = caller.access_key_id().to_owned();
    if caller.session_token().is_some() {
        (
            format!("arn:aws:sts::{ACCOUNT}:assumed-role/appconfig-sim/session"),
            format!("AROAAPPCONFIGSIM:{id}"),
        )
    } else {
        (format!("arn:aws:iam::{ACCOUNT}:user/appconfig-sim"), id)
    }
}

fn assume_role(
    shared: &Shared,
    params: &[(String, String)],
    now: DateTime,
    request_id: &str,
) -> Response<Bytes> {
    let validation = |m: String| error(&ApiError::new(400, "ValidationError", m), request_id);
    let Some(role_arn) =
        param(params, "RoleArn").filter(|a| a.starts_with("arn:") && a.len() <= 2048)
    else {
        return validation("1 validation error detected: Value at 'roleArn' failed to satisfy constraint: Member must be an ARN".into());
    };
    let Some(session) = param(params, "RoleSessionName").filter(|s| {
        (2..=64).contains(&s.len())
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"+=,.@-_".contains(&b))
    }) else {
        return validation("1 validation error detected: Value at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]{2,64}".into());
    };
    let seconds = match param(params, "DurationSeconds").map(str::parse::<i64>) {
        None => 3600,
        Some(Ok(s)) if (900..=43_200).contains(&s) => s,
        Some(_) => {
            return validation("1 validation error detected: Value at 'durationSeconds' failed to satisfy constraint: Member must have value between 900 and 43200".into())
        }
    };
    let role_name = role_arn.rsplit('/').next().unwrap_or("role");
    let key_id = format!("ASIA{}", random_text(16, true));
    let secret = random_text(40, false);
    let token = format!("FwoGZXIvYXdzEXAMPLE{}", random_text(120, false));
    let expires = now.add_millis(seconds * 1000);
    let key = Key::from_credentials(appconfig_core::Credentials::new(
        key_id.clone(),
        secret.clone(),
        Some(token.clone()),
    ));
    {
        let mut sessions = lock(&shared.sessions);
        // Bounded: the oldest sessions go first.
        if sessions.len() >= 1000 {
            sessions.remove(0);
        }
        sessions.push((key, expires));
    }
    xml(
        200,
        format!(
            "<AssumeRoleResponse xmlns=\"{XMLNS}\">\n  <AssumeRoleResult>\n    <AssumedRoleUser>\n      <Arn>arn:aws:sts::{ACCOUNT}:assumed-role/{}/{}</Arn>\n      <AssumedRoleId>AROA{}:{}</AssumedRoleId>\n    </AssumedRoleUser>\n    <Credentials>\n      <AccessKeyId>{key_id}</AccessKeyId>\n      <SecretAccessKey>{secret}</SecretAccessKey>\n      <SessionToken>{token}</SessionToken>\n      <Expiration>{}</Expiration>\n    </Credentials>\n  </AssumeRoleResult>\n  <ResponseMetadata>\n    <RequestId>{request_id}</RequestId>\n  </ResponseMetadata>\n</AssumeRoleResponse>\n",
            escape(role_name),
            escape(session),
            random_text(17, true),
            escape(session),
            expires.to_rfc3339()
        ),
    )
}
