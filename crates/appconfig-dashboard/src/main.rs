//! The dashboard's entry point (built by Trunk from `index.html` at the repository root).

fn main() {
    appconfig_dashboard::start();
}
