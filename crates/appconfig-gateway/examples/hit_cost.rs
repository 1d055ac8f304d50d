//! What one cache hit costs the gateway, in a figure that a loaded machine does not blur: run it
//! under callgrind twice, with `N` and `2N` cached reads, and the difference of the instruction
//! counts over `N` is the instructions per cached request (user space, the gateway's whole path:
//! hyper's parsing, routing, CORS, the bearer token's SHA-256, the operation's parsing, the cache
//! lookup, the answer; plus this program's minimal client, a fixed request written and the
//! answer read on one keep-alive connection). Startup, the simulator and the one upstream
//! request cancel out. Wall-clock latency on a shared 2-core machine measures the neighbours.
//!
//! ```sh
//! valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.1 target/release/examples/hit_cost 1000
//! valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.2 target/release/examples/hit_cost 2000
//! ```

use std::io::{Read, Write};
use std::net::TcpStream;

use appconfig_gateway::{AuditLog, Config, Gateway};
use appconfig_sim::{Config as SimConfig, Server};

const TOKEN: &str = "hit-cost-token";

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let dir =
        std::env::temp_dir().join(format!("appconfig-gateway-hit-cost-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (sim, gateway) = rt.block_on(async {
        let sim = Server::start(SimConfig::for_tests()).await.unwrap();
        let (config, credentials) = (dir.join("config"), dir.join("credentials"));
        std::fs::write(
            &config,
            "[profile demo]\naws_access_key_id = AKIDAPPCONFIGSIMDEMO\naws_secret_access_key = appconfig-sim-demo-secret-key\n",
        )
        .unwrap();
        std::fs::write(&credentials, "").unwrap();
        use sha2::Digest;
        let sha: String = sha2::Sha256::digest(TOKEN.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let text = format!(
            "listen = \"127.0.0.1:0\"\n[auth]\ntokens = [{{ name = \"bench\", sha256 = \"{sha}\" }}]\n[cache]\nfinished_seconds = 3600\n[accounts.demo]\nregion = \"us-east-1\"\nendpoint = \"{}\"\ncredentials = {{ profile = \"demo\", config_file = {:?}, credentials_file = {:?} }}\n",
            sim.url(),
            config.display().to_string(),
            credentials.display().to_string()
        );
        let config = Config::from_toml(&text, "hit_cost.toml").unwrap();
        let gateway = Gateway::start(config, AuditLog::in_memory()).await.unwrap();
        (sim, gateway)
    });
    // A finished deployment: fresh for an hour once read.
    let request = format!(
        "GET /v1/demo/us-east-1/appconfig/applications/339ohji/environments/54j1r29/deployments/1 HTTP/1.1\r\nHost: {}\r\nAuthorization: Bearer {TOKEN}\r\n\r\n",
        gateway.addr()
    );
    let mut conn = TcpStream::connect(gateway.addr()).unwrap();
    conn.set_nodelay(true).unwrap();
    let mut buf = vec![0u8; 64 * 1024];
    let mut read_answer = |conn: &mut TcpStream| -> String {
        // Head, then Content-Length bytes of body.
        let mut got = Vec::new();
        loop {
            let k = conn.read(&mut buf).unwrap();
            assert!(k > 0, "the gateway closed the connection");
            got.extend_from_slice(&buf[..k]);
            if let Some(end) = got.windows(4).position(|w| w == b"\r\n\r\n") {
                let head = String::from_utf8_lossy(&got[..end]).to_ascii_lowercase();
                let len: usize = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(0);
                while got.len() < end + 4 + len {
                    let k = conn.read(&mut buf).unwrap();
                    assert!(k > 0, "the gateway closed the connection");
                    got.extend_from_slice(&buf[..k]);
                }
                return head;
            }
        }
    };
    conn.write_all(request.as_bytes()).unwrap();
    let first = read_answer(&mut conn);
    assert!(first.starts_with("http/1.1 200"), "{first}");
    for _ in 0..n {
        conn.write_all(request.as_bytes()).unwrap();
        let head = read_answer(&mut conn);
        assert!(
            head.contains("x-appconfig-gateway-cache: hit"),
            "not a cache hit: {head}"
        );
    }
    println!("{n} cached reads answered");
    drop(conn);
    rt.block_on(async {
        gateway.shutdown().await;
        sim.shutdown().await;
    });
    let _ = std::fs::remove_dir_all(&dir);
}
