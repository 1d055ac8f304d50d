//! What the forms hold: the fields of the find and connection forms, their errors, and what the
//! user typed to find a deployment. Plain data at the bottom of the crate, so that state,
//! validation, errors and components all use it without depending on each other.

/// What the user typed to find a deployment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct FindDraft {
    /// Application id or name.
    pub app: String,
    /// Environment id or name.
    pub env: String,
    /// Deployment number, as typed.
    pub deployment: String,
}

/// A field of the find and connection forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Field {
    /// The application id or name.
    ApplicationId,
    /// The environment id or name.
    EnvironmentId,
    /// The deployment number.
    DeploymentNumber,
    /// The region.
    Region,
    /// The endpoint URL.
    Endpoint,
    /// The proxy URL.
    Proxy,
    /// The gateway URL.
    Gateway,
    /// The account alias at the gateway.
    Account,
    /// The access key id.
    AccessKeyId,
    /// The secret access key.
    SecretAccessKey,
}

/// Field errors, in the order the fields are shown (by [`Field`]'s order): a few at most, so a
/// sorted `Vec` (a `BTreeMap` instantiation costs ~4 KB of wasm).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct FieldErrors(Vec<(Field, String)>);

impl FieldErrors {
    /// No errors.
    pub(crate) fn new() -> FieldErrors {
        FieldErrors::default()
    }

    /// Sets the error of `field` (replacing an earlier one).
    pub(crate) fn insert(&mut self, field: Field, message: String) {
        match self.0.iter().position(|(f, _)| *f >= field) {
            Some(i) if self.0[i].0 == field => self.0[i].1 = message,
            Some(i) => self.0.insert(i, (field, message)),
            None => self.0.push((field, message)),
        }
    }

    /// The error of `field`.
    pub(crate) fn get(&self, field: &Field) -> Option<&String> {
        self.0.iter().find(|(f, _)| f == field).map(|(_, m)| m)
    }

    /// `field` has an error.
    pub(crate) fn contains_key(&self, field: &Field) -> bool {
        self.get(field).is_some()
    }

    /// No field has an error.
    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The fields in error, in order.
    pub(crate) fn keys(&self) -> impl Iterator<Item = &Field> {
        self.0.iter().map(|(f, _)| f)
    }

    /// The messages, in order.
    pub(crate) fn values(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(_, m)| m)
    }
}

impl Field {
    /// The member or setting name (`ApplicationId`, `region` ...), as `data-field` shows it.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Field::ApplicationId => "ApplicationId",
            Field::EnvironmentId => "EnvironmentId",
            Field::DeploymentNumber => "DeploymentNumber",
            Field::Region => "region",
            Field::Endpoint => "endpoint",
            Field::Proxy => "proxy",
            Field::Gateway => "gateway",
            Field::Account => "account",
            Field::AccessKeyId => "accessKeyId",
            Field::SecretAccessKey => "secretAccessKey",
        }
    }

    /// The field a core member or setting name refers to.
    pub(crate) fn from_member(name: &str) -> Option<Field> {
        [
            Field::ApplicationId,
            Field::EnvironmentId,
            Field::DeploymentNumber,
            Field::Region,
            Field::Endpoint,
            Field::Proxy,
            Field::Gateway,
            Field::Account,
            Field::AccessKeyId,
            Field::SecretAccessKey,
        ]
        .into_iter()
        .find(|f| f.as_str() == name)
    }

    /// The field named for people.
    pub(crate) fn label(self) -> &'static str {
        match self {
            Field::ApplicationId => "Application",
            Field::EnvironmentId => "Environment",
            Field::DeploymentNumber => "Deployment number",
            Field::Region => "Region",
            Field::Endpoint => "Endpoint URL",
            Field::Proxy => "Proxy URL",
            Field::Gateway => "Gateway URL",
            Field::Account => "Account",
            Field::AccessKeyId => "Access key id",
            Field::SecretAccessKey => "Secret access key",
        }
    }

    /// The id of its `<input>`.
    pub(crate) fn input_id(self) -> &'static str {
        match self {
            Field::ApplicationId => "find-app",
            Field::EnvironmentId => "find-env",
            Field::DeploymentNumber => "find-deployment",
            Field::Region => "region",
            Field::Endpoint | Field::Proxy | Field::Gateway => "url",
            Field::Account => "account",
            Field::AccessKeyId => "access-key-id",
            Field::SecretAccessKey => "secret-access-key",
        }
    }

    /// Lives in the Connection section.
    pub(crate) fn is_connection(self) -> bool {
        !matches!(
            self,
            Field::ApplicationId | Field::EnvironmentId | Field::DeploymentNumber
        )
    }
}

impl std::ops::Index<&Field> for FieldErrors {
    type Output = String;

    /// The error of `field`; panics when it has none (as a map's index does: for tests).
    fn index(&self, field: &Field) -> &String {
        self.get(field).expect("no error for this field")
    }
}
